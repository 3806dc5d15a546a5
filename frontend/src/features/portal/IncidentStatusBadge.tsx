import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentStatus } from '../../client/types.gen';

const COLORS: Record<IncidentStatus, string> = {
  suspected: 'orange',
  confirmed: 'red',
  not_a_breach: 'gray',
  contained: 'blue',
  closed: 'teal',
};

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLORS[status]} style={{ flexShrink: 0 }} data-testid="incident-status">
      {t(`portal.incidents.status.${status}`)}
    </Badge>
  );
}
