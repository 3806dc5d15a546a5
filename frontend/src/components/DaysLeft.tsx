import type { BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { countdown, deadlineTone, type DeadlineTone } from '../lib/deadlines';
import { ToneBadge, type Tone } from './TierBadge';

const TONES: Record<DeadlineTone, Tone> = { overdue: 'critical', soon: 'high', later: 'neutral' };

/** "あと3日" / "2日超過" as a badge: red when late, orange at three days or fewer. */
export function DaysLeft({ days, overdue = false, size = 'sm' }: { days: number | null | undefined; overdue?: boolean; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  const tone = deadlineTone(days, overdue);
  if (tone === null || days === null || days === undefined) return null;
  const c = countdown(days, overdue);
  return (
    <ToneBadge tone={TONES[tone]} size={size} miw="max-content" data-tone={tone} data-days-left={days}>
      {t(`incidents.countdown.${c.key}`, { count: c.count })}
    </ToneBadge>
  );
}
