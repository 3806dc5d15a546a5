import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ContractStatus, type Level, type Status } from '../../client/types.gen';
import { ToneBadge, type Tone } from '../../components/TierBadge';
import { enumValues } from '../../lib/enums';

// The API's stable values in the order people read them; labels are in the message files.
// (The status badge itself is shared with the vendor page: components/ContractStatusBadge.)
export const CONTRACT_STATUSES = enumValues(ContractStatus);

export const GAP_TONES: Record<Status, Tone> = { missing: 'critical', weaker: 'medium', met: 'low' };

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

/** A requirement the organisation added to the library itself, not a built-in one. */
export function OwnRequirementBadge() {
  const { t } = useTranslation();
  return (
    <ToneBadge tone="info" miw="max-content" data-own-requirement="true">
      {t('contracts.library.ownBadge')}
    </ToneBadge>
  );
}

/** An active contract past its notice date (or its end): someone has to decide on renewal now. */
export function RenewalDueBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('contracts.renewalDueHint')} withArrow multiline w={280} events={{ hover: true, focus: true, touch: false }}>
      <ToneBadge tone="high" miw="max-content" tabIndex={0} data-testid="renewal-due">
        {t('contracts.renewalDue')}
      </ToneBadge>
    </Tooltip>
  );
}
