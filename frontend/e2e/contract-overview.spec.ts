import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_ADMIN, expectAccessible, ja, openSignedIn } from './support';

const m = ja.contracts;
const PAYROLL = '給与計算業務委託契約書';

/** The overview's row of one contract, found by its title link. */
const overviewRow = (page: Page, title: string) =>
  page.getByTestId('overview-row').filter({ has: page.getByRole('link', { name: title, exact: true }) });
const cell = (row: Locator, key: string) => row.locator(`[data-testid="gap-cell"][data-key="${key}"]`);
const requirementCard = (page: Page, key: string) => page.locator(`[data-testid="requirement"][data-key="${key}"]`);

test('the clause coverage shows each contract’s gaps, and a clause of the organisation’s own becomes a column of it', async ({ page }) => {
  await openSignedIn(page, DEMO_ADMIN);
  await page.getByRole('link', { name: ja.nav.contracts, exact: true }).click();
  const views = page.getByRole('navigation', { name: m.views.label });
  await views.getByRole('link', { name: m.views.overview }).click();
  await expect(page).toHaveURL(/\/contracts\/overview$/);
  await expect(page.getByRole('heading', { name: m.overview.title, level: 1 })).toBeVisible();
  await expect(views.getByRole('link', { name: m.views.overview })).toHaveAttribute('aria-current', 'page');

  // The demo payroll contract: a 72-hour incident notice (policy: 24) and re-entrustment approval not required at
  // every tier although it covers My Number data, so both are weaker; it has no compliance-report clause at all.
  const payroll = overviewRow(page, PAYROLL);
  await expect(payroll).toBeVisible();
  await expect(payroll).toContainText('みなと給与クラウド株式会社');
  await expect(payroll).toContainText(m.myNumber);
  await expect(page.getByRole('columnheader', { name: '漏えい等事案の報告' })).toBeVisible();
  await expect(cell(payroll, 'incident_reporting')).toHaveAttribute('data-status', 'weaker');
  await expect(cell(payroll, 'incident_reporting')).toHaveText('方針より弱い（必須）');
  await expect(cell(payroll, 'subcontracting')).toHaveAttribute('data-status', 'weaker');
  await expect(cell(payroll, 'compliance_reports')).toHaveText('不足（必須）');
  await expect(cell(payroll, 'confidentiality')).toHaveText('充足（必須）');
  // The call-centre contract states the organisation's own clause; the payroll contract does not.
  await expect(cell(payroll, 'org_domestic_storage')).toHaveText('不足（必須）');
  await expect(cell(overviewRow(page, 'コールセンター業務委託契約書'), 'org_domestic_storage')).toHaveAttribute('data-status', 'met');
  // The logistics agreement is past its notice date.
  await expect(overviewRow(page, '物流業務基本契約書').getByTestId('renewal-due')).toBeVisible();
  await expect(page.locator('[data-testid="requirement-counts"][data-key="incident_reporting"]')).toContainText(/方針より弱い [1-9]\d* 件/);
  await expectAccessible(page, 'clause coverage');

  // The filters live in the URL.
  await page.getByRole('combobox', { name: m.vendorFilter }).fill('みなと給与');
  await page.getByRole('option', { name: 'みなと給与クラウド株式会社' }).click();
  await expect(page).toHaveURL(/vendor=/);
  await expect(page.getByTestId('overview-row')).toHaveCount(1);
  await page.getByRole('button', { name: ja.common.clearFilters }).click();
  await expect(page.getByTestId('overview-row')).not.toHaveCount(1);

  // Vendors handling personal data without an active contract: the notice opens the register, filtered.
  const notice = page.getByTestId('vendors-without-contract');
  await expect(notice).toContainText(/有効な契約がない委託先が \d+ 社あります/);
  await notice.getByRole('link', { name: m.overview.noActiveContractLink }).click();
  await expect(page).toHaveURL(/\/vendors\?noActiveContract=true/);
  await expect(page.getByRole('heading', { name: ja.vendors.title, level: 1 })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: ja.vendors.noActiveContractFilter })).toBeChecked();

  // The library: the demo's own clause is marked, and cannot be deleted while a contract states it.
  await page.goto('/contracts/library');
  await expect(page.getByRole('heading', { name: m.library.title, level: 1 })).toBeVisible();
  const domestic = requirementCard(page, 'org_domestic_storage');
  await expect(domestic.getByText(m.library.ownBadge)).toBeVisible();
  await expect(requirementCard(page, 'incident_reporting')).toContainText('方針: 24 時間 以内');
  await domestic.getByRole('button', { name: m.library.showWording }).click();
  await expect(domestic.getByText(/日本国内/)).toBeVisible();
  await expectAccessible(page, 'clause library');
  await domestic.getByRole('button', { name: /「国内での保管（海外移転の禁止）」を削除/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: ja.common.delete }).click();
  await expect(page.getByTestId('requirement-in-use')).toContainText('1 件の契約に記載されています');
  await expect(domestic).toBeVisible();

  // Add a clause of our own…
  const key = `org_e2e_${Date.now().toString(36)}`;
  const title = `再委託先の国内限定 ${key.slice(-6)}`;
  await page.getByRole('button', { name: m.library.add }).click();
  const dialog = page.getByRole('dialog', { name: m.library.addTitle });
  await dialog.getByRole('textbox', { name: m.library.form.key }).fill(key);
  await dialog.getByRole('textbox', { name: m.library.form.titleJa }).fill(title);
  await dialog.getByRole('textbox', { name: m.library.form.wordingJa }).fill('受託者は、再委託先を日本国内の事業者に限るものとする。');
  await expectAccessible(page, 'new clause dialog');
  await dialog.getByRole('button', { name: ja.common.save }).click();
  await expect(dialog).toBeHidden();
  const added = requirementCard(page, key);
  await expect(added).toContainText(title);
  await expect(added.getByText(m.library.ownBadge)).toBeVisible();
  await expect(added.locator('[data-level="required"]')).toBeVisible();

  // …it is a required column of the overview at once, missing from every active contract…
  await page.getByRole('navigation', { name: m.views.label }).getByRole('link', { name: m.views.overview }).click();
  await expect(page.locator(`[data-testid="requirement-column"][data-key="${key}"]`)).toContainText(title);
  await expect(cell(overviewRow(page, PAYROLL), key)).toHaveText('不足（必須）');

  // …and a clause the contract editor offers, marked as the organisation's own.
  await overviewRow(page, PAYROLL).getByRole('link', { name: PAYROLL }).click();
  await expect(page.getByRole('heading', { name: PAYROLL, level: 1 })).toBeVisible();
  await expect(page.locator(`[data-testid="gap-row"][data-key="${key}"]`)).toHaveAttribute('data-status', 'missing');
  await page.getByRole('tab', { name: m.tabs.details }).click();
  await expect(page.locator(`[data-testid="clause-row"][data-key="${key}"]`).getByText(m.library.ownBadge)).toBeVisible();

  // Made desirable, then deleted: it leaves the library.
  await page.goto('/contracts/library');
  await requirementCard(page, key).getByRole('button', { name: `「${title}」を編集` }).click();
  const edit = page.getByRole('dialog', { name: m.library.editTitle });
  await expect(edit.getByRole('textbox', { name: m.library.form.key })).toHaveAttribute('readonly');
  await edit.getByText(m.levels.desirable, { exact: true }).click();
  await edit.getByRole('button', { name: ja.common.save }).click();
  await expect(edit).toBeHidden();
  await expect(requirementCard(page, key).locator('[data-level="desirable"]')).toBeVisible();

  await requirementCard(page, key).getByRole('button', { name: `「${title}」を削除` }).click();
  await page.getByRole('dialog').getByRole('button', { name: ja.common.delete }).click();
  await expect(requirementCard(page, key)).toHaveCount(0);
  await page.getByRole('navigation', { name: m.views.label }).getByRole('link', { name: m.views.overview }).click();
  await expect(overviewRow(page, PAYROLL)).toBeVisible();
  await expect(page.locator(`[data-testid="requirement-column"][data-key="${key}"]`)).toHaveCount(0);
});

test('the contract list filters the contracts due for renewal and shows their gaps', async ({ page }) => {
  await openSignedIn(page, DEMO_ADMIN, '/contracts');
  await expect(page.getByRole('heading', { name: m.title, level: 1 })).toBeVisible();
  const payroll = page.getByTestId('contract-row').filter({ hasText: PAYROLL });
  await expect(payroll.getByTestId('gap-summary-cell')).toContainText('不足 6 件、方針より弱い 2 件。');
  await page.getByRole('checkbox', { name: m.renewalDueFilter }).check();
  await expect(page).toHaveURL(/renewalDue=true/);
  await expect(page.getByTestId('contract-row')).toHaveCount(1);
  await expect(page.getByTestId('contract-row')).toContainText('物流業務基本契約書');
  await expect(page.getByTestId('contract-row').getByTestId('renewal-due')).toBeVisible();
  await expectAccessible(page, 'contract list, renewal due');
});
