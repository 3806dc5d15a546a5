// Quick look at the incident screens only (not part of the repo).
import { chromium } from '@playwright/test';
const BASE = 'http://127.0.0.1:8794';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' })).newPage();
const lang = process.argv[2] ?? 'ja';
await page.goto(`${BASE}/sign-in`);
await page.evaluate((l) => localStorage.setItem('itaku.language', l), lang);
await page.reload();
await page.locator('input[type=email], input[name=email]').first().fill('admin@demo.itaku.example');
await page.locator('input[type=password]').first().fill('itaku-demo-2026');
await page.locator('button[type=submit]').click();
await page.waitForURL(`${BASE}/`);
await page.waitForLoadState('networkidle');
const shots = process.argv.slice(3);
for (const spec of shots) {
  const [name, path] = spec.split('=');
  await page.goto(`${BASE}${path}`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await page.screenshot({ path: `/tmp/itaku-ui-shots/${lang}-${name}.png`, fullPage: true });
}
await browser.close();
