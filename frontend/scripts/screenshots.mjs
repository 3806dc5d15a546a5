#!/usr/bin/env node
// Screenshots of every screen in Japanese and English, for a person to look at.
// Start a backend first (e2e/start-backend.sh 8790), then: BASE_URL=http://127.0.0.1:8790 npm run screenshots
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8790';
const OUT = process.env.OUT ?? 'screenshots';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const pages = [
  ['dashboard', '/'],
  ['users', '/settings/users'],
  ['api-keys', '/settings/api-keys'],
  ['audit', '/settings/audit'],
  ['organization', '/settings/organization'],
  ['risk-policy', '/settings/risk-policy'],
  ['profile', '/profile'],
  ['vendors', '/vendors'],
  ['assessments', '/assessments'],
  ['findings', '/findings'],
  ['questionnaires', '/questionnaires'],
  ['contracts', '/contracts'],
  ['contracts-overview', '/contracts/overview'],
  ['contracts-library', '/contracts/library'],
  ['contracts-policy', '/contracts/policy'],
  ['incidents', '/incidents'],
  ['incidents-new', '/incidents/new'],
  ['incidents-policy', '/incidents/policy'],
  ['monitoring', '/monitoring'],
  ['monitoring-list', '/monitoring?view=list'],
  ['monitoring-overdue', '/monitoring?view=overdue'],
  ['monitoring-reports', '/monitoring/reports'],
  ['monitoring-audits', '/monitoring/audits'],
  ['monitoring-audit-new', '/monitoring/audits/new'],
  ['monitoring-changes', '/monitoring/changes'],
  ['monitoring-policy', '/monitoring/policy'],
];

mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ja-JP' });
  const page = await context.newPage();
  for (const lang of ['ja', 'en']) {
    await page.goto(`${BASE_URL}/sign-in`);
    await page.evaluate((l) => localStorage.setItem('itaku.language', l), lang);
    await page.reload();
    if (page.url().includes('/sign-in')) {
      await page.screenshot({ path: `${OUT}/${lang}-sign-in.png` });
      await page.getByLabel(lang === 'ja' ? 'メールアドレス' : 'Email').fill('admin@demo.itaku.example');
      await page.getByRole('textbox', { name: lang === 'ja' ? 'パスワード' : 'Password', exact: true }).fill('itaku-demo-2026');
      await page.getByRole('button', { name: lang === 'ja' ? 'ログイン' : 'Sign in' }).click();
      await page.waitForURL(`${BASE_URL}/`);
    }
    // The header switch also stores the choice in the profile.
    await page.goto(`${BASE_URL}/`);
    await page.waitForLoadState('networkidle');
    const current = await page.evaluate(() => document.documentElement.lang);
    if (current !== lang) {
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.request().method() === 'PATCH');
      await page.getByRole('radiogroup').first().getByText(lang === 'ja' ? '日本語' : 'English').click();
      await saved;
    }
    for (const [name, path] of pages) {
      await page.goto(`${BASE_URL}${path}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${OUT}/${lang}-${name}.png`, fullPage: true });
    }
    // The vendor register: one vendor with subcontractors (the album maker), one with My Number data.
    const vendorTabs = [
      ['album', 'さくら卒業アルバム制作株式会社', ['overview', 'processing', 'contacts', 'subcontractors', 'certifications', 'history']],
      ['payroll', 'みなと給与クラウド株式会社', ['overview', 'subcontractors', 'certifications', 'monitoring']],
      ['printer', '東北オフセット印刷株式会社', ['subcontractors']],
    ];
    for (const [name, vendor, tabs] of vendorTabs) {
      for (const tab of tabs) {
        await page.goto(`${BASE_URL}/vendors?q=${encodeURIComponent(vendor)}`);
        await page.getByRole('link', { name: vendor }).click();
        await page.waitForURL(/\/vendors\/[0-9a-f-]{36}/);
        if (tab !== 'overview') await page.goto(`${page.url().split('?')[0]}?tab=${tab}`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${OUT}/${lang}-vendor-${name}-${tab}.png`, fullPage: true });
      }
    }
    // The demo incidents: the album maker's printer (ransomware, reported in the portal), the payroll cloud.
    const incidents = [
      ['ransomware', 'ランサムウェア', ['obligations', 'facts', 'timeline', 'documents', 'exposure', 'reach']],
      ['payroll', '不正ログイン', ['obligations', 'timeline']],
    ];
    for (const [name, title, tabs] of incidents) {
      await page.goto(`${BASE_URL}/incidents`);
      await page.getByRole('link', { name: new RegExp(title) }).first().click();
      await page.waitForURL(/\/incidents\/[0-9a-f-]{36}/);
      const url = page.url().split('?')[0];
      for (const tab of tabs) {
        await page.goto(tab === 'obligations' ? url : `${url}?tab=${tab}`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        await page.screenshot({ path: `${OUT}/${lang}-incident-${name}-${tab}.png`, fullPage: true });
      }
    }
    // The demo's monitoring: the report waiting for review and the queried one, the completed and the planned audit,
    // the pending and the refused change request.
    const monitoringDetails = [
      ['report-submitted', '/monitoring/reports', 'report-row', 'submitted'],
      ['report-queried', '/monitoring/reports', 'report-row', 'queried'],
      ['change-pending', '/monitoring/changes', 'change-row', 'pending'],
      ['change-refused', '/monitoring/changes', 'change-row', 'refused'],
    ];
    for (const [name, list, row, status] of monitoringDetails) {
      await page.goto(`${BASE_URL}${list}`);
      await page.locator(`[data-testid="${row}"][data-status="${status}"] a`).first().click();
      await page.waitForURL(/[0-9a-f-]{36}$/);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${OUT}/${lang}-monitoring-${name}.png`, fullPage: true });
    }
    for (const status of ['completed', 'planned']) {
      await page.goto(`${BASE_URL}/monitoring/audits?status=${encodeURIComponent(JSON.stringify([status]))}`);
      await page.locator('[data-testid="audit-row"] a').first().click();
      await page.waitForURL(/\/monitoring\/audits\/[0-9a-f-]{36}/);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${OUT}/${lang}-monitoring-audit-${status}.png`, fullPage: true });
    }
    await page.goto(`${BASE_URL}/vendors?q=${encodeURIComponent('さくら卒業アルバム制作株式会社')}`);
    await page.getByRole('link', { name: 'さくら卒業アルバム制作株式会社' }).click();
    await page.waitForURL(/\/vendors\/[0-9a-f-]{36}/);
    await page.goto(`${page.url().split('?')[0]}?tab=incidents`);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${OUT}/${lang}-vendor-album-incidents.png`, fullPage: true });

    await page.goto(`${BASE_URL}/vendors/new`);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${OUT}/${lang}-vendor-new.png`, fullPage: true });
    await page.goto(`${BASE_URL}/vendors/import`);
    await page.waitForLoadState('networkidle');
    const csv = ['名称,法人番号,国,ステータス,社内担当者,担当部署', '株式会社テスト,7000012050003,JP,active,,総務', 'テスト2,,Japan,open,nobody@example.com,', 'みなと給与クラウド株式会社,7000012050002,JP,active,,'].join('\r\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'vendors.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.screenshot({ path: `${OUT}/${lang}-vendor-import-file.png`, fullPage: true });
    await page.getByRole('button', { name: lang === 'ja' ? '内容を確認' : 'Check the file' }).click();
    await page.getByTestId('import-rows').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/${lang}-vendor-import-report.png`, fullPage: true });

    await page.goto(`${BASE_URL}/settings/audit`);
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: lang === 'ja' ? '詳細を表示' : 'Show details' }).first().click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${OUT}/${lang}-audit-drawer.png` });
    await page.goto(`${BASE_URL}/settings/api-keys`);
    await page.getByRole('button', { name: lang === 'ja' ? 'API キーを作成' : 'Create API key' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${OUT}/${lang}-api-key-create.png` });
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${BASE_URL}/settings/users`);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${OUT}/${lang}-tablet-users.png` });
    await page.setViewportSize({ width: 1366, height: 900 });
  }
  await page.evaluate(() => localStorage.removeItem('itaku.session'));
  await page.goto(`${BASE_URL}/accept-invitation?token=not-a-real-token-123`);
  await page.screenshot({ path: `${OUT}/ja-accept-invitation.png` });
  console.log(`Screenshots in ${OUT}/`);
} finally {
  await browser.close();
}
