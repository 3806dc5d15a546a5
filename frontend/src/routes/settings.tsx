import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from './app';

const page = z.number().int().min(1).max(100000).optional().catch(undefined);
const size = z.number().int().min(1).max(100).optional().catch(undefined);

export const settingsIndexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings',
  beforeLoad: () => {
    throw redirect({ to: '/settings/organization' });
  },
});

export const organizationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings/organization',
  component: lazyRouteComponent(() => import('../features/organization/OrganizationPage'), 'OrganizationPage'),
});

export const riskPolicyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings/risk-policy',
  component: lazyRouteComponent(() => import('../features/risk-policy/RiskPolicyPage'), 'RiskPolicyPage'),
});

export const usersSearch = z.object({
  page,
  size,
  sort: z.enum(['name', '-name', 'email', '-email', 'created_at', '-created_at']).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  role: z.enum(['admin', 'manager', 'viewer']).optional().catch(undefined),
  access: z.enum(['active', 'deactivated']).optional().catch(undefined),
});

export const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings/users',
  validateSearch: usersSearch,
  component: lazyRouteComponent(() => import('../features/users/UsersPage'), 'UsersPage'),
});

export const apiKeysRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings/api-keys',
  validateSearch: z.object({ page, size, revoked: z.boolean().optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('../features/api-keys/ApiKeysPage'), 'ApiKeysPage'),
});

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);

export const auditSearch = z.object({
  page,
  size,
  sort: z.enum(['occurred_at', '-occurred_at']).optional().catch(undefined),
  entity_type: z.string().max(64).optional().catch(undefined),
  action: z.string().max(64).optional().catch(undefined),
  actor: z.uuid().optional().catch(undefined),
  from: day,
  to: day,
  event: z.uuid().optional().catch(undefined),
});

export const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings/audit',
  validateSearch: auditSearch,
  component: lazyRouteComponent(() => import('../features/audit/AuditTrailPage'), 'AuditTrailPage'),
});

export const jobsSearch = z.object({
  page,
  size,
  tab: z.enum(['jobs', 'mail']).optional().catch(undefined),
  state: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).optional().catch(undefined),
  outcome: z.enum(['sent', 'failed', 'not_sent']).optional().catch(undefined),
});

export const jobsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings/jobs',
  validateSearch: jobsSearch,
  component: lazyRouteComponent(() => import('../features/jobs/JobsPage'), 'JobsPage'),
});

export const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'profile',
  component: lazyRouteComponent(() => import('../features/profile/ProfilePage'), 'ProfilePage'),
});
