import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { DEMO_ADMIN, expectAccessible, ja, listTotal, openSignedIn } from './support';

test('export the register and import the file back: everything updates, nothing is added', async ({ page }) => {
  await openSignedIn(page, DEMO_ADMIN, '/vendors');
  const total = await listTotal(page);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: ja.vendors.exportCsv }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^itaku-vendors-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 with BOM, for Excel
  expect(bytes.toString('utf8')).toContain('名称');

  await page.getByRole('link', { name: ja.vendors.importCsv }).click();
  await page.locator('input[type=file]').setInputFiles({ name: file.suggestedFilename(), mimeType: 'text/csv', buffer: bytes });
  await page.getByRole('button', { name: ja.vendors.import.check }).click();
  await expect(page.getByTestId('import-rows')).toHaveText(total.toLocaleString('ja-JP'));
  await expect(page.getByTestId('import-created')).toHaveText('0');
  await expect(page.getByTestId('import-updated')).toHaveText(total.toLocaleString('ja-JP'));
  await expect(page.getByTestId('import-problem')).toHaveCount(0);
  await expectAccessible(page, 'round-trip dry run');

  await page.getByRole('button', { name: ja.vendors.import.run }).click();
  await expect(page.getByText(ja.vendors.import.doneTitle)).toBeVisible();
  await expect(page.getByTestId('import-updated')).toHaveText(total.toLocaleString('ja-JP'));
  await page.getByRole('link', { name: ja.vendors.import.toList }).click();
  await expect(page).toHaveURL(/\/vendors$/);
  await expect.poll(() => listTotal(page)).toBe(total);
});
