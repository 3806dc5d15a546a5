import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

const backend = process.env.ITAKU_BACKEND_URL ?? 'http://127.0.0.1:8000';

export default defineConfig({
  plugins: [
    react(),
    // A brotli (.br) and a gzip (.gz) copy beside every text file of dist/ (scripts, styles, index.html, the favicon),
    // at the highest levels, once per build: the backend sends the copy the browser accepts (backend/itaku/spa.py).
    // A copy that would not be smaller is not written; the file is then sent as it is.
    compression({ algorithms: ['brotliCompress', 'gzip'] }),
  ],
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
    // A component test renders Mantine in jsdom and clicks and types through it: 1–3 s on a busy two-core machine,
    // so the default 5 s cut tests off there, and a test cut off mid-typing went on typing into the next test's
    // form. The limit catches a hung test, not a slow machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Nothing a test stubs outlives it (src/test/setup.ts resets the rest: DOM, timers, storage, language).
    restoreMocks: true,
    unstubGlobals: true,
    unstubEnvs: true,
  },
});
