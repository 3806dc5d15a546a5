import { useQueryClient } from '@tanstack/react-query';
import { invalidateOperations } from '../../lib/queries';

// Everything that shows an incident or its deadlines: the list, one incident with its checklist and timeline, the
// dashboard's deadlines, the supply-chain reach, and the audit trail.
const INCIDENT_VIEWS = [
  'incidentsListIncidents',
  'incidentsGetIncident',
  'incidentsListIncidentEvents',
  'incidentsListIncidentObligations',
  'incidentsGetIncidentReach',
  'dashboardGetDashboard',
  'auditEventsListAuditEvents',
];

/** After an incident, an obligation or the policy changes. */
export function useRefreshIncidents(): () => Promise<void[]> {
  const queryClient = useQueryClient();
  return () => invalidateOperations(queryClient, ...INCIDENT_VIEWS);
}
