import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { choose, expectAccessible, ja, openSignedIn, registerOrganization, unique } from './support';

const m = ja.questionnaires;
const SELECTION_REVIEW = '委託先選定時セキュリティ審査';
const NEW_QUESTION = 'クラウドサービスの管理者アカウントに多要素認証を設定していますか。';

test('edit the built-in selection review into version 2, publish it, export it and import it back as a new template', async ({ page }) => {
  // An organisation of its own: the demo organisation's built-in templates stay as they ship for the other journeys.
  const who = { email: `${unique('questionnaires')}@e2e.itaku.example`, password: 'e2e-questionnaires-2026' };
  const registered = await registerOrganization(page.request, {
    data: { organization_name: unique('質問票テスト株式会社'), name: '質問票 担当', ...who },
  });
  expect(registered.status()).toBe(201);
  await openSignedIn(page, who);

  // The list: the three built-in templates, published as version 1.
  await page.getByRole('link', { name: ja.nav.questionnaires, exact: true }).click();
  await expect(page.getByRole('heading', { name: m.title, level: 1 })).toBeVisible();
  const rows = page.getByTestId('questionnaire-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: m.builtin })).toHaveCount(3);
  const builtin = rows.filter({ hasText: SELECTION_REVIEW });
  await expect(builtin).toContainText(m.version.replace('{{n}}', '1'));
  await expect(builtin.getByTestId('question-count')).toHaveText('40');
  await expectAccessible(page, 'questionnaire templates');

  // The template page: versions and a preview of the published content.
  await builtin.getByRole('link', { name: SELECTION_REVIEW }).click();
  await expect(page.getByRole('heading', { name: SELECTION_REVIEW, level: 1 })).toBeVisible();
  await expect(page.getByTestId('version-row')).toHaveCount(1);
  await expect(page.getByTestId('preview-question')).toHaveCount(40);
  await expect(page.getByTestId('preview-finding').first()).toBeVisible();
  await expectAccessible(page, 'questionnaire template page');

  // Edit: a draft of version 2 starts from version 1.
  await page.getByRole('button', { name: m.edit, exact: true }).click();
  await expect(page.getByText(m.editor.title.replace('{{n}}', '2'))).toBeVisible();
  await expect(page.getByTestId('outline-question')).toHaveCount(40);
  await expectAccessible(page, 'questionnaire editor');

  // Change the text of a question.
  await page.locator('[data-testid=outline-question][data-key=privacy_policy]').click();
  const editor = page.getByTestId('question-editor');
  await editor.getByRole('textbox', { name: m.labels.textJa }).fill('個人情報保護方針を定め、ウェブサイトなどで公表していますか。');
  await expect(page.getByTestId('save-state')).toHaveText(m.editor.unsaved);

  // Add a yes/no question to the "basic policy" section; its key is suggested from its position.
  await page.getByRole('button', { name: m.editor.addQuestionTo.replace('{{name}}', '基本方針') }).click();
  await expect(editor.getByRole('textbox', { name: m.fields.key, exact: true })).toHaveValue(/^q\d+$/);
  await expect(editor.getByRole('combobox', { name: m.fields.type })).toHaveValue(m.types.yes_no_na);
  await expect(editor.getByTestId('option-row')).toHaveCount(3);

  // Saving without the question text is refused on the client, next to the field.
  await page.getByRole('button', { name: m.editor.save }).click();
  await expect(page.getByTestId('editor-problems')).toContainText(m.validation.textRequired);
  const textJa = editor.getByRole('textbox', { name: m.labels.textJa });
  await expect(textJa).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'questionnaire editor with an error');

  await textJa.fill(NEW_QUESTION);
  await editor.getByRole('textbox', { name: m.labels.textEn }).fill('Do administrator accounts of your cloud services use multi-factor authentication?');
  await editor.getByRole('textbox', { name: m.fields.weight }).fill('2');
  // A finding when the answer is "no" (preselected), of high severity.
  await editor.getByRole('button', { name: m.editor.addFinding }).click();
  const rule = editor.getByTestId('finding-rule');
  await expect(rule).toContainText(ja.questionnaires.content.no);
  await choose(page, rule, m.fields.severity, m.severities.high);
  await rule.getByRole('textbox', { name: m.labels.findingTitleJa }).fill('管理者アカウントに多要素認証がない');
  await page.getByRole('button', { name: m.editor.save }).click();
  await expect(page.getByText(m.editor.saved)).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText(m.editor.allSaved);
  await expect(page.getByTestId('outline-question')).toHaveCount(41);

  // Publish version 2, after confirming what it means for assessments.
  await page.getByRole('button', { name: m.publish, exact: true }).click();
  const confirm = page.getByRole('dialog', { name: m.publishTitle.replace('{{n}}', '2') });
  await expect(confirm).toContainText(m.publishMessage.replace(/\{\{n\}\}/g, '2'));
  await expectAccessible(page, 'publish confirmation');
  await confirm.getByRole('button', { name: m.publish }).click();
  await expect(page.getByText(m.publishedDone.replace('{{n}}', '2'))).toBeVisible();
  const v2 = page.locator('[data-testid=version-row][data-number="2"]');
  const v1 = page.locator('[data-testid=version-row][data-number="1"]');
  await expect(v2).toHaveAttribute('data-status', 'current');
  await expect(v2).toContainText('41');
  await expect(v1).toHaveAttribute('data-status', 'previous');
  await expect(page.getByTestId('preview-question')).toHaveCount(41);
  const added = page.getByTestId('preview-question').filter({ hasText: NEW_QUESTION });
  await expect(added).toContainText(m.severities.high);
  await expect(added).toContainText('管理者アカウントに多要素認証がない');
  await expect(page.getByText('個人情報保護方針を定め、ウェブサイトなどで公表していますか。')).toBeVisible();

  // Export version 2 as JSON.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: m.versions.exportLabel.replace('{{n}}', '2') }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/-v2\.json$/);
  const bytes = await readFile(await file.path());
  const exported = JSON.parse(bytes.toString('utf8')) as { sections: { questions: { text: { ja: string } }[] }[] };
  expect(exported.sections.flatMap((s) => s.questions)).toHaveLength(41);
  expect(exported.sections.flatMap((s) => s.questions.map((q) => q.text.ja))).toContain(NEW_QUESTION);

  // Import it back: a new template (not built-in) with the same 41 questions, as a draft of version 1.
  await page.getByRole('link', { name: m.backToList }).click();
  await page.locator('input[type=file]').setInputFiles({ name: file.suggestedFilename(), mimeType: 'application/json', buffer: bytes });
  await expect(page.getByText(m.imported.replace('{{title}}', SELECTION_REVIEW))).toBeVisible();
  await expect(page.getByRole('heading', { name: SELECTION_REVIEW, level: 1 })).toBeVisible();
  await expect(page.getByText(m.unpublishedAlert)).toBeVisible();
  await page.getByRole('link', { name: m.backToList }).click();
  await expect(rows).toHaveCount(4);
  const imported = rows.filter({ hasText: SELECTION_REVIEW }).filter({ hasNotText: m.builtin });
  await expect(imported.getByTestId('question-count')).toHaveText('41');
  await expect(imported).toContainText(m.draftBadge.replace('{{n}}', '1'));
});
