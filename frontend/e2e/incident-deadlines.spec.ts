import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { dismissNotifications, docxText, en, expectAccessible, ja, openSignedIn, registerOrganization, unique } from './support';

const m = ja.incidents;

// A fixed moment of awareness in the past, so that every due date is known in advance (REGULATION.md §1.6):
// - preliminary report: "promptly", policy defaults 3 days (target) and 5 days (due) after the day of awareness
//   → target 2025-04-08, due 2025-04-10;
// - final report: the day of awareness is day 1; day 30 is Sun 2025-05-04 (Greenery Day), and Mon 5/5 (Children's
//   Day) and Tue 5/6 (substitute holiday) are closed too, so it rolls forward to Wed 2025-05-07
//   (guideline 3-5-3-4, 行政機関の休日に関する法律 2条);
// - with wrongful intent possible (Rules Art. 8(2) parenthesis) 60 days: day 60 is Tue 2025-06-03, an open day;
// - the vendor's notice: the contract's 24 hours from the vendor's discovery (08:00) → 2025-04-06 08:00.
const AWARE_AT = '2025-04-05T10:00:00+09:00';
const DISCOVERED_AT = '2025-04-05T08:00:00+09:00';
const PRELIMINARY_TARGET = '2025/04/08';
const PRELIMINARY_DUE = '2025/04/10';
const FINAL_DUE_30 = '2025/05/07';
const FINAL_DUE_60 = '2025/06/03';
const VENDOR_NOTICE_DUE = '2025/04/06 8:00';

const NINE_ITEMS = [
  '概要',
  '漏えい等が発生し、又は発生したおそれがある個人データの項目',
  '漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数',
  '原因',
  '二次被害又はそのおそれの有無及びその内容',
  '本人への対応の実施状況',
  '公表の実施状況',
  '再発防止のための措置',
  'その他参考となる事項',
];

type Setup = { email: string; password: string; vendor: string; title: string };

/**
 * Through the API: an organisation, a vendor with an incident contact, its processing and an active contract with a
 * 24-hour incident clause; the vendor reports a suspected leak through the portal (a link from staff, exchanged
 * for a portal session); staff then fix the moment of awareness in the past, so the dates are deterministic.
 */
async function vendorReportsSuspectedLeak(request: APIRequestContext): Promise<Setup> {
  const email = `${unique('incident-staff')}@example.com`;
  const password = 'incident-e2e-passphrase';
  const registered = await registerOrganization(request, {
    data: { organization_name: unique('株式会社あおば通販'), name: '中村 真理', email, password },
  });
  expect(registered.ok(), await registered.text()).toBeTruthy();
  const staff = { Authorization: `Bearer ${(await registered.json()).access_token}` };
  const call = async (method: 'post' | 'patch' | 'get', url: string, data?: object, headers: Record<string, string> = staff) => {
    const response = await request[method](url, { headers, data });
    expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBeTruthy();
    return response.json();
  };
  const vendor = unique('株式会社ひまわり会員サービス');
  const { id: vendorId } = await call('post', '/api/v1/vendors', { name: vendor, status: 'active' });
  const { id: contactId } = await call('post', `/api/v1/vendors/${vendorId}/contacts`, {
    name: '小林 健',
    email: 'kobayashi@himawari.example',
    role: 'incident_contact',
  });
  const { id: processingId } = await call('post', `/api/v1/vendors/${vendorId}/processing`, {
    service: '会員管理システムの運用',
    data_categories: ['ordinary'],
    persons_estimate: 1500,
    access_type: 'remote',
  });
  await call('post', '/api/v1/contracts', {
    vendor_id: vendorId,
    title: '会員管理業務委託契約',
    status: 'active',
    processing_ids: [processingId],
    clauses: [{ requirement_key: 'incident_reporting', values: { notice_hours: 24 } }],
  });

  const { link } = await call('post', `/api/v1/vendors/${vendorId}/contacts/${contactId}/portal-links`, {});
  expect(link).toMatch(/#token=/);
  const session = await call('post', '/api/v1/portal/session', { token: link.split('#token=')[1] }, {});
  const portal = { Authorization: `Bearer ${session.access_token}` };
  const title = '会員データベースへの不審なアクセス（流出のおそれ）';
  // More than 1,000 people at most: reportable under Rules Art. 7(4), no wrongful intent known yet.
  await call(
    'post',
    '/api/v1/portal/incidents',
    {
      title,
      occurred_at: '2025-04-04T22:00:00+09:00',
      discovered_at: DISCOVERED_AT,
      description: '会員管理サーバから外部への不審な通信を検知しました。',
      data_categories: ['ordinary'],
      data_items: '氏名、メールアドレス、住所',
      affected_persons_estimate: 800,
      affected_persons_max: 1500,
    },
    portal,
  );

  const { items } = await call('get', `/api/v1/incidents?vendor_id=${vendorId}`);
  expect(items).toHaveLength(1);
  const incident = await call('get', `/api/v1/incidents/${items[0].id}`);
  await call('patch', `/api/v1/incidents/${incident.id}`, { version: incident.version, aware_at: AWARE_AT, vendor_notified_at: AWARE_AT });
  return { email, password, vendor, title };
}

const obligation = (page: Page, kind: string): Locator => page.locator(`[data-testid="obligation"][data-kind="${kind}"]`);

test('a vendor reports a suspected leak; staff see the deadlines, mark wrongful intent, download the report and file the preliminary report', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const setup = await vendorReportsSuspectedLeak(request);
  await openSignedIn(page, setup);

  // The list: the incident with its next deadline (the preliminary report, long overdue) and its late obligations.
  await page.getByRole('link', { name: ja.nav.incidents, exact: true }).click();
  await expect(page.getByRole('heading', { name: m.title, level: 1 })).toBeVisible();
  const row = page.getByTestId('incident-row').filter({ hasText: setup.title });
  await expect(row).toContainText(setup.vendor);
  await expect(row).toContainText(m.statuses.suspected);
  await expect(row).toContainText(m.triggers.over_threshold);
  await expect(row).toContainText('800〜1,500人');
  await expect(row.getByTestId('next-deadline')).toHaveAttribute('data-kind', 'regulator_preliminary_report');
  await expect(row.getByTestId('next-deadline-due')).toHaveText(PRELIMINARY_DUE);
  await expect(row.locator('[data-tone="overdue"]')).toHaveText(/^\d+日超過$/);
  await expect(row.getByTestId('overdue-count')).toHaveText('2件');
  await expect(row).toContainText(m.reportedViaPortal);
  await expectAccessible(page, 'incident list');

  // The incident: the obligations with their due dates.
  await row.getByRole('link', { name: setup.title }).click();
  await expect(page.getByRole('heading', { name: setup.title, level: 1 })).toBeVisible();
  await expect(page.getByTestId('clock-from')).toHaveText('2025/04/05 10:00');
  const preliminary = obligation(page, 'regulator_preliminary_report');
  await expect(preliminary.getByTestId('obligation-due')).toHaveText(PRELIMINARY_DUE);
  await expect(preliminary.getByTestId('obligation-target')).toContainText(PRELIMINARY_TARGET);
  await expect(preliminary.getByTestId('obligation-status')).toHaveText(m.obligations.statuses.overdue);
  const final = obligation(page, 'regulator_final_report');
  await expect(final.getByTestId('obligation-due')).toHaveText(FINAL_DUE_30);
  await expect(final.getByTestId('obligation-reason')).toContainText('30日以内');
  await expect(final.getByTestId('obligation-reason')).toContainText('翌開庁日の2025年5月7日');
  await expect(final).toContainText('規則8条2項');
  await expect(obligation(page, 'notify_individuals')).toContainText(m.obligations.noDueDays);
  // The vendor's notice: 24 hours from its discovery, met two hours after.
  const notice = obligation(page, 'notify_principal');
  await expect(notice.getByTestId('obligation-due')).toHaveText(VENDOR_NOTICE_DUE);
  await expect(notice.getByTestId('obligation-status')).toHaveText(m.obligations.statuses.done);
  await expect(page.getByTestId('obligations-vendor').getByRole('button')).toHaveCount(0);
  const judgement = page.getByTestId('vendor-notice');
  await expect(judgement).toHaveAttribute('data-met', 'true');
  await expect(judgement).toContainText('発覚から24時間以内');
  await expect(judgement).toContainText('2時間');
  await expectAccessible(page, 'incident obligations');

  // Wrongful intent becomes possible: the final report moves from day 30 to day 60.
  await page.getByRole('tab', { name: m.tabs.facts }).click();
  await page.getByRole('checkbox', { name: m.fields.wrongful_intent_possible }).check();
  await expectAccessible(page, 'incident facts');
  await page.getByRole('button', { name: m.form.save }).click();
  const moved = page.getByTestId('deadline-changes').locator('[data-kind="regulator_final_report"]');
  await expect(moved).toHaveAttribute('data-change', 'moved');
  await expect(moved).toContainText(`${FINAL_DUE_30} から ${FINAL_DUE_60}`);
  await page.getByRole('tab', { name: m.tabs.obligations }).click();
  await expect(final.getByTestId('obligation-due')).toHaveText(FINAL_DUE_60);
  await expect(final.getByTestId('obligation-reason')).toContainText('60日以内');
  await expect(preliminary.getByTestId('obligation-due')).toHaveText(PRELIMINARY_DUE);

  // The timeline says who changed what.
  await page.getByRole('tab', { name: m.tabs.timeline }).click();
  const change = page.locator('[data-testid="timeline-event"][data-kind="updated"] [data-field="wrongful_intent_possible"]').last();
  await expect(change).toHaveText(`${m.fields.wrongful_intent_possible}: いいえ → はい`);
  await expect(page.locator('[data-testid="timeline-event"][data-kind="created"]')).toBeVisible();
  await page.getByRole('textbox', { name: m.timeline.noteLabel }).fill('委託先に電話で状況を確認。外部調査会社を手配済み。');
  await page.getByRole('button', { name: m.timeline.addNote }).click();
  await expect(page.locator('[data-testid="timeline-event"][data-kind="note"]')).toContainText('外部調査会社を手配済み');
  await expectAccessible(page, 'incident timeline');

  // The final report's draft as a Word file: all nine items of Rules Art. 8(1) (REGULATION.md §1.7).
  await page.getByRole('tab', { name: m.tabs.documents }).click();
  const download = page.waitForEvent('download');
  await page.locator('[data-testid="incident-document"][data-document="final"]').getByRole('button', { name: m.documents.docx }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.docx$/);
  const text = docxText(readFileSync(await file.path()));
  for (const item of NINE_ITEMS) expect(text, item).toContain(item);
  expect(text).toContain(setup.vendor);
  await expectAccessible(page, 'incident documents');

  // The preliminary report is filed, with the regulator's receipt number.
  await page.getByRole('tab', { name: m.tabs.obligations }).click();
  await preliminary.getByRole('button', { name: m.obligations.markDone }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: m.obligations.referenceLabel }).fill('PPC受付番号 2025-0410-0042');
  await expectAccessible(page, 'mark done dialog');
  await dialog.getByRole('button', { name: m.obligations.markDone }).click();
  await expect(dialog).toHaveCount(0);
  await expect(preliminary).toHaveAttribute('data-status', 'done');
  await expect(preliminary.getByTestId('obligation-done')).toContainText('PPC受付番号 2025-0410-0042');

  // Closing is refused while the final report and the notice are open, and the page says why.
  await dismissNotifications(page); // the success notifications sit over the header's status buttons
  await page.getByRole('button', { name: m.statusActions.contained }).click();
  await expect(page.getByRole('button', { name: m.statusActions.closed })).toBeVisible();
  await dismissNotifications(page);
  await page.getByRole('button', { name: m.statusActions.closed }).click();
  await page.getByRole('dialog').getByRole('button', { name: m.statusActions.closed }).click();
  await expect(page.getByTestId('close-refused')).toContainText(m.detail.obligationsOpenTitle);

  // In English.
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.request().method() === 'PATCH');
  await page.getByRole('radiogroup', { name: ja.language.label }).getByText('English').click();
  await saved;
  await expect(page.getByRole('tab', { name: en.incidents.tabs.obligations })).toBeVisible();
  await expect(page.getByRole('heading', { name: en.incidents.obligations.ours })).toBeVisible();
  await expect(final.getByTestId('obligation-kind')).toHaveText(en.incidents.kinds.regulator_final_report);
  await expect(final.getByTestId('obligation-reason')).toContainText('60 days because wrongful intent is possible');
  await expect(final.getByTestId('obligation-due')).toHaveText('3 Jun 2025');
  await expect(preliminary.getByTestId('obligation-status')).toHaveText(en.incidents.obligations.statuses.done);
  await expectAccessible(page, 'incident obligations (en)');
  await page.getByRole('link', { name: en.nav.dashboard, exact: true }).click();
  const card = page.getByTestId('incidents-card');
  await expect(card.getByRole('heading', { name: en.incidents.dashboard.title })).toBeVisible();
  await expect(card.getByTestId('open-incidents')).toHaveText('1');
  await expect(card.getByTestId('dashboard-deadline').filter({ hasText: setup.title }).first()).toBeVisible();
  await expectAccessible(page, 'dashboard (en)');
});
