import { expect, test } from '@playwright/test';
import { DEMO_ADMIN, choose, expectAccessible, ja, mailTo, signIn, unique } from './support';

// The e2e mail server refuses addresses starting with "bounce" (backend/scripts/mailcatcher.py).
test('a refused invitation mail shows in the delivery log with its reason, and a failed mail is sent again', async ({ page }) => {
  const email = `${unique('bounce')}@example.com`;
  await signIn(page, DEMO_ADMIN);
  await page.goto('/settings/users');
  await page.getByRole('button', { name: ja.users.invite }).click();
  const dialog = page.getByRole('dialog', { name: ja.users.inviteTitle });
  await dialog.getByRole('textbox', { name: ja.users.email }).fill(email);
  await dialog.getByRole('textbox', { name: ja.users.name }).fill('届かない 宛先');
  await dialog.getByRole('button', { name: ja.users.inviteSubmit }).click();
  const done = page.getByRole('dialog', { name: ja.users.invitedTitle });
  await expect(done.getByTestId('invitation-url')).toBeVisible(); // the link to copy, as before
  await done.getByRole('button', { name: ja.common.close }).last().click();

  await page.getByRole('link', { name: ja.nav.jobs }).click();
  await expect(page.getByRole('heading', { name: ja.jobs.title })).toBeVisible();
  const job = page.getByRole('row', { name: new RegExp(email) });
  await expect(job).toContainText(ja.jobs.states.queued); // waiting for its next try
  await expect(job).toContainText('mailbox unavailable');
  await expectAccessible(page, 'background jobs');

  await page.getByRole('tab', { name: ja.jobs.tabs.mail }).click();
  await choose(page, page.locator('main'), ja.jobs.outcomeFilter, ja.jobs.outcomes.failed);
  await expect(page).toHaveURL(/tab=mail.*outcome=failed|outcome=failed.*tab=mail/);
  const delivery = page.getByRole('row', { name: new RegExp(email) });
  await expect(delivery).toContainText(ja.jobs.mailKinds.invitation);
  await expect(delivery).toContainText(ja.jobs.outcomes.failed);
  await expect(delivery).toContainText('550');
  await expectAccessible(page, 'mail delivery log');

  // The demo's questionnaire mail failed six times; the vendor has fixed its mailbox, so it goes out on retry.
  await page.getByRole('tab', { name: ja.jobs.tabs.jobs }).click();
  await choose(page, page.locator('main'), ja.jobs.stateFilter, ja.jobs.states.failed);
  const failed = page.getByRole('row', { name: /it-security@aoba-kenshin\.example\.jp/ });
  await expect(failed).toContainText('6 / 6');
  await failed.getByRole('button', { name: /^再実行: it-security@/ }).click();
  await expect(page.getByText(ja.jobs.retried)).toBeVisible();
  await expect(failed).toHaveCount(0); // no longer failed
  expect((await mailTo('it-security@aoba-kenshin.example.jp')).subject).toContain('回答依頼');
});
