import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from './app';

// Owned by the assessments feature: list (filters in the URL), one assessment (review), findings.
export const assessmentsSearch = z.object({
  page: z.number().int().min(1).max(100000).optional().catch(undefined),
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
  component: lazyRouteComponent(() => import('../features/assessments/AssessmentPage'), 'AssessmentPage'),
});

export const findingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'findings',
  component: lazyRouteComponent(() => import('../features/assessments/FindingsPage'), 'FindingsPage'),
});
