import { expect, test } from '@playwright/test';
import { choose, corporateNumber, DEMO_ADMIN, expectAccessible, ja, openSignedIn, unique } from './support';

// A tiny but real PDF: the API judges the type by its content, not by the name.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

test('create a vendor with special-care processing, a subcontractor and a certification with evidence; see its tier and reasons', async ({
  page,
}) => {
  const name = unique('あおぞら健康データ');
  await openSignedIn(page, DEMO_ADMIN);
  await page.getByRole('link', { name: ja.nav.vendors, exact: true }).click();
  await expect(page.getByRole('heading', { name: ja.vendors.title })).toBeVisible();
  await expectAccessible(page, 'vendor list');
  await page.getByRole('link', { name: ja.vendors.add }).click();

  // The form: the API's check-digit message lands on the field.
  await expect(page.getByRole('heading', { name: ja.vendors.form.createTitle })).toBeVisible();
  await page.getByRole('textbox', { name: ja.vendors.form.name, exact: true }).fill(name);
  await page.getByRole('textbox', { name: ja.vendors.form.nameKana }).fill('アオゾラケンコウデータ');
  const number = page.getByRole('textbox', { name: ja.vendors.form.corporateNumber });
  await number.fill('7000012050003');
  await page.getByRole('checkbox', { name: ja.vendors.overview.network_access }).check();
  await page.getByRole('button', { name: ja.vendors.form.createSubmit }).click();
  await expect(page.getByText(/法人番号のチェックディジット（先頭の 1 桁）が合いません。残りの 12 桁からは \d になるはずです/)).toBeVisible();
  await expect(number).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'create vendor form with an error');
  await number.fill(corporateNumber());
  await page.getByRole('button', { name: ja.vendors.form.createSubmit }).click();

  // Lands on the new vendor's page.
  await expect(page).toHaveURL(/\/vendors\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByTestId('star-card')).toContainText('★4');

  // Entrusted processing: special-care data of 5 000 people.
  await page.getByRole('tab', { name: ja.vendors.tabs.processing }).click();
  await page.getByRole('button', { name: ja.vendors.processing.add }).click();
  const processing = page.getByRole('dialog', { name: ja.vendors.processing.addTitle });
  await processing.getByRole('textbox', { name: ja.vendors.processing.service }).fill('健康診断結果の管理');
  await choose(page, processing, ja.vendors.processing.dataCategories, ja.vendors.dataCategories.special_care);
  await processing.getByRole('textbox', { name: ja.vendors.processing.persons }).fill('5000');
  await choose(page, processing, ja.vendors.processing.access, ja.vendors.accessTypes.remote);
  await expectAccessible(page, 'processing form');
  await processing.getByRole('button', { name: ja.common.save }).click();
  await expect(processing).toHaveCount(0);
  const row = page.getByTestId('processing-row');
  await expect(row).toContainText('健康診断結果の管理');
  await expect(row).toContainText('5,000');
  await expect(row).toContainText(ja.vendors.dataCategoriesShort.special_care);

  // A subcontractor picked from the register.
  await page.getByRole('tab', { name: ja.vendors.tabs.subcontractors }).click();
  await page.getByRole('button', { name: ja.vendors.subcontractors.add }).click();
  const sub = page.getByRole('dialog', { name: ja.vendors.subcontractors.addTitle });
  await sub.getByRole('combobox', { name: ja.vendors.subcontractors.subcontractor }).fill('東北');
  await page.getByRole('option', { name: '東北オフセット印刷株式会社' }).click();
  await sub.getByRole('textbox', { name: ja.vendors.subcontractors.work }).fill('結果通知の印刷・封入');
  await sub.getByRole('button', { name: ja.vendors.subcontractors.add }).click();
  await expect(sub).toHaveCount(0);
  const node = page.getByTestId('subcontract-node');
  await expect(node).toContainText('東北オフセット印刷株式会社');
  await expect(node).toContainText(ja.vendors.approvalStatuses.requested);
  await expectAccessible(page, 'subcontractor tree');

  // Approve the link with a date.
  await node.getByRole('button', { name: ja.vendors.subcontractors.rowActions.replace('{{name}}', '東北オフセット印刷株式会社') }).click();
  await page.getByRole('menuitem', { name: ja.vendors.subcontractors.approve }).click();
  const decision = page.getByRole('dialog');
  await decision.getByRole('button', { name: ja.vendors.subcontractors.approve }).click();
  await expect(node).toContainText(ja.vendors.approvalStatuses.approved);

  // A certification with an uploaded PDF as evidence.
  await page.getByRole('tab', { name: ja.vendors.tabs.certifications }).click();
  await page.getByRole('button', { name: ja.vendors.certifications.add }).click();
  const cert = page.getByRole('dialog', { name: ja.vendors.certifications.addTitle });
  await choose(page, cert, ja.vendors.certifications.kind, ja.vendors.certificationKinds.privacy_mark);
  await cert.getByRole('textbox', { name: ja.vendors.certifications.number }).fill('21000123(05)');
  const nextYear = new Date().getFullYear() + 1;
  await cert.getByRole('textbox', { name: ja.vendors.certifications.expiry }).fill(`${nextYear}/03/31`);
  await cert.locator('input[type=file]').setInputFiles({ name: 'privacy-mark.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(cert.getByTestId('evidence-file')).toContainText('privacy-mark.pdf');
  await expectAccessible(page, 'certification form, calendar open');
  await cert.getByRole('textbox', { name: ja.vendors.certifications.number }).click(); // closes the calendar
  await cert.getByRole('button', { name: ja.common.save }).click();
  await expect(cert).toHaveCount(0);
  const certRow = page.getByTestId('certification-row');
  await expect(certRow).toContainText(ja.vendors.certificationKinds.privacy_mark);
  await expect(certRow).toContainText(ja.vendors.certificationStatesShort.valid);
  const download = page.waitForEvent('download');
  await certRow.getByRole('button', { name: new RegExp(ja.vendors.certifications.download) }).click();
  expect((await download).suggestedFilename()).toBe('privacy-mark.pdf');

  // The tier and the reasons that name both facts.
  await page.getByRole('tab', { name: ja.vendors.tabs.overview }).click();
  const tierCard = page.getByTestId('tier-card');
  await expect(tierCard.locator('[data-tier]').first()).toHaveText(new RegExp(`^(${ja.vendors.tiers.critical}|${ja.vendors.tiers.high})$`));
  const reasons = page.getByTestId('tier-reasons');
  await expect(reasons).toContainText('要配慮個人情報を取り扱う');
  await expect(reasons).toContainText('本人の数が約5,000人（個人情報保護委員会への報告基準1,000人超）');
  await expect(reasons).toContainText('再委託が1階層ある');
  await expectAccessible(page, 'vendor overview');

  // The history keeps how the tier got there.
  await page.getByRole('tab', { name: ja.vendors.tabs.history }).click();
  await expect(page.getByTestId('tier-change').first()).toBeVisible();
  await expect(page.getByTestId('vendor-audit-row').first()).toContainText(ja.audit.actions.created);
  await expectAccessible(page, 'vendor history');

  // And the register lists it with its tier.
  await page.goto(`/vendors?q=${encodeURIComponent(name)}`);
  const listed = page.getByTestId('vendor-row');
  await expect(listed).toHaveCount(1);
  await expect(listed).toContainText('5,000');
});
