import type { TFunction } from 'i18next';
import type { Question } from '../../client/types.gen';
import { textIn } from '../../lib/bilingual';
import { asApiError } from '../../lib/errors';

/** One problem of a rejected workbook, as the API lists them in a 422 `workbook_invalid`. */
export type WorkbookProblem = { row: number | null; question_key: string | null; message: string; code: string };

const CODES = ['wrong_assessment', 'not_a_workbook', 'too_large', 'sheet_missing', 'unknown_question', 'duplicate_question', 'invalid_answer'] as const;

function isProblem(x: unknown): x is WorkbookProblem {
  return !!x && typeof x === 'object' && typeof (x as WorkbookProblem).code === 'string' && typeof (x as WorkbookProblem).message === 'string';
}

/** The problems of a `workbook_invalid` error, or null for any other error. */
export function workbookProblems(err: unknown): WorkbookProblem[] | null {
  const e = asApiError(err);
  if (e.error !== 'workbook_invalid' || !Array.isArray(e.detail)) return null;
  return e.detail.filter(isProblem);
}

/**
 * A problem in the user's language. The API's sentence is English, so it is rebuilt from the code;
 * a wrong answer says what the question expects (its options in the UI language).
 */
export function workbookProblemMessage(t: TFunction, problem: WorkbookProblem, question: Question | undefined, lang: string): string {
  if (problem.code === 'invalid_answer') {
    const max = /comment is longer than ([\d,]+)/.exec(problem.message)?.[1];
    if (max) return t('assessments.import.expected.comment', { max });
    if (question) {
      const options = (question.options ?? []).map((o) => textIn(o.label, lang)).join(t('common.listSeparator'));
      switch (question.type) {
        case 'yes_no_na':
        case 'single_choice':
          return t('assessments.import.expected.choice', { options });
        case 'multiple_choice':
          return t('assessments.import.expected.multiple', { options });
        case 'number':
          return t('assessments.import.expected.number');
        case 'date':
          return t('assessments.import.expected.date');
        case 'file':
          return t('assessments.import.expected.file');
        default:
          return t('assessments.import.expected.text');
      }
    }
  }
  const code = (CODES as readonly string[]).includes(problem.code) ? (problem.code as (typeof CODES)[number]) : 'other';
  return t(`assessments.import.codes.${code}`);
}
