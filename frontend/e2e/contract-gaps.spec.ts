import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { DEMO_ADMIN, docxText, expectAccessible, ja, openSignedIn, unique } from './support';

const m = ja.contracts;

// A tiny but real PDF: the API judges the type by its content, not by the name.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A vendor with one processing that carries My Number data, made through the API: the journey starts at the contract. */
async function vendorWithProcessing(request: APIRequestContext, name: string): Promise<void> {
  const token = await request.post('/api/v1/auth/token', { form: { username: DEMO_ADMIN.email, password: DEMO_ADMIN.password } });
  expect(token.ok()).toBeTruthy();
  const headers = { Authorization: `Bearer ${((await token.json()) as { access_token: string }).access_token}` };
  const vendor = await request.post('/api/v1/vendors', { headers, data: { name, status: 'active' } });
  expect(vendor.status()).toBe(201);
  const { id } = (await vendor.json()) as { id: string };
  const processing = await request.post(`/api/v1/vendors/${id}/processing`, {
    headers,
    data: { service: '給与計算', data_categories: ['ordinary', 'my_number'], persons_estimate: 800, access_type: 'remote' },
  });
  expect(processing.status()).toBe(201);
}

/** The clause titles an addendum numbers: a line 第N条（title） in Japanese (a title may hold brackets itself). */
function articleTitles(text: string): string[] {
  return [...text.matchAll(/^第\d+条（(.+)）$/gm)].map((m) => m[1]);
}

/** The titles of the gap rows in one group of the report, in the order shown. */
async function rowTitles(group: Locator): Promise<string[]> {
  return group.locator('[data-testid="gap-row"]').evaluateAll((rows) => rows.map((r) => r.querySelector('p')?.textContent ?? ''));
}

const clause = (page: Page, key: string) => page.locator(`[data-testid="clause-row"][data-key="${key}"]`);

test('a contract entered with five clauses reports the 72-hour notice as weaker and lists the missing clauses', async ({ page, request }) => {
  const vendorName = unique('契約テスト');
  await vendorWithProcessing(request, vendorName);

  await openSignedIn(page, DEMO_ADMIN);
  await page.getByRole('link', { name: ja.nav.contracts, exact: true }).click();
  await expect(page.getByRole('heading', { name: m.title, level: 1 })).toBeVisible();
  await expect(page.getByTestId('contract-row').first()).toBeVisible();
  await expectAccessible(page, 'contract list');

  await page.getByRole('link', { name: m.new }).click();
  await expect(page.getByRole('heading', { name: m.new, level: 1 })).toBeVisible();
  await page.getByRole('combobox', { name: m.form.vendor }).fill(vendorName);
  await page.getByRole('option', { name: vendorName }).click();
  await page.getByRole('textbox', { name: m.form.titleField }).fill('給与計算業務委託契約');
  await page.getByRole('checkbox', { name: /給与計算/ }).check();
  // My Number data is covered: the guideline's clauses read as required.
  await expect(clause(page, 'no_removal').locator('[data-level="required"]')).toBeVisible();

  const incident = clause(page, 'incident_reporting');
  await incident.getByRole('checkbox').check();
  await expect(incident.getByText('方針: 24 時間 以内')).toBeVisible();
  await incident.getByRole('textbox', { name: '通知期限' }).fill('72');
  await incident.getByRole('switch', { name: '報告内容（9項目）' }).check();
  await incident.getByRole('textbox', { name: m.form.article }).fill('第9条');
  for (const key of ['confidentiality', 'purpose_limitation', 'security_measures', 'return_or_disposal']) {
    await clause(page, key).getByRole('checkbox').check();
  }
  await clause(page, 'return_or_disposal').getByRole('switch', { name: '廃棄証明書の提出' }).check();
  await expect(page.getByTestId('included-count')).toHaveText(/^5 \//);
  await expectAccessible(page, 'contract editor');

  await page.getByRole('button', { name: m.form.create }).click();
  await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: '給与計算業務委託契約', level: 1 })).toBeVisible();

  const report = page.getByTestId('gap-report');
  await expect(report.getByTestId('gap-summary')).toHaveAttribute('data-complete', 'false');
  const weaker = report.locator('[data-testid="gap-group"][data-status="weaker"]');
  const notice = weaker.locator('[data-testid="gap-row"][data-key="incident_reporting"]');
  await expect(notice).toBeVisible();
  await expect(notice.locator('[data-reason="notice_hours_over_policy"]')).toContainText('72');
  await expect(notice.locator('[data-reason="notice_hours_over_policy"]')).toContainText('24');
  await expect(notice.getByText(m.gaps.ref.replace('{{ref}}', '第9条'))).toBeVisible();

  const missing = report.locator('[data-testid="gap-group"][data-status="missing"]');
  for (const key of ['subcontracting', 'no_removal', 'audit_rights']) {
    await expect(missing.locator(`[data-testid="gap-row"][data-key="${key}"]`)).toBeVisible();
  }
  await expect(missing.locator('[data-testid="gap-row"][data-key="no_removal"] [data-level="required"]')).toBeVisible();
  await expect(missing.locator('[data-testid="gap-row"][data-key="audit_rights"] [data-level="desirable"]')).toBeVisible();
  const met = report.locator('[data-testid="gap-group"][data-status="met"]');
  await expect(met.locator('[data-testid="gap-row"][data-key="confidentiality"]')).toBeVisible();
  await expectAccessible(page, 'gap report');

  // The draft addendum that closes the gaps, as a Word file.
  const download = page.waitForEvent('download');
  await report.getByRole('button', { name: m.gaps.addendumDocx }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.docx$/);
  const text = docxText(readFileSync(await file.path()));
  // Exactly the clauses the report shows missing or weaker, nothing the contract already meets.
  const expected = [...(await rowTitles(missing)), ...(await rowTitles(weaker))];
  expect(expected.length).toBeGreaterThanOrEqual(4);
  expect(new Set(articleTitles(text))).toEqual(new Set(expected));
  expect(articleTitles(text)).toHaveLength(expected.length);
  expect(text).toContain(vendorName);
  expect(text).toContain('24時間'); // the policy value filled into the incident clause

  // The printable page says the same.
  const [printTab] = await Promise.all([page.context().waitForEvent('page'), report.getByRole('button', { name: m.gaps.printView }).click()]);
  await expect(printTab.getByRole('heading', { level: 1 })).toHaveText('個人データの取扱いに関する覚書（案）');
  const printed = await printTab.getByRole('heading', { level: 2 }).allTextContents();
  expect(articleTitles(printed.join('\n'))).toEqual(articleTitles(text));
  await printTab.close();

  // The signed PDF is attached and can be downloaded again.
  await page.locator('input[type="file"]').setInputFiles({ name: 'signed.pdf', mimeType: 'application/pdf', buffer: PDF });
  // Exactly: the addendum's button ("覚書案をダウンロード（Word）") would otherwise pass before the upload ends.
  await expect(page.getByRole('button', { name: m.detail.download, exact: true })).toBeVisible();

  // The list shows the new contract with its clause count and notice time.
  await page.getByRole('link', { name: m.backToList }).click();
  const row = page.getByTestId('contract-row').filter({ hasText: '給与計算業務委託契約' }).filter({ hasText: vendorName });
  await expect(row).toContainText(m.hours.replace('{{count}}', '72'));
});
