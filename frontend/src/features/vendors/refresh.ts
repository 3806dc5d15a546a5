import { useQueryClient } from '@tanstack/react-query';
import { invalidateOperations } from '../../lib/queries';

/**
 * After any change to a vendor or its parts: the tier may change for it and for every vendor above
 * it in a subcontracting chain, so every vendor read that is on screen is refreshed.
 */
export function useRefreshVendors(): () => Promise<void[]> {
  const queryClient = useQueryClient();
  return () =>
    invalidateOperations(
      queryClient,
      'vendorsGetVendor',
      'vendorsListVendors',
      'vendorsListTierHistory',
      'vendorsListProcessing',
      'vendorsListContacts',
      'vendorsListSubcontractors',
      'vendorsGetSubcontractorTree',
      'vendorsListExposedVendors',
      'vendorsListCertifications',
      'auditEventsListAuditEvents',
    );
}
