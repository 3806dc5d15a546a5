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
  loader: async ({ context, location }) => {
    const [me] = await Promise.all([context.queryClient.ensureQueryData(meQuery), loadMonitoringMessages()]);
    // The organisation requires a second factor this person has not set up: only the profile, where they set it up.
    if (me.two_factor_setup_required && location.pathname !== '/profile') throw redirect({ to: '/profile' });
  },
  pendingComponent: PageLoader,
  errorComponent: function AppLoadError({ error }) {
    const router = useRouter();
    return <QueryError error={error} onRetry={() => void router.invalidate()} />;
  },
  component: lazyRouteComponent(() => import('../features/shell/AppLayout'), 'AppLayout'),
});
