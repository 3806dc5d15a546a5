import { useQueryClient } from '@tanstack/react-query';
import { invalidateOperations } from '../../lib/queries';

// Everything that shows a contract's gaps: the list (its gap column, clause counts, notice hours), one contract,
// its gap report and the organisation-wide overview.
const CONTRACT_VIEWS = ['contractsListContracts', 'contractsGetContract', 'contractsGetContractGaps', 'contractsGetGapOverview'];

/** After a contract changes: every view of it, and the audit trail. */
export function useRefreshContracts(): () => Promise<void[]> {
  const queryClient = useQueryClient();
  return () => invalidateOperations(queryClient, ...CONTRACT_VIEWS, 'auditEventsListAuditEvents');
}

/**
 * After the library or the policy changes (a requirement added, edited or deleted; a limit or a required key): the
 * library itself, and every gap figure, since each contract is held against it.
 */
export function useRefreshLibrary(): () => Promise<void[]> {
  const queryClient = useQueryClient();
  return () => invalidateOperations(queryClient, 'contractsListClauseRequirements', ...CONTRACT_VIEWS, 'auditEventsListAuditEvents');
}
