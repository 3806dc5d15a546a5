import { ActionIcon, Box, Group, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MonitoringItemRead } from '../../client/types.gen';
import { SettleLink } from '../../components/MonitoringItem';
import { toneStyle } from '../../components/TierBadge';
import { STAGE_TONES, STAGES } from '../../lib/monitoring';
import { intlLocale } from '../../lib/format';
import { byDay, monthGrid, weekdayOfColumn } from './calendar';
import classes from './MonthGrid.module.css';

const SHOWN_PER_DAY = 4;

/** A month of the review calendar: items on their due days, coloured by stage, each linking to what settles it. */
export function MonthGrid({
  month,
  today,
  items,
  onMonth,
  onDay,
}: {
  month: string;
  today: string;
  items: MonitoringItemRead[];
  onMonth: (delta: number | null) => void;
  /** Show a day's items as a list (when a day has more than fit). */
  onDay: (day: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(i18n.language);
  const weekStart = i18n.language === 'en' ? 1 : 0;
  const weeks = monthGrid(month, weekStart);
  const days = byDay(items);
  const monthName = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
  const weekday = (col: number, style: 'short' | 'long') =>
    new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(new Date(`${weekdayOfColumn(col, weekStart)}T00:00:00Z`));
  const dayLabel = (day: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="xs" wrap="nowrap">
          <Tooltip label={t('dates.previousMonth')} withArrow>
            <ActionIcon variant="default" size="lg" onClick={() => onMonth(-1)} aria-label={t('dates.previousMonth')}>
              <IconChevronLeft size={18} />
            </ActionIcon>
          </Tooltip>
          <Title order={2} fz="lg" miw={140} ta="center" aria-live="polite" data-testid="calendar-month">
            {monthName}
          </Title>
          <Tooltip label={t('dates.nextMonth')} withArrow>
            <ActionIcon variant="default" size="lg" onClick={() => onMonth(1)} aria-label={t('dates.nextMonth')}>
              <IconChevronRight size={18} />
            </ActionIcon>
          </Tooltip>
          <UnstyledButton onClick={() => onMonth(null)} className={classes.todayButton}>
            {t('monitoring.calendar.thisMonth')}
          </UnstyledButton>
        </Group>
        <Group gap="xs" aria-hidden>
          {STAGES.map((s) => (
            <Group key={s} gap={4} wrap="nowrap">
              <Box className={classes.swatch} style={toneStyle(STAGE_TONES[s])} />
              <Text size="xs">{t(`monitoring.stages.${s}`)}</Text>
            </Group>
          ))}
        </Group>
      </Group>
      <Box className={classes.scroll}>
        <table className={classes.grid} aria-label={t('monitoring.calendar.label', { month: monthName })}>
          <thead>
            <tr>
              {Array.from({ length: 7 }, (_, c) => (
                <th key={c} scope="col" abbr={weekday(c, 'long')}>
                  {weekday(c, 'short')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]?.day}>
                {week.map(({ day, inMonth }) => {
                  const list = days.get(day) ?? [];
                  const more = list.length - SHOWN_PER_DAY;
                  return (
                    <td key={day} className={classes.cell} data-in-month={inMonth || undefined} data-today={day === today || undefined} data-day={day}>
                      <Text size="xs" fw={day === today ? 700 : 500} c={inMonth ? undefined : 'dimmed'} className={classes.dayNumber}>
                        <span aria-hidden>{Number(day.slice(8))}</span>
                        <span className="visually-hidden">{dayLabel(day)}</span>
                      </Text>
                      {inMonth && (
                        <Stack gap={3} component="ul" className={classes.items}>
                          {list.slice(0, SHOWN_PER_DAY).map((i) => (
                            <li key={i.id} className={classes.item} style={toneStyle(STAGE_TONES[i.stage])} data-testid="calendar-item" data-stage={i.stage}>
                              <SettleLink item={i} size="xs" label={`${t(`monitoring.stages.${i.stage}`)}: ${t(`monitoring.kindsShort.${i.kind}`)} — ${i.vendor_name}`}>
                                <span className={classes.kind}>{t(`monitoring.kindsShort.${i.kind}`)}</span> {i.vendor_name}
                              </SettleLink>
                            </li>
                          ))}
                          {more > 0 && (
                            <li>
                              <UnstyledButton onClick={() => onDay(day)} className={classes.more}>
                                {t('monitoring.calendar.more', { count: more })}
                              </UnstyledButton>
                            </li>
                          )}
                        </Stack>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
    </Stack>
  );
}
