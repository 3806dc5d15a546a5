import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { AssessmentKind, AssessmentStatus, FindingStatus, Severity } from '../client/types.gen';
import { appRoute } from './app';
import { flag, id, optional, page, size, someOf, text } from './search';

// Owned by the assessments feature: list (filters in the URL), one assessment (review), findings.

export const assessmentsSearch = z.object({
  page,
  size,
  sort: optional(z.enum(['-updated_at', '-created_at', 'due_date', 'score', 'title'])),
  q: text,
  status: someOf(z.enum(AssessmentStatus)),
  kind: optional(z.enum(AssessmentKind)),
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
  sort: optional(z.enum(['-created_at', 'due_date', '-updated_at'])),
  status: someOf(z.enum(FindingStatus)),
  severity: someOf(z.enum(Severity)),
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
