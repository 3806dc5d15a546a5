import { expect, test } from '@playwright/test';
import { DEMO_ADMIN, expectAccessible, ja, openSignedIn, unique } from './support';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('create an API key, see its secret once, copy it, and revoke it', async ({ page, request }) => {
  const name = unique('SIEM連携');
  await openSignedIn(page, DEMO_ADMIN, '/settings/api-keys');
  await expect(page.getByRole('heading', { name: ja.apiKeys.title })).toBeVisible();
  await page.getByRole('button', { name: ja.apiKeys.create }).click();

  const form = page.getByRole('dialog', { name: ja.apiKeys.createTitle });
  await form.getByRole('checkbox', { name: ja.apiKeys.scopeNames.read }).uncheck();
  await form.getByRole('button', { name: ja.apiKeys.createSubmit }).click();
  await expect(form.getByText(ja.validation.required)).toBeVisible();
  await expect(form.getByText(ja.validation.scopesRequired)).toBeVisible();
  await form.getByRole('textbox', { name: ja.apiKeys.name }).fill(name);
  await form.getByRole('checkbox', { name: ja.apiKeys.scopeNames.read }).check();
  await form.getByRole('checkbox', { name: ja.apiKeys.scopeNames.write }).check();
  await form.getByRole('button', { name: ja.apiKeys.createSubmit }).click();

  const secretDialog = page.getByRole('dialog', { name: ja.apiKeys.secretTitle });
  await expect(secretDialog.getByText(ja.apiKeys.secretWarning)).toBeVisible();
  const secret = ((await secretDialog.getByTestId('api-key-secret').textContent()) ?? '').trim();
  expect(secret).toMatch(/^itk_/);
  await expectAccessible(page, 'API key secret');
  await secretDialog.getByRole('button', { name: new RegExp(ja.common.copy) }).click();
  await expect(secretDialog.getByRole('button', { name: ja.common.copied })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await secretDialog.getByRole('button', { name: ja.apiKeys.secretDone }).click();
  await expect(page.getByText(secret)).toHaveCount(0); // shown once only

  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).toContainText(ja.apiKeys.active);
  const asKey = await request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${secret}` } });
  expect(asKey.status()).toBe(200);

  await row.getByRole('button', { name: `${ja.apiKeys.revoke}: ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: ja.apiKeys.revokeTitle });
  await expect(confirm).toContainText(name);
  await confirm.getByRole('button', { name: ja.apiKeys.revoke }).click();
  await expect(row).toContainText(ja.apiKeys.revokedAt.replace(' {{date}}', ''));
  await expect(row.getByRole('button', { name: `${ja.apiKeys.revoke}: ${name}` })).toHaveCount(0);
  const revoked = await request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${secret}` } });
  expect(revoked.status()).toBe(401);
  await expectAccessible(page, 'API keys');
});
