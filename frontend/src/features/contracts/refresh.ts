import { useQueryClient } from '@tanstack/react-query';
import { invalidateOperations } from '../../lib/queries';

/** After a contract changes: the list (clause counts, notice hours), the contract and its gap report follow from it. */
export function useRefreshContracts(): () => Promise<void[]> {
  const queryClient = useQueryClient();
  return () =>
    invalidateOperations(queryClient, 'contractsListContracts', 'contractsGetContract', 'contractsGetContractGaps', 'auditEventsListAuditEvents');
}
