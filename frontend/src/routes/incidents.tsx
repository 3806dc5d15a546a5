import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from './app';

// Owned by the incidents feature: the list (filters in the URL), registering one, one incident, the policy.
const id = z.uuid().optional().catch(undefined);

export const incidentsSearch = z.object({
  page: z.number().int().min(1).max(100000).optional().catch(undefined),
  size: z.number().int().min(1).max(100).optional().catch(undefined),
  sort: z.enum(['-aware_at', 'aware_at', '-updated_at', 'title']).optional().catch(undefined),
  vendor: id,
  status: z.array(z.enum(['suspected', 'confirmed', 'contained', 'not_a_breach', 'closed'])).max(5).optional().catch(undefined),
  /** Only incidents whose clocks still run (suspected, confirmed, contained). */
  open: z.boolean().optional().catch(undefined),
});

export const incidentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'incidents',
  validateSearch: incidentsSearch,
  component: lazyRouteComponent(() => import('../features/incidents/IncidentsPage'), 'IncidentsPage'),
});

export const newIncidentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'incidents/new',
  /** The vendor to start with (a vendor page, the list's vendor filter). */
  validateSearch: z.object({ vendor: id }),
  component: lazyRouteComponent(() => import('../features/incidents/NewIncidentPage'), 'NewIncidentPage'),
});

export const incidentPolicyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'incidents/policy',
  component: lazyRouteComponent(() => import('../features/incidents/IncidentPolicyPage'), 'IncidentPolicyPage'),
});

export const INCIDENT_TABS = ['obligations', 'facts', 'timeline', 'documents', 'exposure', 'reach'] as const;

export const incidentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'incidents/$incidentId',
  validateSearch: z.object({ tab: z.enum(INCIDENT_TABS).optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('../features/incidents/IncidentPage'), 'IncidentPage'),
});
