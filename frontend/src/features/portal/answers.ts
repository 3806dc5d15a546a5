import type { PortalAnswer, PortalQuestion, PortalSection } from '../../client/types.gen';

/** What the portal sends for an answer: the API's value shape for each question type. */
export type AnswerValue = string | string[] | number | null;

/** An answer as the API stores it → what the question's control holds. */
export function toInput(question: Pick<PortalQuestion, 'type'>, value: unknown): string | string[] | null {
  switch (question.type) {
    case 'multiple_choice':
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    case 'yes_no_na':
    case 'single_choice':
    case 'date':
      return typeof value === 'string' && value ? value : null;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
    case 'text':
      return typeof value === 'string' ? value : '';
    case 'file':
      return null;
  }
}

const FULL_WIDTH = /[０-９．，－＋]/g;

/** `１，２００` or `1,200` → 1200; empty → null; anything else → undefined (not a number). */
export function parseNumber(text: string): number | null | undefined {
  const half = text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,\s]/g, '');
  if (half === '') return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(half)) return undefined;
  const n = Number(half);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * What the control holds → the value to save, or undefined when it cannot be saved as it is
 * (a number still being typed). Empty answers are null, which clears the saved one.
 */
export function fromInput(question: Pick<PortalQuestion, 'type'>, input: string | string[] | null): AnswerValue | undefined {
  switch (question.type) {
    case 'multiple_choice':
      return Array.isArray(input) && input.length ? input : null;
    case 'yes_no_na':
    case 'single_choice':
    case 'date':
      return typeof input === 'string' && input ? input : null;
    case 'number':
      return parseNumber(typeof input === 'string' ? input : '');
    case 'text':
      return typeof input === 'string' && input.trim() ? input : null;
    case 'file':
      return null;
  }
}

/** The API's rule (scoring.is_answered): file questions need a file, the others a value. */
export function isAnswered(question: Pick<PortalQuestion, 'type'>, answer: Pick<PortalAnswer, 'value' | 'files'> | undefined): boolean {
  if (!answer) return false;
  if (question.type === 'file') return answer.files.length > 0;
  const v = answer.value;
  return v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
}

export type Progress = { answered: number; required: number; requiredAnswered: number; total: number };

export function progressOf(questions: PortalQuestion[], answers: Map<string, PortalAnswer>): Progress {
  let answered = 0;
  let required = 0;
  let requiredAnswered = 0;
  for (const q of questions) {
    const done = isAnswered(q, answers.get(q.key));
    answered += done ? 1 : 0;
    if (q.required) {
      required += 1;
      requiredAnswered += done ? 1 : 0;
    }
  }
  return { answered, required, requiredAnswered, total: questions.length };
}

/** Required questions still without an answer, in the order they are asked. */
export function missingKeys(sections: PortalSection[], answers: Map<string, PortalAnswer>): string[] {
  return sections.flatMap((s) => s.questions.filter((q) => q.required && !isAnswered(q, answers.get(q.key))).map((q) => q.key));
}


/** `detail.missing` of a 409 assessment_incomplete, when the body has that shape. */
export function missingFromError(detail: unknown): string[] | null {
  if (!detail || typeof detail !== 'object') return null;
  const missing = (detail as { missing?: unknown }).missing;
  return Array.isArray(missing) && missing.every((k) => typeof k === 'string') ? missing : null;
}

/** `detail[0].msg` of a 422 invalid_answer. */
export function invalidAnswerDetail(detail: unknown): string | null {
  if (!Array.isArray(detail)) return null;
  const first: unknown = detail[0];
  const msg = first && typeof first === 'object' ? (first as { msg?: unknown }).msg : undefined;
  return typeof msg === 'string' && msg ? msg : null;
}
