import { expect, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { corporateNumber, DEMO_ADMIN, expectAccessible, ja, listTotal, openSignedIn } from './support';

test('import a Shift_JIS (CP932) CSV of 100 vendors through the wizard', async ({ page }) => {
  const batch = `取込${Date.now().toString(36)}`;
  const rows = ['名称,名称（カナ）,法人番号,所在地,国,ステータス,重要な機密情報を扱う,備考'];
  for (let i = 1; i <= 100; i++) {
    rows.push(`${batch} 商事 第${i}号株式会社,ショウジ,${corporateNumber()},東京都千代田区丸の内${i}-1,JP,candidate,${i % 2 ? 'はい' : 'いいえ'},委託先候補（${i}）`);
  }
  const text = `${rows.join('\r\n')}\r\n`;
  const bytes = iconv.encode(text, 'cp932');
  // Really CP932: not UTF-8, and it reads back as the same text.
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  expect(iconv.decode(bytes, 'cp932')).toBe(text);

  await openSignedIn(page, DEMO_ADMIN, '/vendors');
  const before = await listTotal(page);
  await page.getByRole('link', { name: ja.vendors.importCsv }).click();
  await expect(page.getByRole('heading', { name: ja.vendors.import.title })).toBeVisible();
  await expectAccessible(page, 'import wizard');

  await page.locator('input[type=file]').setInputFiles({ name: 'vendors-sjis.csv', mimeType: 'text/csv', buffer: bytes });
  await page.getByRole('button', { name: ja.vendors.import.check }).click();
  await expect(page.getByTestId('import-rows')).toHaveText('100');
  await expect(page.getByTestId('import-created')).toHaveText('100');
  await expect(page.getByTestId('import-updated')).toHaveText('0');
  await expect(page.getByText(ja.vendors.import.ok)).toBeVisible();
  await expectAccessible(page, 'import dry run report');

  await page.getByRole('button', { name: ja.vendors.import.run }).click();
  await expect(page.getByText(ja.vendors.import.doneTitle)).toBeVisible();
  await expect(page.getByTestId('import-created')).toHaveText('100');
  await page.getByRole('link', { name: ja.vendors.import.toList }).click();

  await expect(page).toHaveURL(/\/vendors$/);
  await expect.poll(() => listTotal(page)).toBe(before + 100);
  await page.getByRole('textbox', { name: ja.vendors.searchLabel }).fill(batch);
  await expect(page).toHaveURL(/q=/);
  await expect.poll(() => listTotal(page)).toBe(100);
  await expect(page.getByRole('link', { name: `${batch} 商事 第1号株式会社`, exact: true })).toBeVisible();
});
