import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Text the vendor or an auditor wrote, line breaks kept; a dash when empty. */
export function Prose({ text }: { text: string | null | undefined }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={text ? undefined : 'dimmed'}>
      {text || t('common.none')}
    </Text>
  );
}

/** A yes / no answer, or a dash when unanswered. */
export function YesNo({ value }: { value: boolean | null | undefined }) {
  const { t } = useTranslation();
  return <>{value === null || value === undefined ? t('common.none') : value ? t('common.yes') : t('common.no')}</>;
}
