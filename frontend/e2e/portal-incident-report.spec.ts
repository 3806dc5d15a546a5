import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectAccessible, ja, mailTo, openSignedIn, registerOrganization, unique } from './support';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const m = ja.portal;
const f = m.incidents.form.fields;

test.use(PHONE);

type Staff = {
  organization: string;
  vendor: string;
  vendorId: string;
  contact: string;
  email: string;
  link: string;
  headers: { Authorization: string };
  login: { email: string; password: string };
};

/**
 * The staff side through the API: an organisation, a vendor with its incident contact, the processing
 * entrusted, an active contract whose incident clause asks for notice within 24 hours, and a portal link
 * for the contact.
 */
async function setUp(request: APIRequestContext): Promise<Staff> {
  const organization = unique('株式会社みらい学園');
  const login = { email: `${unique('staff')}@example.com`, password: 'portal-e2e-passphrase' };
  const registered = await registerOrganization(request, {
    data: { organization_name: organization, name: '山田 太郎', ...login },
  });
  expect(registered.ok(), await registered.text()).toBeTruthy();
  const headers = { Authorization: `Bearer ${(await registered.json()).access_token}` };
  const post = async (url: string, data: object) => {
    const response = await request.post(url, { headers, data });
    expect(response.ok(), `${url}: ${await response.text()}`).toBeTruthy();
    return response.json();
  };
  const vendor = unique('株式会社さくらアルバム');
  const { id: vendorId } = await post('/api/v1/vendors', { name: vendor });
  const contact = '制作部 鈴木';
  const email = `${unique('suzuki')}@album.example`;
  const { id: contactId } = await post(`/api/v1/vendors/${vendorId}/contacts`, { name: contact, email, role: 'incident_contact' });
  await post(`/api/v1/vendors/${vendorId}/processing`, {
    service: '卒業アルバムの制作',
    data_categories: ['ordinary', 'children'],
    persons_estimate: 1200,
    access_type: 'remote',
  });
  await post('/api/v1/contracts', {
    vendor_id: vendorId,
    title: '卒業アルバム制作委託契約',
    status: 'active',
    clauses: [{ requirement_key: 'incident_reporting', values: { notice_hours: 24 } }],
  });
  const issued = await post(`/api/v1/vendors/${vendorId}/contacts/${contactId}/portal-links`, { message: 'インシデントの報告にお使いください。' });
  expect(issued.link).toMatch(/\/portal\/open#token=/);
  return { organization, vendor, vendorId, contact, email, link: issued.link, headers, login };
}

/** A wall time in Tokyo (no summer time there), as a datetime-local input takes it. */
function tokyoWall(hoursAgo: number): string {
  return new Date(Date.now() - hoursAgo * 3_600_000 + 9 * 3_600_000).toISOString().slice(0, 16);
}

test('a vendor contact reports a suspected leak on a phone, is told what it means, and sends an update', async ({ page, request }) => {
  test.setTimeout(150_000);
  const staff = await setUp(request);

  // The link opens the portal's home, where the incident section offers the report.
  await page.goto(staff.link);
  await expect(page).toHaveURL(/\/portal\/?$/);
  expect(page.url()).not.toContain('token');
  await expect(page.getByTestId('portal-organization')).toHaveText(staff.organization);
  const section = page.getByTestId('portal-incidents');
  await expect(section.getByRole('heading', { name: m.incidents.sectionTitle })).toBeVisible();
  await expect(section.getByTestId('portal-incident')).toHaveCount(0);
  await expectAccessible(page, 'portal home with the incident section');

  await section.getByRole('link', { name: m.incidents.report }).click();
  await expect(page.getByRole('heading', { level: 1, name: m.incidents.form.title })).toBeVisible();
  await expect(page.getByText(m.incidents.form.recipient.replace('{{organization}}', staff.organization))).toBeVisible();
  // The contact point starts as the contact who reports.
  await expect(page.getByRole('textbox', { name: new RegExp(`^${f.contactPoint}`) })).toHaveValue(`${staff.contact}（${staff.email}）`);
  await expectAccessible(page, 'incident report form');

  // Sent empty: what is missing is said at each field, and the first one has the focus.
  const send = page.getByRole('button', { name: m.incidents.form.submit });
  await send.click();
  await expect(page.getByText(m.incidents.form.fixErrors)).toBeVisible();
  const title = page.getByRole('textbox', { name: new RegExp(`^${f.title}`) });
  await expect(title).toBeFocused();
  await expect(page.getByText(m.incidents.form.errors.required, { exact: true })).toHaveCount(3); // title, discovered, what happened
  await expect(page.getByText(m.incidents.form.errors.choose, { exact: true })).toHaveCount(2);
  await expectAccessible(page, 'incident report form with errors');

  // The standard report: ransomware at the printer, 1,200 people at most, wrongful intent possible.
  await title.fill('印刷委託先でのランサムウェア被害');
  await page.getByLabel(new RegExp(`^${f.occurredAt}`)).fill(tokyoWall(20));
  await page.getByLabel(new RegExp(`^${f.discoveredAt}`)).fill(tokyoWall(2));
  await page
    .getByRole('textbox', { name: new RegExp(`^${f.description}`) })
    .fill('再委託先の印刷会社の制作サーバがランサムウェアに感染し、ファイルが暗号化されました。外部への通信の痕跡があります。');
  await page.getByRole('checkbox', { name: m.incidents.form.categories.ordinary }).check();
  await page.getByRole('checkbox', { name: m.incidents.form.categories.children }).check();
  await page.getByRole('textbox', { name: f.dataItems }).fill('生徒の氏名、クラス、顔写真');
  const estimate = page.getByRole('textbox', { name: f.estimateShort });
  const most = page.getByRole('textbox', { name: f.maxShort });
  await estimate.fill('1500');
  await most.fill('１，２００'); // full-width, as a Japanese keyboard may type it
  await page.getByRole('radio', { name: f.encryptedNo }).check();
  await page.getByRole('textbox', { name: f.cause }).fill('印刷会社の VPN 機器の脆弱性を突かれた不正アクセスとみられます。');
  await page.getByRole('radio', { name: f.wrongfulIntentYes }).check();
  await page.getByRole('textbox', { name: f.containment }).fill('制作サーバをネットワークから切り離しました。');
  await page.getByRole('textbox', { name: f.nextSteps }).fill('外部の調査会社に調査を依頼しました。');
  await page.getByRole('textbox', { name: new RegExp(`^${f.contactPoint}`) }).fill('制作部 鈴木（022-000-0000、24 時間）');

  // A maximum below the estimate is refused before anything is sent.
  await send.click();
  await expect(page.getByText(m.incidents.form.errors.maxBelowEstimate)).toBeVisible();
  await expect(most).toBeFocused();
  await estimate.fill('800');

  await send.click();
  const done = page.getByTestId('incident-reported');
  await expect(done.getByRole('heading', { name: m.incidents.reported.title })).toBeFocused();
  await expect(done).toContainText(m.incidents.reported.staffTold.replace('{{organization}}', staff.organization).split('（')[0]!);
  await expect(done).toContainText('個人情報保護法第26条第1項ただし書');
  await expect(done.getByText(m.incidents.reported.duty.replace('{{organization}}', staff.organization))).toBeVisible();
  await expectAccessible(page, 'incident reported');

  // The report as sent, its status and its timeline.
  await done.getByRole('link', { name: m.incidents.reported.view }).click();
  await expect(page).toHaveURL(/\/portal\/incidents\/[0-9a-f-]{36}$/);
  const incidentId = page.url().split('/').at(-1)!;
  await expect(page.getByRole('heading', { level: 1, name: '印刷委託先でのランサムウェア被害' })).toBeVisible();
  await expect(page.getByTestId('incident-status')).toHaveText(m.incidents.status.suspected);
  const report = page.getByTestId('incident-report');
  await expect(report).toContainText('1,200 人');
  await expect(report).toContainText('800 人');
  await expect(report).toContainText(f.wrongfulIntentYes);
  await expect(report).toContainText(`${m.incidents.form.contactLabel}制作部 鈴木（022-000-0000、24 時間）`); // its own row, not in the description
  await expect(page.getByTestId('incident-update')).toHaveCount(1);
  await expect(page.getByTestId('incident-timeline')).toContainText(m.incidents.detail.kinds.created);
  await expectAccessible(page, 'incident page');

  // An update: what the investigators found, and a larger maximum.
  const update = page.getByRole('textbox', { name: new RegExp(`^${m.incidents.update.message}`) });
  await update.fill('調査会社の初期報告：暗号化されたのは制作サーバ 1 台です。外部送信の有無は調査中です。');
  await page.getByRole('button', { name: m.incidents.update.facts }).click();
  await page.getByRole('textbox', { name: f.maxShort }).fill('1500');
  await page.getByRole('button', { name: m.incidents.update.send }).click();
  await expect(page.getByTestId('update-sent')).toContainText(m.incidents.update.sent.replace('{{organization}}', staff.organization));
  await expect(page.getByTestId('incident-update')).toHaveCount(2);
  await expect(page.getByTestId('incident-timeline')).toContainText('暗号化されたのは制作サーバ 1 台です');
  await expect(report).toContainText('1,500 人');
  await expect(update).toHaveValue('');
  await expectAccessible(page, 'incident page after an update');

  // Home lists it, with its status and last update.
  await page.getByRole('link', { name: m.incidents.detail.back }).click();
  const row = page.getByTestId('portal-incident');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('印刷委託先でのランサムウェア被害');
  await expect(row).toContainText(m.incidents.status.suspected);
  await expect(row).toContainText(m.incidents.updateCount.replace('{{count}}', '1'));

  // Staff see it: reported through the portal, suspected, the vendor's notice judged against 24 hours, the update.
  const incident = await (await request.get(`/api/v1/incidents/${incidentId}`, { headers: staff.headers })).json();
  expect(incident.reported_via).toBe('portal');
  expect(incident.status).toBe('suspected');
  expect(incident.wrongful_intent_possible).toBe(true);
  expect(incident.strongly_encrypted).toBe(false);
  expect([incident.affected_persons_estimate, incident.affected_persons_max]).toEqual([800, 1500]);
  expect(incident.vendor_notice).toMatchObject({ contract_hours: 24, met: true });
  expect(incident.vendor_notice.hours_taken).toBeGreaterThan(1.9);
  expect(incident.vendor_notice.hours_taken).toBeLessThan(2.5);
  const events = (await (await request.get(`/api/v1/incidents/${incidentId}/events`, { headers: staff.headers })).json()) as {
    kind: string;
    actor_type: string;
    message: string | null;
    changes: { after?: Record<string, unknown> } | null;
  }[];
  const last = events.at(-1)!;
  expect(last.kind).toBe('vendor_update');
  expect(last.actor_type).toBe('vendor_contact');
  expect(last.message).toContain('暗号化されたのは制作サーバ 1 台です');
  expect(last.changes?.after).toEqual({ affected_persons_max: 1500 });
});

test('the page to report an incident asks for a link and answers the same for any address', async ({ page, request }) => {
  const staff = await setUp(request);
  await page.goto('/portal/report');
  await expect(page.getByRole('heading', { level: 1, name: m.report.title })).toBeVisible();
  await expect(page.getByText(m.report.duty)).toBeVisible();
  await expectAccessible(page, 'portal report entry');

  const ask = async (address: string): Promise<string> => {
    await page.goto('/portal/report');
    await page.getByRole('button', { name: m.requestLink.submit }).click();
    await expect(page.getByText(m.requestLink.invalidEmail)).toBeVisible();
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/v1/portal/link-requests'));
    await page.getByLabel(m.requestLink.email).fill(address);
    await page.getByRole('button', { name: m.requestLink.submit }).click();
    const response = await sent;
    expect(response.status()).toBe(202);
    expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({ email: address, purpose: 'portal' });
    const answer = page.getByTestId('link-requested');
    await expect(answer).toContainText(m.requestLink.sentPortal);
    return `${response.status()} ${await response.text()} ${await answer.textContent()}`;
  };
  const known = await ask(staff.email);
  await expectAccessible(page, 'portal report entry, link requested');
  const unknown = await ask(`${unique('nobody')}@nowhere.example`);
  expect(unknown).toBe(known);
});

test.describe('staff', () => {
  test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

  test('staff issue a portal link from the vendor\'s contacts and the contact opens the portal with it', async ({ page, request, browser }) => {
    const staff = await setUp(request);
    await openSignedIn(page, staff.login, `/vendors/${staff.vendorId}?tab=contacts`);
    await page.getByRole('button', { name: ja.vendors.contacts.rowActions.replace('{{name}}', staff.contact) }).click();
    await page.getByRole('menuitem', { name: ja.vendors.contacts.portalLink.action }).click();
    const dialog = page.getByRole('dialog', { name: ja.vendors.contacts.portalLink.title.replace('{{name}}', staff.contact) });
    await dialog.getByRole('textbox', { name: ja.vendors.contacts.portalLink.message }).fill('至急、報告をお願いします。');
    await expectAccessible(page, 'issue a portal link');
    await dialog.getByRole('button', { name: ja.vendors.contacts.portalLink.issue }).click();
    const link = (await dialog.getByTestId('contact-portal-link').textContent()) ?? '';
    expect(link).toMatch(/\/portal\/open#token=/);
    await expect(dialog).toContainText(/有効期限: \d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}/);
    // The link was mailed to the contact (the run's mail catcher has it) and is shown to pass on by hand as well.
    await expect(dialog.getByText(ja.vendors.contacts.portalLink.emailed.replace('{{email}}', staff.email))).toBeVisible();
    expect((await mailTo(staff.email)).body).toContain(link);
    await expectAccessible(page, 'portal link issued');
    await dialog.getByTestId('portal-link-issued').getByRole('button', { name: ja.common.close }).click();
    await expect(dialog).toHaveCount(0);

    const vendor = await browser.newContext({ ...PHONE, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const portal = await vendor.newPage();
    await portal.goto(link);
    await expect(portal.getByTestId('portal-incidents').getByRole('link', { name: m.incidents.report })).toBeVisible();
    await vendor.close();
  });
});
