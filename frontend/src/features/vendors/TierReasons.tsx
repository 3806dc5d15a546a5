import { Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TierReason } from '../../client/types.gen';

/** Why the tier is what it is: every reason the API gives, in the reader's language, with its points. */
export function TierReasons({ reasons }: { reasons: TierReason[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <List spacing={6} size="sm" listStyleType="none" aria-label={t('vendors.overview.reasonsTitle')} data-testid="tier-reasons">
      {reasons.map((r) => (
        <List.Item key={r.code} data-code={r.code}>
          <Group gap="sm" wrap="nowrap" align="baseline">
            <Text size="sm" fw={600} c={r.points > 0 ? 'navy.9' : 'dimmed'} w={56} ta="right" style={{ flexShrink: 0 }} className="nowrap">
              {r.points > 0 ? t('vendors.overview.points', { points: r.points }) : '±0'}
            </Text>
            <Text size="sm">{lang === 'en' ? r.en : r.ja}</Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
