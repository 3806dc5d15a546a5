import { useQueryClient } from '@tanstack/react-query';
import { invalidateOperations } from '../../lib/queries';

/** After any change to a template: its page, the list (published/draft columns) and the audit trail. */
export function useRefreshQuestionnaires(): () => Promise<void[]> {
  const queryClient = useQueryClient();
  return () =>
    invalidateOperations(
      queryClient,
      'questionnairesListQuestionnaires',
      'questionnairesGetQuestionnaire',
      'questionnairesGetQuestionnaireVersion',
      'auditEventsListAuditEvents',
    );
}
