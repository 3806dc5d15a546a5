import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

/** `2026/03/31`, `2026-03-31` or `20260331` → `2026-03-31`; anything else is no date. */
export function parseDay(text: string): string | null {
  const m = /^\s*(\d{4})[-/.年]?\s*(\d{1,2})[-/.月]?\s*(\d{1,2})日?\s*$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** A calendar date typed as YYYY/MM/DD (or picked), held as `YYYY-MM-DD` like the API; every control named. */
export function DayInput(props: DateInputProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      valueFormat="YYYY/MM/DD"
      placeholder="YYYY/MM/DD"
      dateParser={parseDay}
      clearable
      clearButtonProps={{ 'aria-label': t('dates.clear') }}
      ariaLabels={{
        nextMonth: t('dates.nextMonth'),
        previousMonth: t('dates.previousMonth'),
        nextYear: t('dates.nextYear'),
        previousYear: t('dates.previousYear'),
        nextDecade: t('dates.nextDecade'),
        previousDecade: t('dates.previousDecade'),
        monthLevelControl: t('dates.chooseMonth'),
        yearLevelControl: t('dates.chooseYear'),
      }}
      popoverProps={{ withinPortal: true }}
      {...props}
    />
  );
}
