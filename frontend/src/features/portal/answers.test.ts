import { describe, expect, it } from 'vitest';
import type { PortalAnswer, PortalQuestion, PortalSection } from '../../client/types.gen';
import {
  fromInput,
  invalidAnswerDetail,
  isAnswered,
  missingFromError,
  missingKeys,
  parseNumber,
  progressOf,
  toInput,
} from './answers';
import { questionNumbers } from '../../lib/questions';

function q(key: string, type: PortalQuestion['type'], required = true): PortalQuestion {
  return { key, type, text: { ja: key, en: key }, help: null, required, options: [] };
}

function a(key: string, value: unknown, files = 0): PortalAnswer {
  return {
    question_key: key,
    value,
    comment: null,
    files: Array.from({ length: files }, (_, i) => ({ id: `f${i}`, filename: 'x.pdf', content_type: 'application/pdf', size: 1 })),
    return_comment: null,
    updated_at: '2026-01-01T00:00:00Z',
  };
}

describe('value ⇄ input', () => {
  it('round-trips every question type', () => {
    const cases: [PortalQuestion['type'], unknown, unknown][] = [
      ['yes_no_na', 'yes', 'yes'],
      ['single_choice', 'all_stages', 'all_stages'],
      ['multiple_choice', ['iso27001', 'privacy_mark'], ['iso27001', 'privacy_mark']],
      ['text', '本社サーバー室', '本社サーバー室'],
      ['number', 12, '12'],
      ['number', 2.5, '2.5'],
      ['date', '2026-03-31', '2026-03-31'],
    ];
    for (const [type, value, input] of cases) {
      expect(toInput({ type }, value)).toEqual(input);
      expect(fromInput({ type }, toInput({ type }, value))).toEqual(value);
    }
  });

  it('shows nothing for answers not given yet', () => {
    expect(toInput({ type: 'single_choice' }, null)).toBeNull();
    expect(toInput({ type: 'multiple_choice' }, null)).toEqual([]);
    expect(toInput({ type: 'text' }, undefined)).toBe('');
    expect(toInput({ type: 'number' }, null)).toBe('');
    expect(toInput({ type: 'date' }, null)).toBeNull();
  });

  it('saves empty controls as null, which clears the answer', () => {
    expect(fromInput({ type: 'multiple_choice' }, [])).toBeNull();
    expect(fromInput({ type: 'text' }, '   ')).toBeNull();
    expect(fromInput({ type: 'number' }, '')).toBeNull();
    expect(fromInput({ type: 'date' }, null)).toBeNull();
    expect(fromInput({ type: 'single_choice' }, null)).toBeNull();
  });

  it('reads numbers typed with full-width digits or thousands separators, and refuses others', () => {
    expect(parseNumber('１，２００')).toBe(1200);
    expect(parseNumber('1,200')).toBe(1200);
    expect(parseNumber(' 12 ')).toBe(12);
    expect(parseNumber('-3.5')).toBe(-3.5);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('十二')).toBeUndefined();
    expect(parseNumber('12人')).toBeUndefined();
    expect(fromInput({ type: 'number' }, 'abc')).toBeUndefined();
  });
});

describe('progress', () => {
  const sections: PortalSection[] = [
    { key: 's1', title: { ja: 'A', en: 'A' }, description: null, questions: [q('a', 'yes_no_na'), q('b', 'file', false)] },
    { key: 's2', title: { ja: 'B', en: 'B' }, description: null, questions: [q('c', 'multiple_choice'), q('d', 'file'), q('e', 'text')] },
  ];
  const all = sections.flatMap((s) => s.questions);

  it('counts answers the way the API does: files for file questions, values for the others', () => {
    expect(isAnswered(q('x', 'file'), a('x', null, 1))).toBe(true);
    expect(isAnswered(q('x', 'file'), a('x', null, 0))).toBe(false);
    expect(isAnswered(q('x', 'text'), a('x', null, 2))).toBe(false); // evidence alone does not answer
    expect(isAnswered(q('x', 'multiple_choice'), a('x', []))).toBe(false);
    expect(isAnswered(q('x', 'number'), a('x', 0))).toBe(true);
  });

  it('gives required answered of required, and the missing questions in order', () => {
    const answers = new Map([
      ['a', a('a', 'yes')],
      ['b', a('b', null, 1)],
      ['d', a('d', null, 0)],
      ['e', a('e', '')],
    ]);
    expect(progressOf(all, answers)).toEqual({ answered: 2, required: 4, requiredAnswered: 1, total: 5 });
    expect(missingKeys(sections, answers)).toEqual(['c', 'd', 'e']);
    // Numbered as the staff screens number it: section 2, question 2.
    expect(questionNumbers(sections).get('d')).toBe('2.2');
  });
});

describe('error details', () => {
  it('reads the missing questions of assessment_incomplete', () => {
    expect(missingFromError({ message: '2 required', missing: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(missingFromError('text')).toBeNull();
    expect(missingFromError({ missing: [1] })).toBeNull();
  });

  it('reads the message of invalid_answer', () => {
    expect(invalidAnswerDetail([{ loc: ['body', 'value'], msg: 'give a number', type: 'invalid_answer' }])).toBe('give a number');
    expect(invalidAnswerDetail(null)).toBeNull();
    expect(invalidAnswerDetail([])).toBeNull();
  });
});
