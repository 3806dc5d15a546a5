import type { Role } from '../../client/types.gen';

export const ROLES: readonly Role[] = ['admin', 'manager', 'viewer'];

export const STATUS_COLORS = { active: 'teal', invited: 'yellow', deactivated: 'gray' } as const;
