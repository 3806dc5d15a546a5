import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { AuditStatus, ChangeStatus, ItemKind, ReportStatus, Stage } from '../client/types.gen';
import { appRoute } from './app';
import { day, id, optional, page, size, someOf } from './search';

// Owned by the monitoring feature: the review calendar (month grid, list, overdue list; filters and the month in the
// URL), the report review queue and one report, audits, the change-request queue, the policy.

export const MONITORING_VIEWS = ['calendar', 'list', 'overdue'] as const;

export const monitoringSearch = z.object({
  /** The month grid (default), the list with filters, or the overdue list. */
  view: optional(z.enum(MONITORING_VIEWS)),
  page,
  size,
  sort: optional(z.enum(['due_date', '-due_date', 'vendor', '-vendor'])),
  vendor: id,
  kind: someOf(z.enum(ItemKind)),
  stage: someOf(z.enum(Stage)),
  /** The calendar shows the month of `due_from` (to `due_to`); the list filters by them. */
  due_from: day,
  due_to: day,
});

export const monitoringRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring',
  validateSearch: monitoringSearch,
  component: lazyRouteComponent(() => import('../features/monitoring/CalendarPage'), 'CalendarPage'),
});

export const monitoringReportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring/reports',
  validateSearch: z.object({ page, size, vendor: id, status: someOf(z.enum(ReportStatus)) }),
  component: lazyRouteComponent(() => import('../features/monitoring/ReportsPage'), 'ReportsPage'),
});

export const monitoringReportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring/reports/$reportId',
  component: lazyRouteComponent(() => import('../features/monitoring/ReportPage'), 'ReportPage'),
});

export const monitoringAuditsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring/audits',
  validateSearch: z.object({ page, size, vendor: id, status: someOf(z.enum(AuditStatus)) }),
  component: lazyRouteComponent(() => import('../features/monitoring/AuditsPage'), 'AuditsPage'),
});

export const newAuditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring/audits/new',
  /** Prefilled from the calendar: the vendor, the audit item it fulfils and its due date. */
  validateSearch: z.object({ vendor: id, item: id, date: day }),
  component: lazyRouteComponent(() => import('../features/monitoring/NewAuditPage'), 'NewAuditPage'),
});

export const monitoringAuditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring/audits/$auditId',
  component: lazyRouteComponent(() => import('../features/monitoring/AuditPage'), 'AuditPage'),
});

export const monitoringChangesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring/changes',
  validateSearch: z.object({ page, size, vendor: id, status: someOf(z.enum(ChangeStatus)) }),
  component: lazyRouteComponent(() => import('../features/monitoring/ChangesPage'), 'ChangesPage'),
});

export const monitoringChangeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring/changes/$requestId',
  component: lazyRouteComponent(() => import('../features/monitoring/ChangePage'), 'ChangePage'),
});

export const monitoringPolicyRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring/policy',
  component: lazyRouteComponent(() => import('../features/monitoring/PolicyPage'), 'PolicyPage'),
});
