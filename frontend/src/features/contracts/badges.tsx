import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContractStatus, Level, Status } from '../../client/types.gen';
import { ToneBadge, type Tone } from '../../components/TierBadge';

// The API's stable values in the order people read them; labels are in the message files.
export const CONTRACT_STATUSES: readonly ContractStatus[] = ['draft', 'active', 'expired', 'terminated'];

const STATUS_TONES: Record<ContractStatus, Tone> = { draft: 'neutral', active: 'low', expired: 'medium', terminated: 'neutral' };
export const GAP_TONES: Record<Status, Tone> = { missing: 'critical', weaker: 'medium', met: 'low' };

export function ContractStatusBadge({ status, size = 'sm' }: { status: ContractStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <ToneBadge tone={STATUS_TONES[status]} size={size} miw="max-content" data-contract-status={status}>
      {t(`contracts.statuses.${status}`)}
    </ToneBadge>
  );
}

/** Required reads strong, desirable quiet, a clause the profile does not apply quieter still. */
export function LevelBadge({ level }: { level: Level | null }) {
  const { t } = useTranslation();
  if (!level) {
    return (
      <Badge size="sm" variant="outline" color="gray" miw="max-content">
        {t('contracts.levels.notApplied')}
      </Badge>
    );
  }
  return (
    <Badge size="sm" variant={level === 'required' ? 'filled' : 'light'} color="navy" miw="max-content" data-level={level}>
      {t(`contracts.levels.${level}`)}
    </Badge>
  );
}

export function MyNumberBadge() {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color="grape" miw="max-content">
      {t('contracts.myNumber')}
    </Badge>
  );
}
