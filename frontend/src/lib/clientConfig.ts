import type { CreateClientConfig } from '../client/client.gen';

/**
 * The generated client's initial configuration (wired by `runtimeConfigPath` in openapi-ts.config.ts),
 * so that every query key is built with the same base URL from the first import on.
 * Same-origin: the backend serves the SPA, and Vite proxies /api in development.
 */
export const createClientConfig: CreateClientConfig = (config) => ({ ...config, baseUrl: '' });
