import { expect, test } from '@playwright/test';
import { DEMO_ADMIN, expectAccessible, ja, openSignedIn, unique } from './support';

test('invite a user, who accepts the invitation in another browser', async ({ page, browser }) => {
  const email = `${unique('invitee')}@example.com`;
  await openSignedIn(page, DEMO_ADMIN, '/settings/users');
  await page.getByRole('button', { name: ja.users.invite }).click();
  const dialog = page.getByRole('dialog', { name: ja.users.inviteTitle });
  await dialog.getByRole('button', { name: ja.users.inviteSubmit }).click();
  await expect(dialog.getByText(ja.validation.required).first()).toBeVisible();
  await dialog.getByRole('textbox', { name: ja.users.email }).fill(email);
  await dialog.getByRole('textbox', { name: ja.users.name }).fill('招待 四郎');
  await dialog.getByRole('combobox', { name: ja.users.role }).click();
  await page.getByRole('option', { name: new RegExp(`^${ja.roles.manager}`) }).click();
  await expectAccessible(page, 'invite dialog');
  await dialog.getByRole('button', { name: ja.users.inviteSubmit }).click();

  const done = page.getByRole('dialog', { name: ja.users.invitedTitle });
  const link = (await done.getByTestId('invitation-url').textContent()) ?? '';
  expect(link).toMatch(/\/accept-invitation\?token=/);
  await expect(done.getByRole('button', { name: new RegExp(ja.common.copy) })).toBeVisible();
  await done.getByRole('button', { name: ja.common.close }).last().click();
  const row = page.getByRole('row', { name: new RegExp(email) });
  await expect(row).toContainText(ja.users.statuses.invited);

  const invitee = await browser.newContext();
  const other = await invitee.newPage();
  await other.goto(link);
  await expect(other.getByRole('heading', { name: ja.acceptInvitation.title })).toBeVisible();
  await expectAccessible(other, 'accept invitation');
  await other.getByRole('textbox', { name: ja.acceptInvitation.password, exact: true }).fill('short');
  await other.getByRole('textbox', { name: ja.acceptInvitation.confirmPassword }).fill('different');
  await other.getByRole('button', { name: ja.acceptInvitation.submit }).click();
  await expect(other.getByText('10 文字以上で入力してください。')).toBeVisible();
  await expect(other.getByText(ja.validation.passwordMismatch)).toBeVisible();
  await other.getByRole('textbox', { name: ja.acceptInvitation.password, exact: true }).fill('a-long-enough-password');
  await other.getByRole('textbox', { name: ja.acceptInvitation.confirmPassword }).fill('a-long-enough-password');
  await other.getByRole('button', { name: ja.acceptInvitation.submit }).click();
  await expect(other.getByRole('heading', { name: ja.dashboard.title })).toBeVisible();
  await expect(other.getByRole('button', { name: ja.shell.userMenu })).toContainText('招待 四郎');

  // The same link cannot be used twice.
  const third = await (await browser.newContext()).newPage();
  await third.goto(link);
  await third.getByRole('textbox', { name: ja.acceptInvitation.password, exact: true }).fill('a-long-enough-password');
  await third.getByRole('textbox', { name: ja.acceptInvitation.confirmPassword }).fill('a-long-enough-password');
  await third.getByRole('button', { name: ja.acceptInvitation.submit }).click();
  await expect(third.getByRole('alert')).toHaveText(ja.errors.codes.invitation_invalid);
  await invitee.close();

  await page.reload();
  await expect(row).toContainText(ja.users.statuses.active);
  await expect(row).toContainText(ja.roles.manager);

  // Deactivate, with a confirmation.
  await row.getByRole('button', { name: ja.users.rowActions.replace('{{name}}', '招待 四郎') }).click();
  await page.getByRole('menuitem', { name: ja.users.deactivate }).click();
  await page.getByRole('dialog', { name: ja.users.deactivateTitle }).getByRole('button', { name: ja.users.deactivate }).click();
  await expect(row).toContainText(ja.users.statuses.deactivated);
  await expectAccessible(page, 'users');
});
