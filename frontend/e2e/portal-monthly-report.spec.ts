import { expect, test, type APIRequestContext } from '@playwright/test';
import { corporateNumber, expectAccessible, ja, openSignedIn, registerOrganization, unique } from './support';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const m = ja.portalMonitoring;
const f = m.report.fields;

test.use(PHONE);

type Staff = {
  organization: string;
  vendorId: string;
  since: string;
  link: string;
  headers: { Authorization: string };
  login: { email: string; password: string };
};

/** The first day of the month `back` months before today's (local) month, as YYYY-MM-DD. */
function monthStart(back: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getFullYear(), now.getMonth() - back, 1));
  return d.toISOString().slice(0, 10);
}

function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The staff side through the API: an organisation watching its vendors since three months ago, a critical
 * vendor (tier overridden) under an active contract since 2021, which therefore owes a monthly report for
 * each of the three months that have ended, its contact with an email, and a portal link for the contact.
 */
async function setUp(request: APIRequestContext): Promise<Staff> {
  const organization = unique('株式会社みらい人事');
  const login = { email: `${unique('staff')}@example.com`, password: 'portal-e2e-passphrase' };
  const registered = await registerOrganization(request, {
    data: { organization_name: organization, name: '山田 太郎', ...login },
  });
  expect(registered.ok(), await registered.text()).toBeTruthy();
  const headers = { Authorization: `Bearer ${(await registered.json()).access_token}` };
  const send = async (method: 'post' | 'put', url: string, data: object) => {
    const response = await request[method](url, { headers, data });
    expect(response.ok(), `${url}: ${await response.text()}`).toBeTruthy();
    return response.json();
  };

  const since = monthStart(3);
  const policy = await (await request.get('/api/v1/monitoring-policy', { headers })).json();
  const { is_default: _default, version, ...values } = policy;
  await send('put', '/api/v1/monitoring-policy', { version, policy: { ...values, since } });

  const vendor = await send('post', '/api/v1/vendors', { name: unique('株式会社給与クラウド'), status: 'active' });
  const contact = await send('post', `/api/v1/vendors/${vendor.id}/contacts`, {
    name: '情報セキュリティ 担当',
    email: `${unique('security')}@payroll.example`,
    role: 'security_officer',
  });
  await send('post', '/api/v1/contracts', { vendor_id: vendor.id, title: '給与計算委託契約', status: 'active', start_date: '2021-04-01' });
  await send('put', `/api/v1/vendors/${vendor.id}/tier-override`, { version: vendor.version, tier: 'critical', reason: 'マイナンバーを扱う' });
  const issued = await send('post', `/api/v1/vendors/${vendor.id}/contacts/${contact.id}/portal-links`, {});
  expect(issued.link).toMatch(/\/portal\/open#token=/);
  return { organization, vendorId: vendor.id, since, link: issued.link, headers, login };
}

test('a vendor contact submits a monthly report with one access-right change on a phone, and staff accept it', async ({ page, request, browser }) => {
  test.setTimeout(150_000);
  const staff = await setUp(request);

  // The link opens the home: three monthly reports owed, the oldest overdue.
  await page.goto(staff.link);
  await expect(page).toHaveURL(/\/portal\/?$/);
  const section = page.getByTestId('portal-reports');
  await expect(section.getByRole('heading', { name: m.reports.sectionTitle })).toBeVisible();
  const owed = section.getByTestId('portal-report');
  await expect(owed).toHaveCount(3);
  await expect(section.getByText(m.reports.owed.replace('{{count}}', '3'))).toBeVisible();
  const oldest = owed.last();
  await expect(oldest.getByTestId('report-overdue')).toHaveText(m.reports.overdue);
  await expect(oldest.getByTestId('report-status')).toHaveText(m.reports.status.not_started);
  await expect(page.getByTestId('portal-changes').getByRole('heading', { name: m.changes.sectionTitle })).toBeVisible();
  await expectAccessible(page, 'portal home with periodic reports and change requests');

  await oldest.getByRole('link', { name: new RegExp(`^${m.reports.action.start}`) }).click();
  await expect(page).toHaveURL(/\/portal\/reports\/[0-9a-f-]{36}$/);
  const [year, month] = staff.since.split('-').map(Number);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${year}年${month}月分の月次報告`);
  await expectAccessible(page, 'periodic report form');

  // Submitted empty: the missing answers are said at their questions, and the first one has the focus.
  const submit = page.getByRole('button', { name: m.report.submit });
  await submit.click();
  await expect(page.getByTestId('report-missing')).toContainText(m.report.missingTitle);
  const handling = page.getByRole('textbox', { name: new RegExp(`^${f.handling}`) });
  await expect(handling).toBeFocused();
  await expect(page.getByText(m.report.errors.required, { exact: true })).toHaveCount(1);
  await expect(page.getByText(m.report.errors.choose, { exact: true })).toHaveCount(2);
  await expect(page.getByRole('dialog')).toHaveCount(0); // nothing to confirm yet
  await expectAccessible(page, 'periodic report form with missing answers');

  // The answers: data handled as agreed, nothing happened, one leaver whose account was removed.
  await handling.fill('委託された給与データは東京リージョンのみで処理し、持ち出し・複製はありません。');
  await page.getByRole('radio', { name: f.incidentsNo }).check();
  await page.getByRole('button', { name: f.addRow }).click();
  const row = page.getByTestId('access-change');
  await expect(row).toHaveCount(1);
  const leftOn = plusDays(staff.since, 19);
  await row.getByRole('textbox', { name: new RegExp(`^${f.person}`) }).fill('佐藤（運用担当）');
  await row.getByRole('combobox', { name: new RegExp(`^${f.change}`) }).selectOption(f.changes.left);
  await row.getByLabel(new RegExp(`^${f.changedOn}`)).fill(leftOn);
  await row.getByRole('checkbox', { name: f.applied }).check();
  await row.getByLabel(new RegExp(`^${f.appliedOn}`)).fill(leftOn);
  await page.getByRole('radio', { name: f.measuresNo }).check();

  // "All applied" is asked once there is a change; a draft saves without it.
  await expect(page.getByRole('radiogroup', { name: new RegExp(`^${f.allApplied}`) })).toBeVisible();
  await page.getByRole('button', { name: m.report.saveDraft }).click();
  await expect(page.getByTestId('report-saved')).toContainText('下書きを保存しました');
  await expect(page.getByTestId('report-status')).toHaveText(m.reports.status.draft);

  await submit.click();
  await expect(page.getByText(m.report.errors.choose, { exact: true })).toHaveCount(1);
  await page.getByRole('radio', { name: f.allAppliedYes }).check();
  await submit.click();
  const dialog = page.getByRole('dialog', { name: m.report.submitTitle });
  await expect(dialog).toContainText(`「${year}年${month}月分の月次報告」を${staff.organization}へ提出します。`);
  await expectAccessible(page, 'submit confirmation');
  await dialog.getByRole('button', { name: m.report.submitConfirm }).click();

  // Sent: read only, saying so.
  const view = page.getByTestId('report-view');
  await expect(view.getByRole('heading', { name: m.report.submittedTitle })).toBeFocused();
  await expect(page.getByTestId('report-status')).toHaveText(m.reports.status.submitted);
  await expect(view.getByTestId('access-change')).toContainText('佐藤（運用担当）');
  await expect(view.getByTestId('access-change')).toContainText(f.changes.left);
  await expect(page.getByRole('button', { name: m.report.submit })).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expectAccessible(page, 'submitted report');

  // What was stored: the one access change as the contact gave it.
  const waiting = await (await request.get(`/api/v1/vendor-reports?status=submitted&vendor_id=${staff.vendorId}`, { headers: staff.headers })).json();
  expect(waiting.items).toHaveLength(1);
  const full = await (await request.get(`/api/v1/vendor-reports/${waiting.items[0].id}`, { headers: staff.headers })).json();
  expect(full.access_change_list).toEqual([{ person: '佐藤（運用担当）', change: 'left', changed_on: leftOn, applied: true, applied_on: leftOn }]);
  expect(full.access_changes_applied).toBe(true);

  // Staff, at their desk: the report waits in the review queue; they read the access change and accept it, and its
  // month shows done on the review calendar.
  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const staffPage = await desk.newPage();
  const s = ja.monitoring;
  await openSignedIn(staffPage, staff.login, '/monitoring/reports');
  const queued = staffPage.getByTestId('review-queue').getByTestId('report-row');
  await expect(queued).toHaveCount(1);
  await queued.getByRole('link').first().click();
  const change = staffPage.getByTestId('access-change');
  await expect(change).toHaveCount(1);
  await expect(change).toContainText('佐藤（運用担当）');
  await expect(change).toContainText(s.reports.changes.left);
  await staffPage.getByRole('button', { name: s.review.accept }).click();
  await expect(staffPage.getByTestId('report-accepted')).toBeVisible();
  await staffPage.goto(`/monitoring?view=list&vendor=${staff.vendorId}`);
  const done = staffPage.locator('[data-testid="monitoring-item"][data-kind="vendor_report"][data-stage="done"]');
  await expect(done).toHaveCount(1);
  await expect(done).toContainText(`${year}`);
  await expectAccessible(staffPage, 'monitoring list, done');
  await desk.close();

  // The contact reloads: accepted, and on the home it is no longer owed.
  await page.reload();
  await expect(page.getByTestId('report-view').getByRole('heading', { name: m.report.acceptedTitle })).toBeVisible();
  await expect(page.getByTestId('report-status')).toHaveText(m.reports.status.accepted);
  await page.getByRole('link', { name: m.report.back }).first().click();
  await expect(section.getByText(m.reports.owed.replace('{{count}}', '2'))).toBeVisible();
  const accepted = section.getByTestId('portal-report').filter({ hasText: `${year}年${month}月分の月次報告` });
  await expect(accepted.getByTestId('report-status')).toHaveText(m.reports.status.accepted);
});

test('a vendor contact asks for approval of a new subcontractor, and staff see it pending', async ({ page, request }) => {
  test.setTimeout(120_000);
  const staff = await setUp(request);
  await page.goto(staff.link);
  await expect(page).toHaveURL(/\/portal\/?$/);

  const changes = page.getByTestId('portal-changes');
  await expect(changes.getByText(m.changes.empty)).toBeVisible();
  await changes.getByRole('link', { name: m.changes.ask }).click();
  await expect(page).toHaveURL(/\/portal\/changes\/new$/);
  await expect(page.getByRole('heading', { level: 1, name: m.change.title })).toBeVisible();
  await expect(page.getByText(m.change.why)).toBeVisible();

  // Sent without a choice: asked what it is about first.
  const send = page.getByRole('button', { name: m.change.send });
  await send.click();
  await expect(page.getByText(m.change.errors.choose)).toBeVisible();

  await page.getByRole('radio', { name: m.change.kindSubcontractor }).check();
  await page.getByRole('textbox', { name: new RegExp(`^${m.change.fields.subcontractorName}`) }).fill('株式会社東北プリント');
  const number = page.getByRole('textbox', { name: new RegExp(`^${m.change.fields.corporateNumber}`) });
  const good = corporateNumber();
  await number.fill(`${(Number(good[0]) + 1) % 10}${good.slice(1)}`); // a wrong check digit
  await page.getByRole('textbox', { name: new RegExp(`^${m.change.fields.work}`) }).fill('給与明細の印刷と封入');
  await page.getByRole('textbox', { name: new RegExp(`^${m.change.fields.dataHandled}`) }).fill('従業員の氏名・住所・支給額（約 1,200 人、マイナンバーは含まない）');
  await page.getByRole('textbox', { name: new RegExp(`^${m.change.fields.details}`) }).fill('繁忙期の印刷を委託します。再委託先はプライバシーマークを取得しています。');
  await page.getByLabel(m.change.fields.plannedDate).fill(plusDays(monthStart(-1), 0));
  await send.click();
  await expect(page.getByText(m.change.errors.checkDigit)).toBeVisible();
  await expect(number).toBeFocused();
  await expectAccessible(page, 'change request form with an error');
  await number.fill(good);
  await send.click();

  const sent = page.getByTestId('change-sent');
  await expect(sent.getByRole('heading', { name: m.change.sentTitle })).toBeFocused();
  await expectAccessible(page, 'change request sent');

  // Staff see it waiting for a decision, with what the vendor told.
  const pending = await (await request.get(`/api/v1/change-requests?status=pending&vendor_id=${staff.vendorId}`, { headers: staff.headers })).json();
  expect(pending.items).toHaveLength(1);
  expect(pending.items[0]).toMatchObject({
    kind: 'new_subcontractor',
    status: 'pending',
    title: '再委託先の追加：株式会社東北プリント',
    subcontractor_name: '株式会社東北プリント',
    subcontractor_corporate_number: good,
    subcontractor_country: 'JP',
    work: '給与明細の印刷と封入',
  });

  // The contact's view of it: pending, and listed on the home.
  await sent.getByRole('link', { name: m.change.viewSent }).click();
  await expect(page.getByRole('heading', { level: 1, name: '再委託先の追加：株式会社東北プリント' })).toBeVisible();
  await expect(page.getByTestId('change-status')).toHaveText(m.changes.status.pending);
  await expectAccessible(page, 'change request page');
  await page.getByRole('link', { name: m.change.back }).click();
  await expect(page.getByTestId('portal-change')).toHaveCount(1);
  await expect(page.getByTestId('portal-change').getByTestId('change-status')).toHaveText(m.changes.status.pending);
});
