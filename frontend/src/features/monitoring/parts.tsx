import { Group, Text, type MantineSpacing } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ToneBadge, type Tone } from '../../components/TierBadge';

/** Text the vendor or an auditor wrote, line breaks kept; a dash when empty. */
export function Prose({ text }: { text: string | null | undefined }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={text ? undefined : 'dimmed'}>
      {text || t('common.none')}
    </Text>
  );
}

/**
 * A yes / no question of a report and its answer: a badge in the answer's tone (`tones`: yes's, then no's), or a
 * dash when unanswered.
 */
export function YesNoLine({
  question,
  value,
  tones: [yesTone, noTone],
  mb = 'xs',
  badgeTestId,
}: {
  question: string;
  value: boolean | null | undefined;
  tones: [Tone, Tone];
  mb?: MantineSpacing;
  badgeTestId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" mb={mb}>
      <Text size="sm">{question}</Text>
      {value === null || value === undefined ? (
        <Text size="sm">{t('common.none')}</Text>
      ) : (
        <ToneBadge tone={value ? yesTone : noTone} data-testid={badgeTestId}>
          {value ? t('common.yes') : t('common.no')}
        </ToneBadge>
      )}
    </Group>
  );
}
