import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { configureApiClient, setUnauthenticatedHandler } from './lib/api';
import { createQueryClient } from './lib/queryClient';
import { endSession } from './lib/session';
import { createAppRouter } from './routes/router';

await initI18n();
configureApiClient();
const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

// Pages used before signing in, where a 401 is an answer to show rather than a reason to go to sign-in.
const PUBLIC = new Set(['/sign-in', '/sign-up', '/sign-up/confirm', '/forgot-password', '/reset-password', '/accept-invitation']);

// A 401 anywhere: forget the token, go to sign-in, and come back to this page afterwards.
setUnauthenticatedHandler(() => {
  endSession();
  const { pathname, href } = router.state.location;
  if (PUBLIC.has(pathname)) return;
  void router.navigate({ to: '/sign-in', search: { redirect: href, expired: true } }).then(() => queryClient.clear());
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} router={router} />
  </StrictMode>,
);
