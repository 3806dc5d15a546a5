import { expect, test } from '@playwright/test';
import { DEMO_ADMIN, expectAccessible, ja, openSignedIn } from './support';

test('see the audit trail of what was just done, with before and after', async ({ page }) => {
  await openSignedIn(page, DEMO_ADMIN);

  // Change the role of a demo user: viewer → manager.
  await page.goto('/settings/users?q=internal.audit');
  const row = page.getByRole('row', { name: /internal\.audit@demo\.itaku\.example/ });
  await expect(row).toContainText(ja.roles.viewer);
  await row.getByRole('button', { name: ja.users.rowActions.replace('{{name}}', '内部監査 三郎') }).click();
  await page.getByRole('menuitem', { name: ja.users.changeRole }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: ja.roles.manager }).check();
  await dialog.getByRole('button', { name: ja.common.save }).click();
  await expect(row).toContainText(ja.roles.manager);

  // Change the organisation's time zone.
  await page.goto('/settings/organization');
  const zone = page.getByRole('combobox', { name: ja.organization.timeZone });
  await zone.fill('Asia/Seoul');
  await page.getByRole('option', { name: 'Asia/Seoul' }).click();
  await page.getByRole('button', { name: ja.common.save }).click();
  await expect(page.getByText(ja.organization.saved)).toBeVisible();
  await expectAccessible(page, 'organisation settings');

  // The trail, filtered to role changes, shows the change with its before and after.
  await page.goto('/settings/audit');
  await page.getByRole('combobox', { name: ja.audit.action }).click();
  await page.getByRole('option', { name: ja.audit.actions.membership_updated }).click();
  await expect(page).toHaveURL(/action=membership_updated/);
  const first = page.getByTestId('audit-row').first();
  await expect(first).toContainText(ja.audit.fields.role);
  await first.getByRole('button', { name: new RegExp(ja.audit.open) }).click();
  const drawer = page.getByRole('dialog', { name: ja.audit.detailTitle });
  const diffRow = drawer.getByRole('row', { name: new RegExp(ja.audit.fields.role) });
  await expect(diffRow.getByRole('cell').nth(0)).toHaveText(ja.roles.viewer);
  await expect(diffRow.getByRole('cell').nth(1)).toHaveText(ja.roles.manager);
  await expect(drawer).toContainText(DEMO_ADMIN.email);
  await expectAccessible(page, 'audit event drawer');
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/event=/);

  // And the organisation's change, found by record type.
  await page.goto('/settings/audit?entity_type=organization&action=updated');
  await page.getByTestId('audit-row').first().getByRole('button', { name: new RegExp(ja.audit.open) }).click();
  const zoneRow = page.getByRole('dialog').getByRole('row', { name: new RegExp(ja.audit.fields.time_zone) });
  await expect(zoneRow).toContainText('Asia/Tokyo');
  await expect(zoneRow).toContainText('Asia/Seoul');
  await expectAccessible(page, 'audit trail');

  // Put the zone back for the other journeys.
  await page.goto('/settings/organization');
  await page.getByRole('combobox', { name: ja.organization.timeZone }).fill('Asia/Tokyo');
  await page.getByRole('option', { name: 'Asia/Tokyo' }).click();
  await page.getByRole('button', { name: ja.common.save }).click();
  await expect(page.getByText(ja.organization.saved)).toBeVisible();
});
