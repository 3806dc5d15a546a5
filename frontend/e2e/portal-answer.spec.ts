import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { expectAccessible, ja, registerOrganization, unique } from './support';

// A tiny but real PDF: the API judges the type by its content, not by the name.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const m = ja.portal;

test.use(PHONE);

type Sent = {
  link: string;
  organization: string;
  vendor: string;
  contact: string;
  assessmentId: string;
  contactId: string;
  staff: { Authorization: string };
};

/** The staff side through the API: an organisation, a vendor with a contact, the selection review sent. */
async function sendSelectionReview(request: APIRequestContext): Promise<Sent> {
  const organization = unique('株式会社さくら商事');
  const registered = await registerOrganization(request, {
    data: { organization_name: organization, name: '山田 太郎', email: `${unique('staff')}@example.com`, password: 'portal-e2e-passphrase' },
  });
  expect(registered.ok(), await registered.text()).toBeTruthy();
  const headers = { Authorization: `Bearer ${(await registered.json()).access_token}` };
  const post = async (url: string, data: object) => {
    const response = await request.post(url, { headers, data });
    expect(response.ok(), `${url}: ${await response.text()}`).toBeTruthy();
    return response.json();
  };
  const vendor = unique('株式会社みどりデータ');
  const { id: vendorId } = await post('/api/v1/vendors', { name: vendor });
  const contact = '佐藤 花子';
  const { id: contactId } = await post(`/api/v1/vendors/${vendorId}/contacts`, {
    name: contact,
    email: 'hanako@midori.example',
    role: 'security_officer',
  });
  const templates = (await (await request.get('/api/v1/questionnaires', { headers })).json()) as { id: string; builtin_key: string | null }[];
  const template = templates.find((x) => x.builtin_key === 'selection-review');
  expect(template).toBeTruthy();
  const { id: assessmentId } = await post('/api/v1/assessments', { vendor_id: vendorId, questionnaire_id: template!.id, kind: 'selection' });
  const sent = await post(`/api/v1/assessments/${assessmentId}/send`, { contact_id: contactId });
  expect(sent.link).toMatch(/\/portal\/open#token=/);
  return { link: sent.link, organization, vendor, contact, assessmentId, contactId, staff: headers };
}

/** Answer one question the way a person would, whatever its type. */
async function answer(page: Page, card: Locator): Promise<void> {
  const type = await card.getAttribute('data-type');
  switch (type) {
    case 'yes_no_na':
    case 'single_choice':
      await card.getByRole('radio').first().click();
      break;
    case 'multiple_choice':
      await card.getByRole('checkbox').first().click();
      break;
    case 'text':
      await card.getByRole('textbox').first().fill('本社（東京都千代田区）のサーバー室で保管しています。');
      await card.getByRole('textbox').first().blur();
      break;
    case 'number':
      await card.getByRole('textbox').first().fill('１２'); // full-width digits, as a Japanese keyboard may type them
      await card.getByRole('textbox').first().blur();
      break;
    case 'date':
      await card.getByRole('textbox').first().fill('2026/04/01');
      await page.keyboard.press('Escape');
      await card.getByRole('textbox').first().blur();
      break;
    case 'file':
      await card.locator('input[type=file]').setInputFiles({ name: 'security-policy.pdf', mimeType: 'application/pdf', buffer: PDF });
      await expect(card.getByTestId('evidence-file')).toContainText('security-policy.pdf');
      break;
    default:
      throw new Error(`unknown question type ${type}`);
  }
  await expect(card.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
}

test('a vendor contact opens the link on a phone, answers every question with evidence, submits, and the link is used up', async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(180_000);
  const sent = await sendSelectionReview(request);

  // The link opens the questionnaire and leaves the address bar without its token.
  await page.goto(sent.link);
  await expect(page).toHaveURL(/\/portal\/assessments\/[0-9a-f-]{36}$/);
  expect(page.url()).not.toContain('token');
  await expect(page.getByRole('heading', { level: 1, name: '委託先選定時セキュリティ審査' })).toBeVisible();
  await expect(page.getByTestId('portal-organization')).toHaveText(sent.organization);
  await expect(page.getByText(m.header.contact.replace('{{name}}', sent.contact).replace('{{vendor}}', sent.vendor))).toBeVisible();
  const progress = page.getByTestId('progress-text');
  // On a phone the short form shows: 必須 0 / 34.
  await expect(progress.getByText(m.progress.short.replace('{{answered}}', '0').replace('{{required}}', '34'))).toBeVisible();
  await expectAccessible(page, 'portal questionnaire');

  // A file of a kind not accepted: said clearly, and nothing is attached.
  const copies = page.locator('[data-question="certificate_copies"]');
  await copies.locator('input[type=file]').setInputFiles({ name: 'memo.txt', mimeType: 'text/plain', buffer: Buffer.from('not evidence') });
  await expect(copies.getByTestId('evidence-error')).toContainText(ja.errors.codes.unsupported_file_type);
  await expect(copies.getByTestId('evidence-file')).toHaveCount(0);

  // Submitting early names what is missing and goes to the first unanswered question.
  await page.getByRole('button', { name: m.submit.button }).click();
  const missing = page.getByTestId('missing-alert');
  await expect(missing).toContainText(m.submit.missingTitle);
  await expect(missing).toContainText(m.submit.missingBody.replace('{{count}}', '34'));
  const first = page.locator('[data-question="certifications"]');
  await expect(first).toHaveAttribute('data-missing', 'true');
  await expect(first).toBeInViewport();
  await expect(first.getByText(m.question.missing)).toBeVisible();
  await expectAccessible(page, 'portal questionnaire with missing answers');

  // Every question, each type in its own way; the file questions get a PDF.
  const cards = page.getByTestId('portal-question');
  const count = await cards.count();
  expect(count).toBe(40);
  for (let i = 0; i < count; i += 1) await answer(page, cards.nth(i));
  await expect(page.getByTestId('save-indicator')).toHaveAttribute('data-state', 'saved');
  await expect(page.getByTestId('save-indicator')).toHaveText(m.save.allSaved);
  await expect(progress.getByText(m.progress.short.replace('{{answered}}', '34').replace('{{required}}', '34'))).toBeVisible();
  await expect(missing).toHaveCount(0);
  await expect(page.locator('[data-missing]')).toHaveCount(0);
  await expect(copies.getByTestId('evidence-file')).toHaveCount(1);

  // Submitting asks first, then freezes the answers and thanks the contact.
  await page.getByRole('button', { name: m.submit.button }).click();
  const confirm = page.getByRole('dialog', { name: m.submit.confirmTitle });
  await expect(confirm).toContainText(sent.organization);
  await confirm.getByRole('button', { name: m.submit.confirm }).click();
  const done = page.getByTestId('portal-submitted');
  await expect(done).toContainText(m.assessment.submittedTitle);
  await expect(done).toContainText(/\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2} に提出しました/);
  await expect(page.getByRole('main').getByRole('radio')).toHaveCount(0);
  await expect(page.getByRole('button', { name: m.submit.button })).toHaveCount(0);
  await expect(page.getByRole('button', { name: m.evidence.attachOptional })).toHaveCount(0);
  await expect(page.locator('[data-question="staff_with_access"]').getByTestId('readonly-answer')).toHaveText('12');
  await expect(copies.getByTestId('evidence-file')).toContainText('security-policy.pdf');
  await expectAccessible(page, 'portal questionnaire submitted');

  // The list says so too.
  await page.getByRole('link', { name: m.assessment.back }).click();
  await expect(page.getByTestId('portal-assessment')).toContainText(m.status.submitted);

  // The same link, opened again (another phone, another person): used up, and what to do about it.
  const other = await browser.newContext({ ...PHONE, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const again = await other.newPage();
  await again.goto(sent.link);
  await expect(again.getByRole('heading', { level: 1, name: m.open.failed.portal_link_used })).toBeVisible();
  await expect(again.getByText(ja.errors.codes.portal_link_used)).toBeVisible();
  await expect(again.getByText(m.open.answersKept)).toBeVisible();
  expect(again.url()).not.toContain('token');
  await expectAccessible(again, 'portal open page, link already used');
  // A new link can be asked for by email; the page says the same whatever the address.
  await again.getByRole('button', { name: m.requestLink.submit }).click();
  await expect(again.getByText(m.requestLink.invalidEmail)).toBeVisible();
  await again.getByLabel(m.requestLink.email).fill('someone@vendor.example');
  await again.getByRole('button', { name: m.requestLink.submit }).click();
  await expect(again.getByText(m.requestLink.sent)).toBeVisible();
  await expectAccessible(again, 'portal open page, new link requested');
  await other.close();
});

type PortalQuestion = { key: string; type: string; options: { key: string }[] };

/** The contact's first round through the API: every question answered, MFA "no" (which raises a finding), submitted. */
async function answerAndSubmitThroughApi(request: APIRequestContext, sent: Sent): Promise<void> {
  const session = await request.post('/api/v1/portal/session', { data: { token: sent.link.split('#token=')[1] } });
  expect(session.ok()).toBeTruthy();
  const headers = { Authorization: `Bearer ${(await session.json()).access_token}` };
  const base = `/api/v1/portal/assessments/${sent.assessmentId}`;
  const detail = (await (await request.get(base, { headers })).json()) as { sections: { questions: PortalQuestion[] }[] };
  for (const q of detail.sections.flatMap((s) => s.questions)) {
    const first = q.options[0]?.key;
    const value = { yes_no_na: q.key === 'mfa' ? 'no' : first, single_choice: first, multiple_choice: [first], text: '本社', number: 3, date: '2026-04-01' }[q.type];
    if (value === undefined) continue; // file questions are optional here
    const saved = await request.put(`${base}/answers/${q.key}`, { headers, data: { value, comment: null } });
    expect(saved.ok(), await saved.text()).toBeTruthy();
  }
  expect((await request.post(`${base}/submit`, { headers })).ok()).toBeTruthy();
}

test.describe('returned answers', () => {
  test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });

  test('the contact sees the reviewer\'s comments, fixes the answer, proposes a plan for the finding and submits again', async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const sent = await sendSelectionReview(request);
    await answerAndSubmitThroughApi(request, sent);

    // The reviewer sends it back with a message and a comment on one answer, then a new link.
    const staff = sent.staff;
    const base = `/api/v1/assessments/${sent.assessmentId}`;
    expect((await request.post(`${base}/start-review`, { headers: staff })).ok()).toBeTruthy();
    const comment = '多要素認証の代替策（IP 制限など）があればご記入ください。';
    expect((await request.put(`${base}/answers/mfa/review`, { headers: staff, data: { return_comment: comment } })).ok()).toBeTruthy();
    const { version, definition } = await (await request.get(base, { headers: staff })).json();
    // The staff screens call a question by section and place ("問 2.3"); the portal calls it the same.
    const sections: { questions: { key: string }[] }[] = definition.sections;
    const s = sections.findIndex((x) => x.questions.some((q) => q.key === 'mfa'));
    const mfaNumber = `問 ${s + 1}.${sections[s].questions.findIndex((q) => q.key === 'mfa') + 1}`;
    const message = '1 つの質問について補足をお願いします。';
    expect((await request.post(`${base}/return`, { headers: staff, data: { version, comment: message } })).ok()).toBeTruthy();
    const again = await (await request.post(`${base}/send`, { headers: staff, data: { contact_id: sent.contactId } })).json();

    await page.goto(again.link);
    const returned = page.getByTestId('portal-returned');
    await expect(returned).toContainText(m.assessment.returnedTitle);
    await expect(returned).toContainText(message);
    const mfa = page.locator('[data-question="mfa"]');
    await expect(mfa.getByTestId('return-comment')).toContainText(comment);
    await returned.getByRole('button', { name: mfaNumber, exact: true }).click();
    await expect(mfa).toBeInViewport();
    await expect(mfa).toContainText(mfaNumber);
    await expectAccessible(page, 'portal questionnaire returned');

    // The finding the first answers raised: the contact proposes a plan.
    // (Read before changing any answer: the API shows it only while the assessment is returned.)
    await page.getByRole('link', { name: m.nav.findings }).click();
    await expect(page.getByRole('heading', { level: 1, name: m.findings.title })).toBeVisible();
    const finding = page.getByTestId('portal-finding').filter({ hasText: '多要素認証' });
    await expect(finding).toContainText(m.findings.status.open);
    await finding.getByRole('textbox', { name: m.findings.planLabel }).fill('2026 年 3 月までに全アカウントで多要素認証を必須にします。');
    await finding.getByRole('button', { name: m.findings.send }).click();
    await expect(finding.getByText(m.findings.sent)).toBeVisible();
    await expect(finding.getByRole('button', { name: m.findings.update })).toBeVisible();
    await expectAccessible(page, 'portal findings');

    // Back to the questionnaire: a different answer with an explanation, and submitted again.
    await page.getByRole('link', { name: m.nav.requests }).click();
    await page.getByTestId('portal-assessment').getByRole('link', { name: m.home.fix }).click();
    await expect(mfa.getByTestId('return-comment')).toContainText(comment);
    await mfa.getByRole('radio', { name: 'はい' }).click();
    await expect(mfa.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    await mfa.getByRole('button', { name: m.question.addComment }).click();
    await mfa.getByRole('textbox', { name: m.question.comment }).fill('2026 年 3 月に全アカウントへ導入しました。');
    await mfa.getByRole('textbox', { name: m.question.comment }).blur();
    await expect(page.getByTestId('save-indicator')).toHaveText(m.save.allSaved);

    await page.getByRole('button', { name: m.submit.button }).click();
    await page.getByRole('dialog', { name: m.submit.confirmTitle }).getByRole('button', { name: m.submit.confirm }).click();
    await expect(page.getByTestId('portal-submitted')).toContainText(m.assessment.submittedTitle);
    await expect(page.locator('[data-question="mfa"]').getByTestId('readonly-answer')).toHaveText('はい');
  });
});
