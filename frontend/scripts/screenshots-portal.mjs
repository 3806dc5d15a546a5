#!/usr/bin/env node
// Screenshots of the vendor portal's incident and monitoring screens, Japanese and English, phone and
// desktop, for a person to look at. Start a demo backend first (e2e/start-backend.sh 8795), then:
//   BASE_URL=http://127.0.0.1:8795 node scripts/screenshots-portal.mjs
// PARTS=incidents or PARTS=monitoring takes one part only (default: both).
// Incidents: the demo album maker's incident contact (backend/itaku/demo.py), let in through a portal link
// that staff issue over the API; the demo has the ransomware at its printer reported through the portal.
// Monitoring: the payroll cloud (its reports sent, a subcontractor waiting for approval), the logistics
// firm (its reports never sent, a change refused) and the call centre (its quarterly report queried).
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8795';
const OUT = process.env.OUT ?? 'screenshots/portal';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VENDOR = 'さくら卒業アルバム制作株式会社';
const DEVICES = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1366, height: 900 } },
};

async function api(path, init = {}) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, init);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const { access_token } = await api('/auth/token', {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ username: 'admin@demo.itaku.example', password: 'itaku-demo-2026' }),
});
const staff = { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' };
const PARTS = (process.env.PARTS ?? 'incidents,monitoring').split(',');
const vendor = (await api(`/vendors?q=${encodeURIComponent(VENDOR)}`, { headers: staff })).items[0];
const contact = (await api(`/vendors/${vendor.id}/contacts`, { headers: staff }))[0];
const portalLink = async () =>
  (await api(`/vendors/${vendor.id}/contacts/${contact.id}/portal-links`, { method: 'POST', headers: staff, body: '{}' })).link;

/** A portal link for the first contact of the demo vendor named so (staff issue it over the API). */
async function linkFor(name) {
  const v = (await api(`/vendors?q=${encodeURIComponent(name)}`, { headers: staff })).items[0];
  const c = (await api(`/vendors/${v.id}/contacts`, { headers: staff }))[0];
  return (await api(`/vendors/${v.id}/contacts/${c.id}/portal-links`, { method: 'POST', headers: staff, body: '{}' })).link;
}

async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
}

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
try {
  for (const lang of PARTS.includes('monitoring') ? ['ja', 'en'] : []) {
    for (const [device, options] of Object.entries(DEVICES)) {
      const context = await browser.newContext({ ...options, locale: lang === 'ja' ? 'ja-JP' : 'en-GB', timezoneId: 'Asia/Tokyo' });
      await context.addInitScript((l) => localStorage.setItem('itaku.language', l), lang);
      const page = await context.newPage();
      const shot = (name) => page.screenshot({ path: `${OUT}/${lang}-${device}-${name}.png`, fullPage: true });
      const enter = async (name) => {
        await page.goto(await linkFor(name));
        await page.waitForURL(/\/portal\/?$/);
        await settle(page);
      };

      // The logistics firm: every report owed and overdue, a change refused; the form empty, refused, filled.
      await enter('ひかり物流株式会社');
      await shot('monitoring-home-owed');
      await page.getByTestId('portal-change').first().getByRole('link').click();
      await settle(page);
      await shot('change-refused');
      await page.goBack();
      await settle(page);
      await page.getByTestId('portal-report').last().getByRole('link').click();
      await page.waitForURL(/\/portal\/reports\//);
      await settle(page);
      await shot('report-form');
      await page.getByRole('button', { name: lang === 'ja' ? '報告を提出する' : 'Submit the report' }).click();
      await page.waitForTimeout(400);
      await shot('report-missing');
      await page.getByRole('radio', { name: lang === 'ja' ? 'あった' : 'Yes' }).first().check();
      await page.getByRole('button', { name: lang === 'ja' ? '変更を追加' : 'Add a change' }).click();
      await page.getByTestId('access-change').getByRole('textbox').first().fill(lang === 'ja' ? '佐藤（配送管理）' : 'Sato (dispatch)');
      await page.getByTestId('access-change').getByRole('combobox').selectOption({ index: 2 });
      await page.getByTestId('access-change').getByRole('checkbox').check();
      await page.waitForTimeout(300);
      await shot('report-filling');

      // The call centre: its quarterly report queried.
      await enter('北斗コンタクトセンター株式会社');
      await shot('monitoring-home-queried');
      await page.getByTestId('portal-report').filter({ has: page.getByTestId('report-question') }).first().getByRole('link').click();
      await settle(page);
      await shot('report-queried');

      // The payroll cloud: its reports sent (the last waiting for review), a subcontractor waiting for approval.
      await enter('みなと給与クラウド株式会社');
      await shot('monitoring-home-sent');
      await page.getByTestId('portal-report').first().getByRole('link').click();
      await settle(page);
      await shot('report-submitted');
      await page.goto(`${BASE_URL}/portal`);
      await settle(page);
      await page.getByTestId('portal-change').first().getByRole('link').click();
      await settle(page);
      await shot('change-pending');
      await page.goto(`${BASE_URL}/portal/changes/new`);
      await settle(page);
      await shot('change-new');
      await page.getByRole('radio', { name: lang === 'ja' ? /^再委託先の追加/ : /^A new subcontractor/ }).check();
      await page.getByRole('button', { name: lang === 'ja' ? '承認を依頼する' : 'Ask for approval' }).click();
      await page.waitForTimeout(400);
      await shot('change-new-errors');
      await context.close();
    }
  }
  for (const lang of PARTS.includes('incidents') ? ['ja', 'en'] : []) {
    for (const [device, options] of Object.entries(DEVICES)) {
      const context = await browser.newContext({ ...options, locale: lang === 'ja' ? 'ja-JP' : 'en-GB', timezoneId: 'Asia/Tokyo' });
      await context.addInitScript((l) => localStorage.setItem('itaku.language', l), lang);
      const page = await context.newPage();
      const shot = (name) => page.screenshot({ path: `${OUT}/${lang}-${device}-${name}.png`, fullPage: true });

      // The public way in, and the page of a session that has ended.
      await page.goto(`${BASE_URL}/portal/report`);
      await settle(page);
      await shot('report-entry');
      await page.goto(`${BASE_URL}/portal`);
      await settle(page);
      await shot('no-session');

      // In through a link staff issued: the home with the incident reported through the portal.
      await page.goto(await portalLink());
      await page.waitForURL(/\/portal\/?$/);
      await settle(page);
      await shot('home');
      await page.getByTestId('portal-incident').first().getByRole('link').click();
      await page.waitForURL(/\/portal\/incidents\/[0-9a-f-]{36}$/);
      await settle(page);
      await shot('incident');
      await page.getByRole('button', { name: lang === 'ja' ? '報告内容も更新する' : 'Also update the report' }).click();
      await page.waitForTimeout(400);
      await shot('incident-update-open');

      // The report form: empty, refused, then sent.
      await page.goto(`${BASE_URL}/portal/incidents/new`);
      await settle(page);
      await shot('new');
      await page.getByRole('button', { name: lang === 'ja' ? '報告を送信する' : 'Send the report' }).click();
      await page.waitForTimeout(400);
      await shot('new-errors');
      if (device === 'phone') {
        await page.getByRole('textbox', { name: lang === 'ja' ? /^件名/ : /^Title/ }).fill(lang === 'ja' ? '顧客名簿を保存した USB メモリの紛失' : 'USB stick with a customer list lost');
        await page.getByLabel(lang === 'ja' ? /^貴社が把握した日時/ : /^When your company learned of it/).fill('2026-01-05T09:30');
        await page.getByRole('textbox', { name: lang === 'ja' ? /^何が起きたか/ : /^What happened/ }).fill(lang === 'ja' ? '営業担当者が顧客名簿を保存した USB メモリを電車内で紛失した。' : 'A salesperson lost a USB stick holding a customer list on a train.');
        await page.getByRole('textbox', { name: lang === 'ja' ? '見込み' : 'Estimate' }).fill('300');
        await page.getByRole('textbox', { name: lang === 'ja' ? '最大' : 'At most' }).fill('120');
        await page.getByRole('radio', { name: lang === 'ja' ? 'ない（誤送信・紛失など）' : 'No (misdelivery, loss and the like)' }).check();
        await page.getByRole('radio', { name: lang === 'ja' ? 'いいえ・分からない' : 'No, or not known' }).check();
        await page.getByRole('button', { name: lang === 'ja' ? '報告を送信する' : 'Send the report' }).click();
        await page.waitForTimeout(400);
        await shot('new-count-error');
        await page.getByRole('textbox', { name: lang === 'ja' ? '最大' : 'At most' }).fill('320');
        await page.getByRole('button', { name: lang === 'ja' ? '報告を送信する' : 'Send the report' }).click();
        await page.getByTestId('incident-reported').waitFor();
        await settle(page);
        await shot('reported');
      }
      await context.close();
    }

    // Staff: the contacts tab and a portal link issued from it.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    await context.addInitScript(
      ([l, token]) => {
        localStorage.setItem('itaku.language', l);
        localStorage.setItem('itaku.session', JSON.stringify({ token, expiresAt: Date.now() + 3_600_000 }));
      },
      [lang, access_token],
    );
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/vendors/${vendor.id}?tab=contacts`);
    await settle(page);
    // A signed-in user's language is the profile's: switch it in the header as a person would.
    if ((await page.evaluate(() => document.documentElement.lang)) !== lang) {
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.request().method() === 'PATCH');
      await page.getByRole('radiogroup').first().getByText(lang === 'ja' ? '日本語' : 'English').click();
      await saved;
      await settle(page);
    }
    await page.getByRole('button', { name: lang === 'ja' ? `${contact.name} の操作` : `Actions for ${contact.name}` }).click();
    await page.getByRole('menuitem', { name: lang === 'ja' ? 'ポータルのリンクを発行' : 'Issue a portal link' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${OUT}/${lang}-staff-portal-link.png` });
    await page.getByRole('button', { name: lang === 'ja' ? 'リンクを発行' : 'Issue the link' }).click();
    await page.getByTestId('portal-link-issued').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/${lang}-staff-portal-link-issued.png` });
    await context.close();
  }
  console.log(`Screenshots in ${OUT}/`);
} finally {
  await browser.close();
}
