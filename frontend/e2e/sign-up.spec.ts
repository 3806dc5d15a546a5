import { expect, test } from '@playwright/test';
import { dismissNotifications, en, expectAccessible, ja, linkToken, mailTo, registerOrganization, unique } from './support';

test('register an organisation through the mailed link, reset the forgotten password, and accept an invitation on the profile', async ({
  page,
  request, // its own cookies: what it signs in does not replace the page's session
}) => {
  const email = `${unique('founder')}@example.com`;
  const organization = unique('株式会社つばめ運輸');
  await page.goto('/sign-in');
  await page.getByRole('link', { name: ja.signIn.signUp }).click();
  await expect(page.getByRole('heading', { name: ja.signUp.title })).toBeVisible();
  await expectAccessible(page, 'sign-up form');
  await page.getByRole('textbox', { name: ja.signUp.organization }).fill(organization);
  await page.getByRole('textbox', { name: ja.signUp.name }).fill('燕 一郎');
  await page.getByRole('textbox', { name: ja.signIn.email }).fill(email);
  await page.getByRole('textbox', { name: ja.acceptInvitation.password, exact: true }).fill('first-passphrase-1');
  await page.getByRole('textbox', { name: ja.acceptInvitation.confirmPassword }).fill('first-passphrase-1');
  await page.getByRole('button', { name: ja.signUp.submit }).click();
  await expect(page.getByRole('heading', { name: ja.signUp.sentTitle })).toBeVisible();

  // The link in the mail creates the organisation and signs its administrator in; the token leaves the address bar.
  const confirmation = await mailTo(email);
  expect(confirmation.body).toContain('/sign-up/confirm#token=');
  await page.goto(confirmation.body.match(/https?:\/\/\S+\/sign-up\/confirm#token=\S+/)?.[0] ?? '');
  await expect(page.getByRole('button', { name: ja.shell.userMenu })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  await expect(page.getByText(organization).first()).toBeVisible();
  await dismissNotifications(page); // the welcome sits over the user menu
  await page.getByRole('button', { name: ja.shell.userMenu }).click();
  await page.getByRole('menuitem', { name: ja.shell.signOut }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/sign-in'); // past the "signed out" notice

  // Forgotten: the reset link, in English.
  await page.getByRole('radiogroup', { name: ja.language.label }).getByText('English').click();
  await page.getByRole('link', { name: en.signIn.forgot }).click();
  // The sign-in form has an Email field too: fill the reset form's once it is there.
  await expect(page.getByRole('heading', { name: en.passwordReset.title })).toBeVisible();
  await page.getByRole('textbox', { name: en.signIn.email }).fill(email);
  await page.getByRole('button', { name: en.passwordReset.send }).click();
  await expect(page.getByText(en.passwordReset.sent.replace('{{email}}', email))).toBeVisible();
  await expectAccessible(page, 'password reset requested (en)');
  const reset = await mailTo(email);
  expect(reset.subject).toContain('Reset your password');
  await page.goto(`/reset-password#token=${linkToken(reset)}`);
  await page.getByRole('textbox', { name: en.profile.newPassword, exact: true }).fill('second-passphrase-2');
  await page.getByRole('textbox', { name: en.profile.confirmPassword, exact: true }).fill('second-passphrase-2');
  await page.getByRole('button', { name: en.passwordReset.submit }).click();
  await expect(page.getByRole('button', { name: ja.shell.userMenu })).toBeVisible(); // the profile says Japanese

  // Another organisation invites this account: it joins only when accepted here.
  const inviter = { email: `${unique('inviter')}@example.com`, password: 'inviter-passphrase-1' };
  const otherName = unique('株式会社かもめ商会');
  const other = await registerOrganization(request, {
    data: { organization_name: otherName, name: '鴎 二郎', ...inviter },
  });
  const invited = await request.post('/api/v1/users', {
    headers: { Authorization: `Bearer ${(await other.json()).access_token}` },
    data: { email, name: '燕さん', role: 'viewer' },
  });
  expect(invited.status()).toBe(201);
  await page.goto('/profile');
  const pending = page.getByTestId('pending-invitation');
  await expect(pending).toContainText(otherName);
  await expectAccessible(page, 'profile with a pending invitation');
  await pending.getByRole('button', { name: ja.profile.invitations.accept }).click();
  await expect(page.getByTestId('pending-invitations')).toHaveCount(0);
  await dismissNotifications(page); // "accepted" sits over the organisation switcher
  // Now among the organisations to switch to.
  await page.getByRole('button', { name: `${ja.shell.switchOrganization}: ${organization}` }).click();
  await page.getByRole('menuitem', { name: otherName }).click();
  await expect(page.getByRole('button', { name: `${ja.shell.switchOrganization}: ${otherName}` })).toBeVisible();
});
