import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { choose, DEMO_ADMIN, expectAccessible, ja, openSignedIn, unique } from './support';

// A tiny but real PDF: the API judges the type by its content, not by the name.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

type PortalQuestion = { key: string; type: string; required: boolean; options: { key: string }[] };
type PortalAssessment = { sections: { questions: PortalQuestion[] }[]; answers: { question_key: string; value: unknown; files: unknown[] }[] };

async function staffToken(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/v1/auth/token', { form: { username: DEMO_ADMIN.email, password: DEMO_ADMIN.password } });
  expect(res.ok()).toBeTruthy();
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A vendor with a security contact, made through the API: the journey starts at the assessment. */
async function vendorWithContact(request: APIRequestContext, name: string): Promise<void> {
  const headers = { Authorization: `Bearer ${await staffToken(request)}` };
  const vendor = await request.post('/api/v1/vendors', { headers, data: { name, status: 'candidate' } });
  expect(vendor.status()).toBe(201);
  const { id } = (await vendor.json()) as { id: string };
  const contact = await request.post(`/api/v1/vendors/${id}/contacts`, {
    headers,
    data: { name: '情報セキュリティ室 青木', email: 'aoki@example.jp', role: 'security_officer' },
  });
  expect(contact.status()).toBe(201);
}

/** Click an option of a question in the portal and wait until the autosave says it is saved. */
async function answerInPortal(portal: Page, key: string, option: string): Promise<void> {
  const card = portal.locator(`[data-testid="portal-question"][data-question="${key}"]`);
  await card.locator(`[data-option="${option}"]`).click();
  await expect(card.locator('[data-testid="save-state"][data-state="saved"]')).toBeVisible();
}

/**
 * Every required question the vendor has not answered in the browser, answered through the portal API
 * with the session the link opened (an answer that raises no finding, so the findings stay the ones
 * chosen on screen).
 */
async function answerTheRest(portal: Page, request: APIRequestContext, assessmentId: string): Promise<void> {
  const token = await portal.evaluate(() => (JSON.parse(sessionStorage.getItem('itaku.portal') ?? '{}') as { token?: string }).token);
  expect(token).toBeTruthy();
  const headers = { Authorization: `Bearer ${token}` };
  const base = `/api/v1/portal/assessments/${assessmentId}`;
  const read = await request.get(base, { headers });
  expect(read.ok()).toBeTruthy();
  const a = (await read.json()) as PortalAssessment;
  const done = new Set(a.answers.filter((x) => x.value !== null || x.files.length).map((x) => x.question_key));
  const fine: Record<string, string> = {
    handling_rules: 'all_stages',
    internal_audit: 'yearly',
    incident_history: 'none',
    incident_disclosure: 'no_incident',
    staff_training: 'yearly_recorded',
    disposal: 'certificate',
    patching: 'prompt',
    reentrustment: 'none',
    foreign_storage: 'no',
  };
  for (const q of a.sections.flatMap((s) => s.questions)) {
    if (!q.required || done.has(q.key)) continue;
    if (q.type === 'file') {
      const res = await request.post(`${base}/answers/${q.key}/evidence`, {
        headers,
        multipart: { file: { name: `${q.key}.pdf`, mimeType: 'application/pdf', buffer: PDF } },
      });
      expect(res.ok(), `evidence for ${q.key}`).toBeTruthy();
      continue;
    }
    const value =
      fine[q.key] ??
      (q.type === 'yes_no_na'
        ? 'yes'
        : q.type === 'single_choice'
          ? q.options[0]?.key
          : q.type === 'multiple_choice'
            ? [q.options[0]?.key]
            : q.type === 'number'
              ? 12
              : q.type === 'date'
                ? '2026-01-15'
                : '社内規程に基づき運用しています。');
    const res = await request.put(`${base}/answers/${q.key}`, { headers, data: { value } });
    expect(res.ok(), `answer to ${q.key}: ${await res.text()}`).toBeTruthy();
  }
}

async function submitInPortal(portal: Page): Promise<void> {
  await portal.getByRole('button', { name: ja.portal.submit.button }).click();
  await portal.getByRole('dialog').getByRole('button', { name: ja.portal.submit.confirm }).click();
  await expect(portal.getByRole('button', { name: ja.portal.submit.button })).toHaveCount(0);
}

/** The status badge in the assessment's header. */
function statusOf(page: Page): Locator {
  return page.getByRole('main').locator('[data-assessment-status]').first();
}

function question(page: Page, key: string): Locator {
  return page.locator(`[data-testid="question"][data-question="${key}"]`);
}

test('staff send the selection review, the vendor answers in the portal, staff return one answer, the vendor fixes it, staff accept', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const vendorName = unique('みどり会計サービス');
  await vendorWithContact(request, vendorName);

  // Staff: a new assessment from the built-in selection review.
  await openSignedIn(page, DEMO_ADMIN);
  await page.getByRole('link', { name: ja.nav.assessments, exact: true }).click();
  await expect(page.getByRole('heading', { name: ja.assessments.title, level: 1 })).toBeVisible();
  await expectAccessible(page, 'assessment list');
  await page.getByRole('button', { name: ja.assessments.new }).click();
  const create = page.getByRole('dialog', { name: ja.assessments.create.title });
  await create.getByRole('combobox', { name: ja.assessments.create.vendor }).fill(vendorName);
  await page.getByRole('option', { name: vendorName }).click();
  await choose(page, create, ja.assessments.create.template, /委託先選定時セキュリティ審査/);
  await expect(create.getByRole('combobox', { name: ja.assessments.create.kind, exact: true })).toHaveValue(ja.assessments.kinds.selection);
  await expectAccessible(page, 'new assessment dialog');
  await create.getByRole('button', { name: ja.assessments.create.submit }).click();
  await expect(page).toHaveURL(/\/assessments\/[0-9a-f-]{36}$/);
  const assessmentId = page.url().split('/').pop() ?? '';
  await expect(page.getByRole('heading', { name: '委託先選定時セキュリティ審査', level: 1 })).toBeVisible();
  await expect(statusOf(page)).toHaveAttribute('data-assessment-status', 'draft');

  // Send it: the single-use link is shown once.
  await page.getByRole('button', { name: ja.assessments.actions.send }).click();
  const send = page.getByRole('dialog', { name: ja.assessments.send.title });
  await choose(page, send, ja.assessments.send.contact, /情報セキュリティ室 青木/);
  await send.getByRole('button', { name: ja.assessments.send.submit }).click();
  const linkField = send.getByTestId('portal-link');
  await expect(linkField).toContainText('/portal/open#token=');
  await expect(send.getByText(/aoki@example\.jp にメールで送りました|メールは送信されていません/)).toBeVisible();
  const link = ((await linkField.textContent()) ?? '').trim();
  await expectAccessible(page, 'link issued');
  await send.getByRole('button', { name: ja.assessments.send.done }).click();
  await expect(statusOf(page)).toHaveAttribute('data-assessment-status', 'sent');
  await expect(page.getByTestId('invitation')).toContainText(ja.assessments.invitations.states.open);
  await expectAccessible(page, 'assessment sent');

  // The vendor, in a browser of their own, opens the link and answers.
  const vendorContext = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const portal = await vendorContext.newPage();
  await portal.goto(link);
  await expect(portal).toHaveURL(new RegExp(`/portal/assessments/${assessmentId}$`));
  await expect(portal.getByRole('heading', { name: '委託先選定時セキュリティ審査', level: 1 })).toBeVisible();
  await answerInPortal(portal, 'incident_notice', 'within_72h'); // raises a medium finding
  await answerInPortal(portal, 'backups', 'untested'); // raises a low one
  const copies = portal.locator('[data-testid="portal-question"][data-question="certificate_copies"]');
  await copies.locator('input[type=file]').setInputFiles({ name: 'pmark-certificate.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(copies.getByText('pmark-certificate.pdf')).toBeVisible();
  await answerTheRest(portal, request, assessmentId);
  await portal.reload();
  await submitInPortal(portal);

  // Staff: submitted with a score and the findings the answers raised.
  await page.reload();
  await expect(statusOf(page)).toHaveAttribute('data-assessment-status', 'submitted');
  await expect(page.getByTestId('overall-score')).toHaveText(/\d+(\.\d)? 点/);
  await expect(page.getByTestId('section-score').first()).toBeVisible();
  const raised = page.getByTestId('assessment-findings').getByTestId('finding-row');
  await expect(raised).toHaveCount(2);
  await expect(raised.filter({ hasText: '事故の第一報が72時間以内' })).toContainText(ja.assessments.findings.severities.medium);
  await expect(raised.filter({ hasText: 'バックアップの復元テストをしていない' })).toContainText(ja.assessments.findings.severities.low);
  await expect(question(page, 'backups').getByTestId('answer')).toContainText('定期的に取得しているが、復元テストは行っていない');
  const evidence = question(page, 'certificate_copies').getByRole('button', { name: 'pmark-certificate.pdf をダウンロード' });
  const download = page.waitForEvent('download');
  await evidence.click();
  expect((await download).suggestedFilename()).toBe('pmark-certificate.pdf');
  await expectAccessible(page, 'submitted assessment');

  // Review: a comment for the vendor on one answer, then return it.
  await page.getByRole('button', { name: ja.assessments.actions.startReview }).click();
  await expect(statusOf(page)).toHaveAttribute('data-assessment-status', 'under_review');
  const notice = question(page, 'incident_notice');
  await notice.getByRole('button', { name: /へのコメント$/ }).click();
  await notice.getByRole('textbox', { name: ja.assessments.question.returnComment }).fill('第一報は 24 時間以内でお願いします。契約の条項もあわせてご確認ください。');
  await notice.getByRole('textbox', { name: ja.assessments.question.reviewerNote }).fill('法務に条項案を確認済み');
  await notice.getByRole('button', { name: ja.assessments.question.saveReview }).click();
  await expect(page.getByText(ja.assessments.question.reviewSaved)).toBeVisible();
  await expectAccessible(page, 'review panel');
  await page.getByRole('button', { name: ja.assessments.actions.return, exact: true }).click();
  const giveBack = page.getByRole('dialog', { name: ja.assessments.decision.returnTitle });
  await expect(giveBack.getByTestId('return-comments')).toContainText('第一報は 24 時間以内でお願いします。');
  await giveBack.getByRole('textbox', { name: ja.assessments.decision.comment }).fill('1 件だけ修正をお願いします。');
  await expectAccessible(page, 'return dialog');
  await giveBack.getByRole('button', { name: ja.assessments.decision.returnSubmit }).click();
  await expect(giveBack).toHaveCount(0);
  await expect(statusOf(page)).toHaveAttribute('data-assessment-status', 'returned');
  await expect(page.getByTestId('decision')).toContainText('1 件だけ修正をお願いします。');

  // The vendor sees the comment on that answer, fixes it and submits again.
  await portal.reload();
  await expect(portal.getByTestId('portal-returned')).toContainText('1 件だけ修正をお願いします。');
  const returned = portal.locator('[data-testid="portal-question"][data-question="incident_notice"]');
  await expect(returned.getByTestId('return-comment')).toContainText('第一報は 24 時間以内でお願いします。');
  await expect(portal.getByText('法務に条項案を確認済み')).toHaveCount(0); // the internal note stays inside
  await answerInPortal(portal, 'incident_notice', 'within_24h');
  await submitInPortal(portal);
  await vendorContext.close();

  // Staff: the fixed answer closed its finding; accept.
  await page.reload();
  await expect(statusOf(page)).toHaveAttribute('data-assessment-status', 'submitted');
  await expect(question(page, 'incident_notice').getByTestId('answer')).toContainText('24時間以内');
  await expect(raised.filter({ hasText: '事故の第一報が72時間以内' })).toContainText(ja.assessments.findings.statuses.closed);
  await page.getByRole('button', { name: ja.assessments.actions.accept }).click();
  const accept = page.getByRole('dialog', { name: ja.assessments.decision.acceptTitle });
  await expect(accept).toContainText('未対応の指摘事項が 1 件あります。');
  await accept.getByRole('textbox', { name: ja.assessments.decision.acceptComment }).fill('バックアップの復元テストは次回点検で確認します。');
  await accept.getByRole('button', { name: ja.assessments.decision.acceptSubmit }).click();
  await expect(statusOf(page)).toHaveAttribute('data-assessment-status', 'accepted');
  await expect(page.getByTestId('decision')).toContainText(ja.assessments.detail.acceptedTitle);
  await expect(page.getByTestId('invitation').first()).not.toContainText(ja.assessments.invitations.states.open);
  await expectAccessible(page, 'accepted assessment');

  // The open finding: accepting its risk needs a reason and an approver.
  await raised.filter({ hasText: 'バックアップの復元テストをしていない' }).getByRole('button').click();
  const drawer = page.getByRole('dialog', { name: ja.assessments.findings.editTitle });
  await choose(page, drawer, ja.assessments.findings.moveTo, ja.assessments.findings.statuses.risk_accepted);
  await drawer.getByRole('button', { name: ja.assessments.findings.applyStatus }).click();
  await expect(drawer.getByText(ja.validation.required)).toBeVisible();
  await expect(drawer.getByText(ja.validation.choose)).toBeVisible();
  await drawer.getByRole('textbox', { name: ja.assessments.findings.resolutionRisk }).fill('復元手順は文書化済みで、影響は限定的なため次回点検まで受容する。');
  await choose(page, drawer, ja.assessments.findings.approver, /情報管理 花子|管理者/);
  await expectAccessible(page, 'finding drawer');
  await drawer.getByRole('button', { name: ja.assessments.findings.applyStatus }).click();
  await expect(drawer.locator('[data-finding-status]').first()).toHaveAttribute('data-finding-status', 'risk_accepted');
  await page.keyboard.press('Escape');

  // The vendor's page keeps the result that stands, and the findings page lists what was raised.
  await page.getByRole('link', { name: vendorName }).first().click();
  await page.getByRole('tab', { name: ja.assessments.vendorTab.title }).click();
  await expect(page.getByTestId('latest-assessment')).toContainText('委託先選定時セキュリティ審査');
  await expect(page.getByTestId('latest-assessment')).toContainText(/まで有効/);
  await expect(page.getByTestId('vendor-assessment-row')).toHaveCount(1);
  await expect(page.getByTestId('vendor-open-findings')).toContainText(ja.assessments.vendorTab.openFindingsEmpty);
  await expectAccessible(page, 'vendor assessments tab');
  await page.getByRole('link', { name: ja.assessments.vendorTab.allFindings }).click();
  await expect(page.getByRole('heading', { name: ja.assessments.findings.title, level: 1 })).toBeVisible();
  await expect(page.getByTestId('finding-row')).toHaveCount(2);
  await expectAccessible(page, 'findings list');
});
