import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { IncidentStatus } from '../client/types.gen';
import { appRoute } from './app';
import { flag, id, optional, page, size, someOf } from './search';
import { INCIDENT_TABS } from './tabs';

// Owned by the incidents feature: the list (filters in the URL), registering one, one incident, the policy.

export const incidentsSearch = z.object({
  page,
  size,
  sort: optional(z.enum(['-aware_at', 'aware_at', '-updated_at', 'title'])),
  vendor: id,
  status: someOf(z.enum(IncidentStatus)),
  /** Only incidents whose clocks still run (suspected, confirmed, contained). */
  open: flag,
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

export const incidentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'incidents/$incidentId',
  validateSearch: z.object({ tab: optional(z.enum(INCIDENT_TABS)) }),
  component: lazyRouteComponent(() => import('../features/incidents/IncidentPage'), 'IncidentPage'),
});
