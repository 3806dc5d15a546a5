import type { AssessmentRead } from '../../client/types.gen';

/** What the page offers; `send` is called a reminder once the vendor has had a link. */
export type AssessmentAction = 'send' | 'remind' | 'start_review' | 'return' | 'accept' | 'import' | 'delete';

// The order the header shows them in: the next step of the review first, the rare ones last.
const ORDER: readonly AssessmentAction[] = ['start_review', 'accept', 'return', 'send', 'remind', 'import', 'delete'];

/**
 * The actions the API allows for this assessment now (`allowed_actions`), as the page names them.
 * Viewers read only, whatever the status; actions the page does not know are left out.
 */
export function assessmentActions(a: Pick<AssessmentRead, 'status' | 'allowed_actions'>, canEdit: boolean): AssessmentAction[] {
  if (!canEdit) return [];
  const named = a.allowed_actions.map((x): string => (x === 'send' && a.status !== 'draft' ? 'remind' : x));
  return ORDER.filter((x) => named.includes(x));
}

/** Comments on answers are made while the assessment can still be returned or accepted. */
export function canReviewAnswers(a: Pick<AssessmentRead, 'allowed_actions'>, canEdit: boolean): boolean {
  return canEdit && a.allowed_actions.includes('return');
}
