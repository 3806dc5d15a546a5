#!/usr/bin/env node
// What a first visit costs, measured in Chromium (its DevTools protocol) against a running backend serving the build:
//  1. a cold sign-in page (empty cache): the JavaScript moved over the wire, and its size decoded;
//  2. signing in: every /api/ request from the click until the dashboard has settled;
//  3. reloading the dashboard (warm cache): which of the app's files still reach the server, and what they answer
//     (the first reload fetches / itself for the first time, as the browser reached it by an in-app navigation).
// Start a backend first (e2e/start-backend.sh 8790 serves frontend/dist with the demo data), then:
//   BASE_URL=http://127.0.0.1:8790 node scripts/first-load.mjs
import { chromium } from '@playwright/test';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8790';
const USER = { email: 'admin@demo.itaku.example', password: 'itaku-demo-2026' };
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

/**
 * The requests the page makes while `action` runs and until none has been in flight for a second, as DevTools sees
 * them (Playwright's `networkidle` counts from the document's load, which an in-app navigation does not repeat).
 */
async function record(cdp, action) {
  const requests = new Map();
  const inFlight = new Set();
  let lastActivity = Date.now();
  const done = (e) => {
    inFlight.delete(e.requestId);
    lastActivity = Date.now();
  };
  const on = {
    'Network.requestWillBeSent': (e) => {
      requests.set(e.requestId, {
        url: new URL(e.request.url),
        method: e.request.method,
        type: e.type,
        cached: false,
        headers: 0,
        wire: 0,
        decoded: 0,
      });
      inFlight.add(e.requestId);
      lastActivity = Date.now();
    },
    'Network.requestServedFromCache': (e) => {
      const r = requests.get(e.requestId);
      if (r) r.cached = true;
    },
    'Network.responseReceived': (e) => {
      const r = requests.get(e.requestId);
      if (!r) return;
      r.status = e.response.status;
      r.headers = e.response.encodedDataLength; // what had arrived when the headers were read: the headers
      r.cached ||= e.response.fromDiskCache || e.response.fromPrefetchCache;
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      r.encoding = headers['content-encoding'] ?? 'identity';
    },
    'Network.responseReceivedExtraInfo': (e) => {
      // The status as the server sent it: a revalidated file shows as the cached 200 elsewhere, 304 here.
      const r = requests.get(e.requestId);
      if (r) r.sentStatus = e.statusCode;
    },
    'Network.dataReceived': (e) => {
      const r = requests.get(e.requestId);
      if (r) r.decoded += e.dataLength;
    },
    'Network.loadingFinished': (e) => {
      const r = requests.get(e.requestId);
      if (r) r.wire = e.encodedDataLength - r.headers; // the body as it crossed the wire
      done(e);
    },
    'Network.loadingFailed': done,
  };
  for (const [event, handler] of Object.entries(on)) cdp.on(event, handler);
  await action();
  while (inFlight.size > 0 || Date.now() - lastActivity < 1000) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const [event, handler] of Object.entries(on)) cdp.off(event, handler);
  return [...requests.values()];
}

const isScript = (r) => r.type === 'Script';
const isApi = (r) => r.url.pathname.startsWith('/api/');
const sum = (rows, key) => rows.reduce((n, r) => n + r[key], 0);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
try {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');

  const cold = await record(cdp, () => page.goto(`${BASE_URL}/sign-in`));
  const js = cold.filter(isScript);
  const encodings = [...new Set(js.map((r) => r.encoding))].join(', ');
  console.log(
    `Cold sign-in page: ${js.length} scripts, ${kb(sum(js, 'wire'))} over the wire (${encodings}; bodies, headers not counted), ${kb(sum(js, 'decoded'))} decoded.`,
  );
  for (const r of cold.filter((x) => !isApi(x))) {
    console.log(`  ${r.status} ${r.url.pathname.padEnd(48)} ${kb(r.wire).padStart(9)} ${r.encoding}`);
  }

  const signIn = await record(cdp, async () => {
    await page.getByRole('textbox', { name: 'メールアドレス' }).fill(USER.email);
    await page.getByRole('textbox', { name: 'パスワード', exact: true }).fill(USER.password);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL(`${BASE_URL}/`);
  });
  const api = signIn.filter(isApi);
  const lazy = signIn.filter(isScript);
  console.log(`Signing in, until the dashboard has settled: ${api.length} API calls; ${lazy.length} more scripts, ${kb(sum(lazy, 'wire'))} over the wire.`);
  for (const r of api) console.log(`  ${r.method.padEnd(5)} ${r.status} ${r.url.pathname}${r.url.search}`);

  for (const round of ['Reload', 'Reload again']) {
    const files = (await record(cdp, () => page.reload())).filter((r) => !isApi(r));
    const fetched = files.filter((r) => !r.cached);
    console.log(`${round} (warm cache): ${files.length} of the app's files, ${fetched.length} of them asked of the server.`);
    for (const r of fetched) console.log(`  ${r.sentStatus ?? r.status} ${r.url.pathname.padEnd(48)} ${kb(r.wire).padStart(9)}`);
  }
} finally {
  await browser.close();
}
