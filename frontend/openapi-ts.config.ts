import { defineConfig } from '@hey-api/openapi-ts';

// `npm run generate` writes src/client from the backend's contract; `npm run check-client`
// regenerates into a temporary folder (CLIENT_OUTPUT) and fails when src/client differs.
export default defineConfig({
  input: '../openapi.json',
  output: {
    path: process.env.CLIENT_OUTPUT ?? './src/client',
  },
  plugins: [
    // Same-origin: the SPA is served by the backend, and Vite proxies /api in development.
    { name: '@hey-api/client-fetch', baseUrl: false, runtimeConfigPath: '../lib/clientConfig' },
    // Enums also as JavaScript objects, so the frontend takes value lists (e.g. DataCategory) from the contract.
    { name: '@hey-api/typescript', enums: 'javascript' },
    '@hey-api/sdk',
    '@tanstack/react-query',
  ],
});
