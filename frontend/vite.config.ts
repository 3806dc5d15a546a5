import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const backend = process.env.ITAKU_BACKEND_URL ?? 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [react()],
  server: {
    // In development the backend (make run) answers the API; the SPA talks to it same-origin.
    proxy: { '/api': { target: backend, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: backend, changeOrigin: false } },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  test: {
    environment: 'jsdom',
    globals: false,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    restoreMocks: true,
  },
});
