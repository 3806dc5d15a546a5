import type { AnswerRead, Definition, Question } from '../../client/types.gen';
import { textIn } from '../../lib/bilingual';

/** How an answer reads for a reviewer: nothing yet, one line of text, or the chosen options. */
export type ReadableAnswer = { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'list'; items: string[] };

type Formatters = { number: (n: number) => string; day: (d: string) => string };

function optionLabel(question: Question, key: unknown, lang: string): string {
  const option = question.options?.find((o) => o.key === key);
  return option ? textIn(option.label, lang) : String(key);
}

/**
 * The stored value of an answer in words: option keys become their labels in the UI language
 * (unknown keys stay as they are), numbers and dates go through the user's locale. File questions
 * are answered by their evidence, shown apart, so their value reads as empty.
 */
export function readableAnswer(question: Question, answer: AnswerRead | undefined, lang: string, fmt: Formatters): ReadableAnswer {
  const value = answer?.value;
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return { kind: 'empty' };
  switch (question.type) {
    case 'yes_no_na':
    case 'single_choice':
      return { kind: 'text', text: optionLabel(question, value, lang) };
    case 'multiple_choice': {
      const keys = Array.isArray(value) ? value : [value];
      return { kind: 'list', items: keys.map((k) => optionLabel(question, k, lang)) };
    }
    case 'number':
      return { kind: 'text', text: typeof value === 'number' ? fmt.number(value) : String(value) };
    case 'date':
      return { kind: 'text', text: typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? fmt.day(value) : String(value) };
    case 'file':
      return { kind: 'empty' };
    default:
      return { kind: 'text', text: typeof value === 'string' ? value : JSON.stringify(value) };
  }
}

/** Answered as the API counts it: a file question by its evidence, any other by a value. */
export function isAnswered(question: Question, answer: AnswerRead | undefined): boolean {
  if (!answer) return false;
  if (question.type === 'file') return answer.files.length > 0;
  const v = answer.value;
  return v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/** Question key → its text in the UI language, for lists that name a question by its key. */
export function questionTexts(definition: Definition, lang: string): Map<string, string> {
  return new Map(definition.sections.flatMap((s) => s.questions.map((q) => [q.key, textIn(q.text, lang)] as const)));
}

/** A section's share of its possible points, 0–100, for a bar; null when nothing in it is scored. */
export function sectionPercent(section: { earned: number; possible: number }): number | null {
  if (!section.possible) return null;
  return Math.max(0, Math.min(100, (100 * section.earned) / section.possible));
}

export function findQuestion(definition: Definition, key: string | null): Question | undefined {
  if (!key) return undefined;
  for (const s of definition.sections) for (const q of s.questions) if (q.key === key) return q;
  return undefined;
}
