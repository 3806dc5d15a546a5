import { Badge, type BadgeProps } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Tier } from '../client/types.gen';
import { enumValues } from '../lib/enums';

export const TIERS = enumValues(Tier);

/**
 * Tones for risk: each a tinted background with dark text and a border, all above 7:1 contrast, so
 * that the amber and orange ones stay readable (Mantine's light yellow and orange are not) and the
 * word, not only the colour, tells the level.
 */
export type Tone = 'critical' | 'high' | 'medium' | 'low' | 'info' | 'neutral';

const TONES: Record<Tone, { background: string; color: string; borderColor: string }> = {
  critical: { background: '#fde8e8', color: '#8f1d1d', borderColor: '#f1a7a7' },
  high: { background: '#ffedd5', color: '#8a3306', borderColor: '#f6b783' },
  medium: { background: '#fef6d2', color: '#6b4f00', borderColor: '#e9cf6a' },
  low: { background: '#e3f4ea', color: '#1c5f36', borderColor: '#9fd4b3' },
  info: { background: '#e8f0f9', color: '#1d4a73', borderColor: '#a9c3e0' },
  neutral: { background: '#f1f3f5', color: '#343a40', borderColor: '#ced4da' },
};

/** A tone's colours as an inline style (background, text, border colour): the badges', and the same anywhere else. */
export function toneStyle(tone: Tone): CSSProperties {
  return TONES[tone];
}

export function ToneBadge({ tone, ...props }: BadgeProps & { tone: Tone; children: ReactNode; tabIndex?: number; 'data-tier'?: string }) {
  return <Badge variant="outline" size="sm" style={{ ...toneStyle(tone), borderWidth: 1, borderStyle: 'solid' }} {...props} />;
}

export function TierBadge({ tier, size = 'sm' }: { tier: Tier; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <ToneBadge tone={tier} size={size} data-tier={tier}>
      {t(`vendors.tiers.${tier}`)}
    </ToneBadge>
  );
}
