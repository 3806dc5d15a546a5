import { client } from '../client/client.gen';
import { toApiError } from './errors';
import { tokenStore } from './token';

let configured = false;
let onUnauthenticated: () => void = () => {};

/** Called by the app when any request answers 401 not_authenticated (not a wrong password). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/**
 * Interceptors of the generated client (its same-origin base URL comes from lib/clientConfig.ts):
 * the bearer token on every request, and every failure turned into an ApiError carrying status,
 * code and Retry-After.
 */
export function configureApiClient(): void {
  if (configured) return;
  configured = true;
  client.interceptors.request.use((request) => {
    const token = tokenStore.get();
    if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  });
  client.interceptors.error.use((error, response) => {
    const apiError = toApiError(error, response);
    if (apiError.status === 401 && apiError.error === 'not_authenticated') onUnauthenticated();
    return apiError;
  });
}
