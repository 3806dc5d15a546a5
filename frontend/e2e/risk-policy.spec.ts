import { expect, test } from '@playwright/test';
import { DEMO_ADMIN, DEMO_MANAGER, expectAccessible, ja, openSignedIn } from './support';

const m = ja.riskPolicy;
const tiers = (list: string[]) => encodeURIComponent(JSON.stringify(list));
const retiered = new RegExp(m.saved.replace('{{n}}', '(\\d+)'));

test('raise the points of ordinary data, see vendors re-tiered, then go back to the defaults', async ({ page, browser }) => {
  await openSignedIn(page, DEMO_ADMIN);

  // A vendor that is low today and handles ordinary personal data.
  await page.goto(`/vendors?tier=${tiers(['low'])}&category=ordinary`);
  const lowRow = page.getByTestId('vendor-row').first();
  await expect(lowRow).toBeVisible();
  const name = (await lowRow.getByRole('link').first().textContent())?.trim() ?? '';
  expect(name).not.toBe('');

  // The settings page, reached from the menu.
  await page.goto('/settings/organization');
  await page.getByRole('link', { name: ja.nav.riskPolicy, exact: true }).click();
  await expect(page.getByRole('heading', { name: m.title, level: 1 })).toBeVisible();
  await expect(page.getByText(m.how)).toBeVisible();
  await expect(page.getByTestId('default-badge')).toHaveText(m.defaultBadge);
  await expect(page.getByRole('button', { name: m.reset })).toBeDisabled();
  await expectAccessible(page, 'risk policy (defaults)');

  // Thresholds that do not rise are refused before the API is asked.
  const high = page.getByRole('textbox', { name: m.threshold.replace('{{tier}}', ja.vendors.tiers.high) });
  await high.fill('10');
  await page.getByRole('button', { name: m.save }).click();
  await expect(page.getByText(ja.validation.thresholdsRise)).toBeVisible();
  await expect(high).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'risk policy with an error');
  await high.fill('45');

  // Ordinary personal data: 5 → 50 points.
  await page.getByRole('textbox', { name: ja.vendors.dataCategories.ordinary }).fill('50');
  await page.getByRole('button', { name: m.save }).click();
  const note = page.getByText(retiered);
  await expect(note).toBeVisible();
  const changed = Number(retiered.exec((await note.textContent()) ?? '')?.[1]);
  expect(changed).toBeGreaterThan(0);
  await expect(page.getByTestId('default-badge')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: ja.vendors.dataCategories.ordinary })).toHaveValue('50');

  // The vendor that was low is now high or critical.
  await page.goto(`/vendors?tier=${tiers(['critical', 'high'])}&q=${encodeURIComponent(name)}`);
  await expect(page.getByTestId('vendor-row').getByRole('link', { name, exact: true })).toBeVisible();

  // A manager sees the policy but cannot change it.
  const other = await browser.newContext();
  const managerPage = await other.newPage();
  await openSignedIn(managerPage, DEMO_MANAGER, '/settings/risk-policy');
  await expect(managerPage.getByText(m.readOnly)).toBeVisible();
  await expect(managerPage.getByRole('textbox', { name: ja.vendors.dataCategories.ordinary })).toBeDisabled();
  await expect(managerPage.getByRole('button', { name: m.save })).toHaveCount(0);
  await other.close();

  // Back to the defaults, after confirming.
  await page.goto('/settings/risk-policy');
  await page.getByRole('button', { name: m.reset }).click();
  const confirm = page.getByRole('dialog', { name: m.resetTitle });
  await expectAccessible(page, 'reset confirmation');
  await confirm.getByRole('button', { name: m.reset }).click();
  await expect(page.getByText(new RegExp(m.resetDone.replace('{{n}}', '\\d+')))).toBeVisible();
  await expect(page.getByTestId('default-badge')).toBeVisible();
  await expect(page.getByRole('textbox', { name: ja.vendors.dataCategories.ordinary })).toHaveValue('5');
  await page.goto(`/vendors?tier=${tiers(['low'])}&q=${encodeURIComponent(name)}`);
  await expect(page.getByTestId('vendor-row').getByRole('link', { name, exact: true })).toBeVisible();
});
