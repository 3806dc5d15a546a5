import { AssessmentKind } from '../../client/types.gen';
import { enumValues } from '../../lib/enums';

// The API's stable values in the order people read them; labels are in the message files.
export const KINDS = enumValues(AssessmentKind);
