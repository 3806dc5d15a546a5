import { describe, expect, it } from 'vitest';
import type { Question } from '../../client/types.gen';
import { i18n } from '../../i18n';
import { ApiError } from '../../lib/errors';
import { workbookProblemMessage, workbookProblems } from './workbook';

const t = i18n.t;

const choice: Question = {
  key: 'backups',
  type: 'single_choice',
  text: { ja: 'バックアップ', en: 'Backups' },
  options: [
    { key: 'tested', label: { ja: '取得し復元テスト済み', en: 'Taken and tested' } },
    { key: 'none', label: { ja: '取得していない', en: 'None' } },
  ],
};

describe('workbookProblems', () => {
  it('reads the problem list of a workbook_invalid error and nothing else', () => {
    const problems = [{ row: 12, question_key: 'backups', message: 'Row 12 (backups): choose one of: tested, none', code: 'invalid_answer' }];
    expect(workbookProblems(new ApiError(422, 'workbook_invalid', problems))).toEqual(problems);
    expect(workbookProblems(new ApiError(422, 'validation_error', problems))).toBeNull();
    expect(workbookProblems(new ApiError(422, 'workbook_invalid', 'text'))).toBeNull();
  });
});

describe('workbookProblemMessage', () => {
  it('says which options a wrong answer may take, in the UI language', () => {
    const p = { row: 12, question_key: 'backups', message: 'Row 12 (backups): choose one of: tested, none', code: 'invalid_answer' };
    expect(workbookProblemMessage(t, p, choice, 'ja')).toBe('選択肢から 1 つ選んでください（取得し復元テスト済み、取得していない）。');
  });

  it('reports a comment that is too long with its limit', () => {
    const p = { row: 9, question_key: 'backups', message: 'Row 9 (backups): the comment is longer than 4,000 characters.', code: 'invalid_answer' };
    expect(workbookProblemMessage(t, p, choice, 'ja')).toBe('コメントは 4,000 文字以内にしてください。');
  });

  it('translates whole-file problems by their code, and an unknown code generically', () => {
    const wrong = { row: null, question_key: null, message: 'This workbook belongs to another assessment.', code: 'wrong_assessment' };
    expect(workbookProblemMessage(t, wrong, undefined, 'ja')).toMatch(/この評価から出力したファイルではありません/);
    expect(workbookProblemMessage(t, { ...wrong, code: 'brand_new' }, undefined, 'ja')).toBe('ファイルの内容に問題があります。');
  });
});
