import { expect, test } from '@playwright/test';
import { DEMO_MANAGER, en, expectAccessible, ja, openSignedIn } from './support';

test('switch the language to English and back; the choice is remembered', async ({ page, browser }) => {
  await openSignedIn(page, DEMO_MANAGER);
  await expect(page.getByRole('link', { name: ja.nav.dashboard, exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.request().method() === 'PATCH');
  await page.getByRole('radiogroup', { name: ja.language.label }).getByText('English').click();
  expect((await saved).status()).toBe(200);
  await expect(page.getByRole('heading', { name: en.dashboard.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.reload();
  await expect(page.getByRole('heading', { name: en.dashboard.title })).toBeVisible();
  await expect(page.getByRole('link', { name: en.nav.vendors })).toBeVisible();
  await page.getByRole('link', { name: en.nav.monitoring }).click();
  await expect(page.getByRole('heading', { name: en.monitoring.title, level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: en.monitoring.calendar.views.overdue })).toBeVisible();
  await expectAccessible(page, 'review calendar (en)');

  // A new browser, without this one's storage, gets English from the profile after signing in.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('/sign-in');
  await other.getByRole('textbox', { name: ja.signIn.email }).fill(DEMO_MANAGER.email);
  await other.getByRole('textbox', { name: ja.signIn.password, exact: true }).fill(DEMO_MANAGER.password);
  await other.getByRole('button', { name: ja.signIn.submit }).click();
  await expect(other.getByRole('heading', { name: en.dashboard.title })).toBeVisible();
  await fresh.close();

  const back = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.request().method() === 'PATCH');
  await page.getByRole('radiogroup', { name: en.language.label }).getByText('日本語').click();
  await back;
  await page.reload();
  await expect(page.getByRole('link', { name: ja.nav.dashboard, exact: true })).toBeVisible();
});
