import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from './app';

// Owned by the monitoring feature: the review calendar (month grid, list, overdue list; filters and the month in the
// URL), the report review queue and one report, audits, the change-request queue, the policy.
const page = z.number().int().min(1).max(100000).optional().catch(undefined);
const size = z.number().int().min(1).max(100).optional().catch(undefined);
const id = z.uuid().optional().catch(undefined);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);
const stage = z.enum(['overdue', 'due', 'due_soon', 'scheduled', 'done']);
const kind = z.enum(['reassessment', 'vendor_report', 'audit', 'certification_renewal', 'contract_renewal']);

export const MONITORING_VIEWS = ['calendar', 'list', 'overdue'] as const;

export const monitoringSearch = z.object({
  /** The month grid (default), the list with filters, or the overdue list. */
  view: z.enum(MONITORING_VIEWS).optional().catch(undefined),
  page,
  size,
  sort: z.enum(['due_date', '-due_date', 'vendor', '-vendor']).optional().catch(undefined),
  vendor: id,
  kind: z.array(kind).max(5).optional().catch(undefined),
  stage: z.array(stage).max(5).optional().catch(undefined),
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

const reportStatus = z.enum(['draft', 'submitted', 'queried', 'accepted']);

export const monitoringReportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring/reports',
  validateSearch: z.object({ page, size, vendor: id, status: z.array(reportStatus).max(4).optional().catch(undefined) }),
  component: lazyRouteComponent(() => import('../features/monitoring/ReportsPage'), 'ReportsPage'),
});

export const monitoringReportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring/reports/$reportId',
  component: lazyRouteComponent(() => import('../features/monitoring/ReportPage'), 'ReportPage'),
});

const auditStatus = z.enum(['planned', 'in_progress', 'completed', 'cancelled']);

export const monitoringAuditsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring/audits',
  validateSearch: z.object({ page, size, vendor: id, status: z.array(auditStatus).max(4).optional().catch(undefined) }),
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

const changeStatus = z.enum(['pending', 'approved', 'refused', 'withdrawn']);

export const monitoringChangesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'monitoring/changes',
  validateSearch: z.object({ page, size, vendor: id, status: z.array(changeStatus).max(4).optional().catch(undefined) }),
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
