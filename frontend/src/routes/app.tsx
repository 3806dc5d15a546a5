import { createRoute, lazyRouteComponent, redirect, useRouter } from '@tanstack/react-router';
import { PageLoader } from '../components/PageLoader';
import { QueryError } from '../components/QueryError';
import { loadMonitoringMessages } from '../i18n/areas';
import { ensureAccessToken } from '../lib/api';
import { meQuery } from '../lib/session';
import { rootRoute } from './root';

/**
 * Every signed-in page: without a session (the token in memory, or one renewed from the session cookie after a
 * reload) it sends to sign-in and back afterwards; the caller is loaded first.
 */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_app',
  beforeLoad: async ({ location }) => {
    if (!(await ensureAccessToken())) throw redirect({ to: '/sign-in', search: { redirect: location.href } });
  },
  loader: ({ context }) => Promise.all([context.queryClient.ensureQueryData(meQuery), loadMonitoringMessages()]),
  pendingComponent: PageLoader,
  errorComponent: function AppLoadError({ error }) {
    const router = useRouter();
    return <QueryError error={error} onRetry={() => void router.invalidate()} />;
  },
  component: lazyRouteComponent(() => import('../features/shell/AppLayout'), 'AppLayout'),
});
