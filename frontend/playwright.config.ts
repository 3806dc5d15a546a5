import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

// Browser journeys against the real backend on a fresh SQLite database (e2e/start-backend.sh),
// in Debian's Chromium (never `playwright install`), one worker on two cores.

/** A loopback port nobody listens on now, whose run directory no other run holds (see start-backend.sh). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    if (!existsSync(`/tmp/itaku-e2e-${port}`)) return port;
  }
}

// A port of its own for every run, so that runs side by side (other work trees, another helper's suite) never meet.
// Playwright loads this file in the runner and again in each worker process: the runner picks the port and puts it
// in the environment, which the workers and the web server inherit, so they all read the same one.
// E2E_PORT=8841 picks it by hand.
process.env.E2E_PORT ||= String(await freePort());
const PORT = Number(process.env.E2E_PORT);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: './e2e',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: BASE_URL,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `bash e2e/start-backend.sh ${PORT}`,
    // 401 counts as up: the API answers on the same origin as the SPA.
    url: `${BASE_URL}/api/v1/auth/me`,
    reuseExistingServer: false,
    timeout: 180_000,
    // SIGTERM first: start-backend.sh then stops the server and removes its run directory.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
