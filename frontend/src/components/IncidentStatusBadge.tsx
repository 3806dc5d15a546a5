import type { BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IncidentStatus } from '../client/types.gen';
import { enumValues } from '../lib/enums';
import { ToneBadge, type Tone } from './TierBadge';

// Shared by the incident screens, the dashboard and the vendor page's incidents tab.
/** The statuses in which the clocks still run. */
export const OPEN_INCIDENT_STATUSES: readonly IncidentStatus[] = ['suspected', 'confirmed', 'contained'];
/** The open ones first, in the order an incident goes through them. */
export const INCIDENT_STATUSES = enumValues(IncidentStatus, OPEN_INCIDENT_STATUSES);

const TONES: Record<IncidentStatus, Tone> = {
  suspected: 'high',
  confirmed: 'critical',
  contained: 'medium',
  not_a_breach: 'neutral',
  closed: 'low',
};

export function IncidentStatusBadge({ status, size = 'sm' }: { status: IncidentStatus; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <ToneBadge tone={TONES[status]} size={size} miw="max-content" data-incident-status={status}>
      {t(`incidents.statuses.${status}`)}
    </ToneBadge>
  );
}
