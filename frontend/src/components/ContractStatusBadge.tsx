import { useTranslation } from 'react-i18next';
import type { ContractStatus } from '../client/types.gen';
import { ToneBadge, type Tone } from './TierBadge';

// Shared by the contract screens and the vendor page's contracts tab.
const CONTRACT_STATUS_TONES: Record<ContractStatus, Tone> = { draft: 'neutral', active: 'low', expired: 'medium', terminated: 'neutral' };

export function ContractStatusBadge({ status, size = 'sm' }: { status: ContractStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <ToneBadge tone={CONTRACT_STATUS_TONES[status]} size={size} miw="max-content" data-contract-status={status}>
      {t(`contracts.statuses.${status}`)}
    </ToneBadge>
  );
}
