import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from './app';

export const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(() => import('../features/dashboard/DashboardPage'), 'DashboardPage'),
});
