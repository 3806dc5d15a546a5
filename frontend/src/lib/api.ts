import { client } from '../client/client.gen';
import { authRefreshSession } from '../client/sdk.gen';
import { toApiError } from './errors';
import { tokenStore } from './token';

let configured = false;
let onUnauthenticated: () => void = () => {};
let refreshing: Promise<string | null> | null = null;
const REFRESH_PATH = '/api/v1/auth/refresh';

/** Called by the app when any request answers 401 not_authenticated (not a wrong password). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/**
 * A new access token from the session cookie; one request at a time however many callers need it (a refresh
 * token is used once, so two at once would look like a stolen one). Null when there is no session to continue.
 */
export function refreshAccessToken(): Promise<string | null> {
  refreshing ??= authRefreshSession({ body: { organization_id: tokenStore.organization() } })
    .then(({ data }) => {
      if (!data) {
        tokenStore.clear();
        return null;
      }
      tokenStore.set(data.access_token, data.expires_in, data.organization_id);
      return data.access_token;
    })
    .catch(() => null)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** The access token to send: the one in memory, renewed from the session cookie when it is missing or ending. */
export async function ensureAccessToken(): Promise<string | null> {
  return tokenStore.get() ?? (tokenStore.mayHaveSession() ? refreshAccessToken() : null);
}

/**
 * Interceptors of the generated client (its same-origin base URL comes from lib/clientConfig.ts):
 * the bearer token on every request, renewed first when needed, and every failure turned into an ApiError
 * carrying status, code and Retry-After.
 */
export function configureApiClient(): void {
  if (configured) return;
  configured = true;
  client.interceptors.request.use(async (request) => {
    // Portal requests carry their own token; the refresh request carries the cookie.
    if (request.headers.has('Authorization') || new URL(request.url).pathname === REFRESH_PATH) return request;
    const token = await ensureAccessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  });
  client.interceptors.error.use((error, response, request) => {
    const apiError = toApiError(error, response);
    const refresh = request ? new URL(request.url).pathname === REFRESH_PATH : false;
    if (apiError.status === 401 && apiError.error === 'not_authenticated' && !refresh) onUnauthenticated();
    return apiError;
  });
}
