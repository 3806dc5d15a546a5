import { useQueryClient } from '@tanstack/react-query';
import { invalidateOperations } from '../../lib/queries';

// Everything that shows the review calendar or what settles it: the calendar and its items, the vendor's summary, the
// report queue and reports, audits, change requests, the subcontractor tree an approval adds to, and the audit trail.
const MONITORING_VIEWS = [
  'monitoringListMonitoringItems',
  'monitoringGetMonitoringItem',
  'monitoringGetVendorMonitoring',
  'monitoringListVendorReports',
  'monitoringGetVendorReport',
  'monitoringListAudits',
  'monitoringGetAudit',
  'monitoringListChangeRequests',
  'monitoringGetChangeRequest',
  'vendorsGetSubcontractorTree',
  'vendorsListSubcontractors',
  'auditEventsListAuditEvents',
];

/** After a report is reviewed, an audit or change request moves, or the policy changes. */
export function useRefreshMonitoring(): () => Promise<void[]> {
  const queryClient = useQueryClient();
  return () => invalidateOperations(queryClient, ...MONITORING_VIEWS);
}
