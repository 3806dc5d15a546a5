import { expect, test } from '@playwright/test';
import { DEMO_ADMIN, expectAccessible, ja, openSignedIn } from './support';

const m = ja.vendors;

// The demo's album maker entrusts children's data without any contract; the payroll cloud has an active one.
const ALBUM = 'さくら卒業アルバム制作株式会社';
const PAYROLL = 'みなと給与クラウド株式会社';

test('the register finds personal data without an active contract, and the vendor page lists its contracts', async ({ page }) => {
  await openSignedIn(page, DEMO_ADMIN);
  await page.getByRole('link', { name: ja.nav.vendors, exact: true }).click();
  await expect(page.getByRole('heading', { name: m.title, level: 1 })).toBeVisible();
  const rows = page.getByTestId('vendor-row');
  const vendorLink = (name: string) => rows.getByRole('link', { name, exact: true });
  await expect(vendorLink(PAYROLL)).toBeVisible();

  await page.getByRole('checkbox', { name: m.noActiveContractFilter }).check();
  await expect(page).toHaveURL(/noActiveContract=true/);
  await expect(vendorLink(ALBUM)).toBeVisible();
  await expect(vendorLink(PAYROLL)).toHaveCount(0);
  await expectAccessible(page, 'register filtered to personal data without an active contract');

  // The filter lives in the URL: a reload keeps it.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: m.noActiveContractFilter })).toBeChecked();
  await expect(vendorLink(ALBUM)).toBeVisible();
  await expect(vendorLink(PAYROLL)).toHaveCount(0);

  // The album maker's contracts tab says what is missing, in the warning tone.
  await vendorLink(ALBUM).click();
  await page.getByRole('tab', { name: m.tabs.contracts }).click();
  await expect(page).toHaveURL(/tab=contracts/);
  await expect(page.getByTestId('contract-gap')).toContainText(m.contracts.missingTitle);
  await expect(page.getByRole('link', { name: m.contracts.add })).toHaveAttribute('href', /\/contracts\/new\?vendor=[0-9a-f-]{36}$/);
  await expectAccessible(page, 'contracts tab of a vendor without a contract');

  // Back to the filtered register (switching tabs replaces the history entry); cleared like the other filters.
  await page.goBack();
  await expect(page.getByRole('checkbox', { name: m.noActiveContractFilter })).toBeChecked();
  await page.getByRole('button', { name: ja.common.clearFilters }).click();
  await expect(page).not.toHaveURL(/noActiveContract/);
  await expect(page.getByRole('checkbox', { name: m.noActiveContractFilter })).not.toBeChecked();
  await expect(vendorLink(PAYROLL)).toBeVisible();

  await vendorLink(PAYROLL).click();
  await page.getByRole('tab', { name: m.tabs.contracts }).click();
  const contract = page.getByTestId('vendor-contract-row');
  await expect(contract).toHaveCount(1);
  await expect(contract.getByRole('link', { name: '給与計算業務委託契約書' })).toBeVisible();
  await expect(contract).toContainText('SK-2024-017');
  await expect(contract).toContainText(ja.contracts.statuses.active);
  await expect(contract).toContainText(m.contracts.incidentNoticeValue.replace('{{count}}', '72'));
  await expect(contract).toContainText(m.contracts.myNumberCovered);
  await expect(page.getByTestId('contract-gap')).toHaveCount(0);
  await expectAccessible(page, 'contracts tab of the payroll vendor');

  await contract.getByRole('link', { name: '給与計算業務委託契約書' }).click();
  await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/);
});
