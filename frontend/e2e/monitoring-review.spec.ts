import { expect, test, type APIRequestContext } from '@playwright/test';
import { dismissNotifications, en, expectAccessible, ja, openSignedIn, registerOrganization, unique } from './support';

const m = ja.monitoring;

type Setup = { email: string; password: string; vendor: string; vendorId: string; person: string; subcontractor: string; reportDue: string };

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/**
 * Through the API: an organisation watching its vendors since the first of the month three months back, a critical
 * (overridden) active vendor entrusted for years with a security officer; the vendor submits its oldest monthly
 * report in the portal with one leaver whose access was removed, and asks to bring in a new subcontractor.
 */
async function vendorSubmitsMonthlyReport(request: APIRequestContext): Promise<Setup> {
  const email = `${unique('monitoring-staff')}@example.com`;
  const password = 'monitoring-e2e-passphrase';
  const registered = await registerOrganization(request, {
    data: { organization_name: unique('株式会社みどり商事'), name: '佐々木 恵', email, password },
  });
  expect(registered.ok(), await registered.text()).toBeTruthy();
  const staff = { Authorization: `Bearer ${(await registered.json()).access_token}` };
  const call = async (method: 'post' | 'put' | 'get', url: string, data?: object, headers: Record<string, string> = staff) => {
    const response = await request[method](url, { headers, data });
    expect(response.ok(), `${method} ${url}: ${await response.text()}`).toBeTruthy();
    return response.json();
  };

  const now = new Date();
  const since = new Date(now.getFullYear(), now.getMonth() - 3, 1);
  const policy = await call('get', '/api/v1/monitoring-policy');
  const { is_default: _d, version, ...values } = policy;
  await call('put', '/api/v1/monitoring-policy', { version, policy: { ...values, since: day(since) } });

  const vendor = unique('株式会社はやて給与計算');
  const created = await call('post', '/api/v1/vendors', { name: vendor, status: 'active' });
  const { id: contactId } = await call('post', `/api/v1/vendors/${created.id}/contacts`, {
    name: '情報セキュリティ 担当',
    email: 'security@hayate.example',
    role: 'security_officer',
  });
  await call('post', '/api/v1/contracts', { vendor_id: created.id, title: '給与計算業務委託契約', status: 'active', start_date: '2021-04-01' });
  await call('put', `/api/v1/vendors/${created.id}/tier-override`, { version: created.version, tier: 'critical', reason: 'マイナンバーを扱う' });

  const { link } = await call('post', `/api/v1/vendors/${created.id}/contacts/${contactId}/portal-links`, {});
  const session = await call('post', '/api/v1/portal/session', { token: link.split('#token=')[1] }, {});
  const portal = { Authorization: `Bearer ${session.access_token}` };
  const owed = await call('get', '/api/v1/portal/vendor-reports', undefined, portal);
  expect(owed.length).toBeGreaterThanOrEqual(2);
  const oldest = owed[owed.length - 1];
  const person = '高橋（給与計算チーム）';
  await call(
    'put',
    `/api/v1/portal/vendor-reports/${oldest.item_id}`,
    {
      handling: '委託された給与データは国内のデータセンターでのみ処理し、持ち出しはありません。',
      incidents_occurred: false,
      access_changes: [{ person, change: 'left', changed_on: oldest.period_end, applied: true, applied_on: oldest.period_end }],
      access_changes_applied: true,
      measures_changed: false,
      submit: true,
    },
    portal,
  );
  const item = await call('get', `/api/v1/monitoring-items/${oldest.item_id}`);

  const subcontractor = unique('株式会社あさひ封入');
  await call(
    'post',
    '/api/v1/portal/change-requests',
    {
      kind: 'new_subcontractor',
      title: '給与明細の封入作業の再委託',
      details: '給与明細の印刷・封入を外部の専門業者に再委託したい。',
      subcontractor_name: subcontractor,
      work: '給与明細の印刷・封入',
      data_handled: '氏名、所属、支給額',
    },
    portal,
  );
  return { email, password, vendor, vendorId: created.id, person, subcontractor, reportDue: item.due_date };
}

test('a vendor submits its monthly report in the portal; staff see it overdue, review and accept it, and the item is done', async ({ page, request }) => {
  test.setTimeout(120_000);
  const setup = await vendorSubmitsMonthlyReport(request);
  await openSignedIn(page, setup);

  // The overdue list: the submitted report is late and waiting for us, with its late days.
  await page.getByRole('link', { name: ja.nav.monitoring }).click();
  await expect(page.getByRole('heading', { name: m.title, level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: new RegExp(m.calendar.views.overdue) }).click();
  const late = page.locator('[data-testid="monitoring-item"][data-kind="vendor_report"]').filter({ has: page.getByTestId('waiting-review') });
  await expect(late).toHaveCount(1);
  await expect(late).toContainText(setup.vendor);
  await expect(late.locator('[data-tone="overdue"]')).toContainText('日超過');
  await expectAccessible(page, 'overdue list');

  // The month grid of the report's due date shows it, coloured as overdue.
  const [y, mo] = setup.reportDue.split('-');
  const last = new Date(Number(y), Number(mo), 0).getDate();
  await page.goto(`/monitoring?due_from=${y}-${mo}-01&due_to=${y}-${mo}-${last}&vendor=${setup.vendorId}`);
  const onCalendar = page.locator(`td[data-day="${setup.reportDue}"] [data-testid="calendar-item"]`);
  await expect(onCalendar).toHaveAttribute('data-stage', 'overdue');
  await expect(onCalendar).toContainText(setup.vendor);
  await expectAccessible(page, 'calendar month');

  // The review queue, the report with its access-right change, accepted.
  await page.getByRole('link', { name: new RegExp(m.views.reports) }).click();
  const queued = page.getByTestId('review-queue').getByTestId('report-row').filter({ hasText: setup.vendor });
  await expect(queued).toHaveCount(1);
  await expectAccessible(page, 'review queue');
  await queued.getByRole('link').first().click();
  const change = page.getByTestId('access-change');
  await expect(change).toHaveCount(1);
  await expect(change).toContainText(setup.person);
  await expect(change).toContainText(m.reports.changes.left);
  await expect(change).toContainText(m.reports.appliedYes);
  await expectAccessible(page, 'report review');
  // Querying needs a comment.
  await page.getByRole('button', { name: m.review.query }).click();
  await expect(page.getByText(m.review.commentRequired)).toBeVisible();
  await page.getByRole('button', { name: m.review.accept }).click();
  await expect(page.getByText(m.review.accepted)).toBeVisible();
  await expect(page.getByTestId('report-accepted')).toBeVisible();
  await expect(page.getByTestId('review-panel')).toHaveCount(0);

  // The item is done on the calendar.
  await page.goto(`/monitoring?due_from=${y}-${mo}-01&due_to=${y}-${mo}-${last}&vendor=${setup.vendorId}`);
  await expect(onCalendar).toHaveAttribute('data-stage', 'done');
  await page.getByRole('tab', { name: m.calendar.views.list }).click();
  await expect(page.locator('[data-testid="monitoring-item"][data-stage="done"]').filter({ hasText: setup.vendor })).toHaveCount(1);

  // The vendor's monitoring at a glance counts it done and the request pending.
  await page.goto(`/vendors/${setup.vendorId}?tab=monitoring`);
  await expect(page.getByTestId('count-done')).toContainText('1');
  await expect(page.getByTestId('pending-change-requests')).toContainText('1');
  await expectAccessible(page, 'vendor monitoring tab');
  await dismissNotifications(page);

  // The change request: a new subcontractor, approved, in the vendor's subcontractor tree.
  await page.getByTestId('pending-change-requests').click();
  const pending = page.getByTestId('pending-changes').getByTestId('change-row').filter({ hasText: setup.vendor });
  await expect(pending).toHaveCount(1);
  await expectAccessible(page, 'change-request queue');
  await pending.getByRole('link').first().click();
  await expect(page.getByText(setup.subcontractor).first()).toBeVisible();
  await expectAccessible(page, 'change request');
  await page.getByRole('button', { name: m.changes.refuse }).click();
  await expect(page.getByText(m.changes.reasonRequired)).toBeVisible();
  await page.getByRole('button', { name: m.changes.approve }).click();
  await expect(page.getByTestId('approved-subcontractor')).toBeVisible();
  await page.getByRole('link', { name: m.changes.viewTree }).click();
  await expect(page.getByRole('tab', { name: ja.vendors.tabs.subcontractors, selected: true })).toBeVisible();
  await expect(page.getByRole('link', { name: setup.subcontractor }).first()).toBeVisible();
});

test('a calendar address is made once, subscribed to, and answers 404 once revoked; English labels', async ({ page, request }) => {
  test.setTimeout(90_000);
  const email = `${unique('feed-staff')}@example.com`;
  const password = 'monitoring-e2e-passphrase';
  const registered = await registerOrganization(request, { data: { organization_name: unique('株式会社かえで'), name: '村上 直子', email, password } });
  expect(registered.ok()).toBeTruthy();
  await openSignedIn(page, { email, password }, '/profile');
  const feeds = page.getByTestId('calendar-feeds');
  await feeds.getByRole('button', { name: m.feeds.create }).click();
  const url = (await page.getByTestId('feed-url').textContent()) ?? '';
  expect(url).toMatch(/\/api\/v1\/calendar\/[^/]+\.ics$/);
  const subscribed = await request.get(url);
  expect(subscribed.status()).toBe(200);
  expect(await subscribed.text()).toContain('BEGIN:VCALENDAR');
  await expectAccessible(page, 'calendar address shown once');
  await feeds.getByRole('button', { name: m.feeds.done }).click();
  await expect(page.getByTestId('feed-url')).toHaveCount(0); // never shown again

  await feeds.getByRole('button', { name: m.feeds.revoke }).click();
  await page.getByRole('dialog').getByRole('button', { name: m.feeds.revoke }).click();
  await expect(page.getByText(m.feeds.revoked)).toBeVisible();
  await expect(feeds.locator('[data-testid="feed-row"][data-revoked]')).toHaveCount(1);
  expect((await request.get(url)).status()).toBe(404);

  // In English: the calendar, the queues and the policy.
  await dismissNotifications(page); // "revoked" sits over the header's language switch
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me') && r.request().method() === 'PATCH');
  await page.getByRole('banner').getByRole('radiogroup', { name: ja.language.label }).getByText('English').click();
  await saved;
  await page.getByRole('link', { name: en.nav.monitoring }).click();
  await expect(page.getByRole('heading', { name: en.monitoring.title, level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: en.monitoring.calendar.views.overdue })).toBeVisible();
  await expect(page.getByRole('button', { name: en.monitoring.calendar.thisMonth })).toBeVisible();
  await expectAccessible(page, 'review calendar (en)');
  await page.getByRole('link', { name: new RegExp(en.monitoring.views.reports) }).click();
  await expect(page.getByRole('heading', { name: en.monitoring.reports.waitingTitle })).toBeVisible();
  await page.getByRole('link', { name: en.monitoring.views.audits }).click();
  await expect(page.getByText(en.monitoring.audits.empty)).toBeVisible();
  await page.getByRole('link', { name: en.monitoring.audits.new }).first().click();
  await expect(page.getByRole('heading', { name: en.monitoring.audits.newTitle })).toBeVisible();
  await page.getByRole('button', { name: en.monitoring.audits.create }).click();
  await expect(page.getByText(en.validation.choose)).toBeVisible(); // a vendor is needed
  await expectAccessible(page, 'plan an audit (en)');
  await page.getByRole('link', { name: en.monitoring.audits.backToList }).click();
  await page.getByRole('link', { name: en.monitoring.views.policy }).click();
  await expect(page.getByRole('heading', { name: en.monitoring.policy.plansTitle })).toBeVisible();
  await expect(page.getByRole('button', { name: en.monitoring.policy.restore })).toBeDisabled();
  await expectAccessible(page, 'monitoring policy (en)');
});
