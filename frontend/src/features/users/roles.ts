import { Role } from '../../client/types.gen';
import { enumValues } from '../../lib/enums';

export const ROLES = enumValues(Role);

export const STATUS_COLORS = { active: 'teal', invited: 'yellow', deactivated: 'gray' } as const;
