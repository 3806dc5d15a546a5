import { expect, test } from '@playwright/test';
import { choose, dismissNotifications, en, expectAccessible, ja, openSignedIn, registerOrganization, signIn, totp, unique } from './support';

test('two-factor sign-in: set it up with the QR code, require it, sign out (the old token is refused) and sign in with a code', async ({
  page,
  request, // its own cookies: what it signs in does not replace the page's session
}) => {
  const admin = { email: `${unique('tfa-admin')}@example.com`, password: 'two-factor-e2e-passphrase' };
  const registered = await registerOrganization(request, {
    data: { organization_name: unique('株式会社ふたば製作所'), name: '二宮 智子', ...admin },
  });
  expect(registered.status()).toBe(201);
  const adminHeaders = { Authorization: `Bearer ${(await registered.json()).access_token}` };
  // A manager who will have to set it up once the organisation requires it.
  const manager = { email: `${unique('tfa-manager')}@example.com`, password: 'two-factor-e2e-manager' };
  const invited = await request.post('/api/v1/users', {
    headers: adminHeaders,
    data: { email: manager.email, name: '三田 浩', role: 'manager' },
  });
  const token = new URL((await invited.json()).invitation_url).searchParams.get('token');
  expect((await request.post('/api/v1/auth/accept-invitation', { data: { token, password: manager.password } })).ok()).toBeTruthy();

  // The access token the page sends, to try it again after signing out.
  let bearer = '';
  page.on('request', (r) => {
    const header = r.headers().authorization;
    if (header?.startsWith('Bearer ')) bearer = header.slice(7);
  });

  await openSignedIn(page, admin, '/profile');
  const section = page.getByTestId('two-factor');
  await expect(section.getByRole('heading', { name: ja.profile.twoFactor.title })).toBeVisible();
  await section.getByRole('button', { name: ja.profile.twoFactor.setUp }).click();
  await expect(section.getByRole('img', { name: ja.profile.twoFactor.qrAlt })).toBeVisible();
  const secret = ((await section.getByTestId('totp-secret').textContent()) ?? '').trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expectAccessible(page, 'two-factor set-up with the QR code');
  await page.screenshot({ path: 'test-results/two-factor-setup-ja.png', fullPage: true });
  await section.getByRole('textbox', { name: ja.profile.twoFactor.code }).fill('000000');
  await section.getByRole('button', { name: ja.profile.twoFactor.enable }).click();
  await expect(section.getByText(ja.errors.codes.invalid_two_factor_code)).toBeVisible();
  await section.getByRole('textbox', { name: ja.profile.twoFactor.code }).fill(totp(secret));
  await section.getByRole('button', { name: ja.profile.twoFactor.enable }).click();
  const codes = ((await section.getByTestId('recovery-code-list').textContent()) ?? '').trim().split(/\s+/);
  expect(codes).toHaveLength(10);
  await section.getByRole('button', { name: ja.profile.twoFactor.codesKept }).click();
  await expect(section.getByText(ja.profile.twoFactor.on, { exact: true })).toBeVisible();

  // Required of everyone from now on.
  await page.goto('/settings/organization');
  await choose(page, page.locator('main'), ja.organization.twoFactor, ja.organization.twoFactorPolicies.everyone);
  await page.getByRole('button', { name: ja.common.save }).click();
  await expect(page.getByText(ja.organization.saved)).toBeVisible();
  await dismissNotifications(page); // it sits over the user menu

  // Sign out: the token the page held is refused at once, not an hour later.
  const held = bearer;
  expect(held).not.toBe('');
  expect((await page.request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${held}` } })).status()).toBe(200);
  await page.getByRole('button', { name: ja.shell.userMenu }).click();
  await page.getByRole('menuitem', { name: ja.shell.signOut }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const refused = await page.request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${held}` } });
  expect(refused.status()).toBe(401);
  await dismissNotifications(page); // "signed out" sits over the language switch

  // Signing in again asks for the code, in English this time (once in, the profile's language, Japanese, applies).
  await page.getByRole('radiogroup', { name: ja.language.label }).getByText('English').click();
  await page.getByRole('textbox', { name: en.signIn.email }).fill(admin.email);
  await page.getByRole('textbox', { name: en.signIn.password, exact: true }).fill(admin.password);
  await page.getByRole('button', { name: en.signIn.submit }).click();
  const codeField = page.getByRole('textbox', { name: en.signIn.code });
  await expect(codeField).toBeVisible();
  await expectAccessible(page, 'sign-in asking for the code (en)');
  await page.screenshot({ path: 'test-results/two-factor-sign-in-en.png', fullPage: true });
  await codeField.fill(totp(secret, 1)); // the next step: the one used to turn it on cannot be used again
  await page.getByRole('button', { name: en.signIn.submit }).click();
  await expect(page.getByRole('button', { name: ja.shell.userMenu })).toBeVisible();
  // Signed in with the code; signing out ends this session too, at once.
  const withCode = bearer;
  expect(withCode).not.toBe(held);
  expect((await page.request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${withCode}` } })).status()).toBe(200);
  await page.getByRole('button', { name: ja.shell.userMenu }).click();
  await page.getByRole('menuitem', { name: ja.shell.signOut }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await page.request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${withCode}` } })).status()).toBe(401);

  // The manager has not set it up: signed in, only the profile opens, and it says why.
  await signIn(page, manager);
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('alert').filter({ hasText: ja.profile.twoFactor.setupRequired })).toBeVisible();
  await page.goto('/vendors');
  await expect(page).toHaveURL(/\/profile$/);
  await expectAccessible(page, 'profile of a member who must set up two-factor sign-in');
});
