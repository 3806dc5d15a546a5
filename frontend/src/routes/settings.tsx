import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { Role } from '../client/types.gen';
import { appRoute } from './app';
import { day, flag, id, optional, page, size, text } from './search';

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
  sort: optional(z.enum(['name', '-name', 'email', '-email', 'created_at', '-created_at'])),
  q: text,
  role: optional(z.enum(Role)),
  access: optional(z.enum(['active', 'deactivated'])),
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
  validateSearch: z.object({ page, size, revoked: flag }),
  component: lazyRouteComponent(() => import('../features/api-keys/ApiKeysPage'), 'ApiKeysPage'),
});

export const auditSearch = z.object({
  page,
  size,
  sort: optional(z.enum(['occurred_at', '-occurred_at'])),
  entity_type: optional(z.string().max(64)),
  action: optional(z.string().max(64)),
  actor: id,
  from: day,
  to: day,
  event: id,
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
