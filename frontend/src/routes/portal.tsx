import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { rootRoute } from './root';
import { id } from './search';

// The vendor portal: its own minimal layout, outside the staff shell, no staff sign-in.
export const portalOpenRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'portal/open',
  component: lazyRouteComponent(() => import('../features/portal/PortalOpenPage'), 'PortalOpenPage'),
});

export const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'portal',
  component: lazyRouteComponent(() => import('../features/portal/PortalLayout'), 'PortalLayout'),
});

export const portalHomeRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/',
  component: lazyRouteComponent(() => import('../features/portal/PortalHomePage'), 'PortalHomePage'),
});

export const portalAssessmentRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'assessments/$assessmentId',
  component: lazyRouteComponent(() => import('../features/portal/PortalAssessmentPage'), 'PortalAssessmentPage'),
});

export const portalFindingsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'findings',
  component: lazyRouteComponent(() => import('../features/portal/PortalFindingsPage'), 'PortalFindingsPage'),
});

export const portalIncidentNewRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'incidents/new',
  /** The periodic report the contact came from ("a yes opens the incident flow"), to return to afterwards. */
  validateSearch: z.object({ report: id }),
  component: lazyRouteComponent(() => import('../features/portal/PortalIncidentNewPage'), 'PortalIncidentNewPage'),
});

export const portalIncidentRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'incidents/$incidentId',
  component: lazyRouteComponent(() => import('../features/portal/PortalIncidentPage'), 'PortalIncidentPage'),
});

// The standing way in to report an incident: public, no session needed.
export const portalReportRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'portal/report',
  component: lazyRouteComponent(() => import('../features/portal/PortalReportPage'), 'PortalReportPage'),
});

// The periodic reports the vendor owes (monitoring, issue 7/7).
export const portalVendorReportRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'reports/$itemId',
  /** An incident just reported from this report's form, to link to it. */
  validateSearch: z.object({ incident: id }),
  component: lazyRouteComponent(() => import('../features/portal/PortalVendorReportPage'), 'PortalVendorReportPage'),
});

// The vendor's requests for approval: a new subcontractor, changed security measures.
export const portalChangeNewRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'changes/new',
  component: lazyRouteComponent(() => import('../features/portal/PortalChangeNewPage'), 'PortalChangeNewPage'),
});

export const portalChangeRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'changes/$requestId',
  component: lazyRouteComponent(() => import('../features/portal/PortalChangePage'), 'PortalChangePage'),
});
