import { expect, test, type Request } from '@playwright/test';
import { DEMO_ADMIN, expectAccessible, ja, signIn } from './support';

test('sign in with the demo login, come back to the page asked for, and sign out', async ({ page }) => {
  await page.goto('/settings/users?role=admin');
  await expect(page).toHaveURL(/\/sign-in\?redirect=/);
  await expect(page.getByRole('heading', { name: ja.signIn.title })).toBeVisible();
  await expectAccessible(page, 'sign-in');

  await page.getByRole('button', { name: ja.signIn.submit }).click();
  await expect(page.getByText(ja.validation.required).first()).toBeVisible();

  await page.getByRole('textbox', { name: ja.signIn.email }).fill(DEMO_ADMIN.email);
  await page.getByRole('textbox', { name: ja.signIn.password, exact: true }).fill('wrong-password');
  await page.getByRole('button', { name: ja.signIn.submit }).click();
  await expect(page.getByRole('alert')).toHaveText(ja.errors.codes.invalid_credentials);

  await signIn(page, DEMO_ADMIN);
  await expect(page).toHaveURL(/\/settings\/users\?role=admin$/);
  await expect(page.getByRole('heading', { name: ja.users.title })).toBeVisible();
  await expect(page.getByRole('cell', { name: DEMO_ADMIN.email })).toBeVisible();

  // Every card of the dashboard comes from one read (the signed-in caller is known already).
  const calls: string[] = [];
  const onRequest = (r: Request) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) calls.push(`${r.method()} ${new URL(r.url()).pathname}`);
  };
  page.on('request', onRequest);
  await page.getByRole('link', { name: ja.nav.dashboard, exact: true }).click();
  await expect(page.getByRole('heading', { name: ja.dashboard.title })).toBeVisible();
  await expect(page.getByText(ja.dashboard.members)).toBeVisible();
  await expect(page.getByRole('heading', { name: ja.dashboard.recentActivity })).toBeVisible();
  await expect(page.getByTestId('vendors-by-tier').locator('[data-tier-count]')).toHaveCount(4);
  await expectAccessible(page, 'dashboard');
  page.off('request', onRequest);
  expect(calls).toEqual(['GET /api/v1/dashboard']);

  await page.getByRole('link', { name: ja.nav.vendors, exact: true }).click();
  await expect(page.getByRole('heading', { name: ja.vendors.title })).toBeVisible();

  // The access token lives in memory only; after a reload the session cookie (HttpOnly) renews it.
  expect(JSON.stringify(await page.evaluate(() => ({ ...localStorage })))).not.toMatch(/eyJ/);
  await page.reload();
  await expect(page.getByRole('heading', { name: ja.vendors.title })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'itaku_refresh')).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });

  await page.getByRole('button', { name: ja.shell.userMenu }).click();
  await page.getByRole('menuitem', { name: ja.shell.signOut }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
});
