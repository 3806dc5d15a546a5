import { useQueryClient } from '@tanstack/react-query';
import { invalidateOperations } from '../../lib/queries';

/**
 * After any change to an assessment or a finding: lists, counts of open findings and the register's
 * assessment filters all follow from it, so every such read on screen is refreshed.
 */
export function useRefreshAssessments(): () => Promise<void[]> {
  const queryClient = useQueryClient();
  return () =>
    invalidateOperations(
      queryClient,
      'assessmentsListAssessments',
      'assessmentsGetAssessment',
      'assessmentsListAssessmentInvitations',
      'findingsListFindings',
      'findingsGetFinding',
      'vendorsListVendors',
      'auditEventsListAuditEvents',
    );
}
