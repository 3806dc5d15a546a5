import type { AssessmentKind } from '../../client/types.gen';

// The API's stable values in the order people read them; labels are in the message files.
export const KINDS: readonly AssessmentKind[] = ['selection', 'periodic', 'ad_hoc'];
