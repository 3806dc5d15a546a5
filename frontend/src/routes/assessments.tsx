import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from './app';

// Owned by the assessments feature: list (filters in the URL), one assessment (review), findings.
const page = z.number().int().min(1).max(100000).optional().catch(undefined);
const size = z.number().int().min(1).max(100).optional().catch(undefined);
const flag = z.boolean().optional().catch(undefined);
const id = z.uuid().optional().catch(undefined);

export const assessmentsSearch = z.object({
  page,
  size,
  sort: z
    .enum(['-updated_at', '-created_at', 'due_date', 'score', 'title'])
    .optional()
    .catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  status: z
    .array(z.enum(['draft', 'sent', 'in_progress', 'submitted', 'under_review', 'returned', 'accepted']))
    .max(7)
    .optional()
    .catch(undefined),
  kind: z.enum(['selection', 'periodic', 'ad_hoc']).optional().catch(undefined),
  overdue: flag,
  vendor: id,
  /** Opens the "new assessment" dialog (the vendor page links here with its vendor). */
  new: flag,
});

export const assessmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'assessments',
  validateSearch: assessmentsSearch,
  component: lazyRouteComponent(() => import('../features/assessments/AssessmentsPage'), 'AssessmentsPage'),
});

export const assessmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'assessments/$assessmentId',
  validateSearch: z.object({ finding: id }),
  component: lazyRouteComponent(() => import('../features/assessments/AssessmentPage'), 'AssessmentPage'),
});

export const findingsSearch = z.object({
  page,
  size,
  sort: z.enum(['-created_at', 'due_date', '-updated_at']).optional().catch(undefined),
  status: z
    .array(z.enum(['open', 'in_remediation', 'closed', 'risk_accepted']))
    .max(4)
    .optional()
    .catch(undefined),
  severity: z
    .array(z.enum(['critical', 'high', 'medium', 'low']))
    .max(4)
    .optional()
    .catch(undefined),
  overdue: flag,
  vendor: id,
  /** The finding open in the drawer. */
  finding: id,
});

export const findingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'findings',
  validateSearch: findingsSearch,
  component: lazyRouteComponent(() => import('../features/assessments/FindingsPage'), 'FindingsPage'),
});
