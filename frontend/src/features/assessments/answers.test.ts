import { describe, expect, it } from 'vitest';
import type { AnswerRead, Question } from '../../client/types.gen';
import { formatDay, formatNumber } from '../../lib/format';
import { isAnswered, readableAnswer, sectionPercent } from './answers';

const yn: Question = {
  key: 'policy',
  type: 'yes_no_na',
  text: { ja: '基本方針がありますか。', en: 'Is there a policy?' },
  options: [
    { key: 'yes', label: { ja: 'はい', en: 'Yes' }, score: 1 },
    { key: 'no', label: { ja: 'いいえ', en: 'No' }, score: 0 },
    { key: 'na', label: { ja: '該当しない', en: '' }, score: null },
  ],
};
const multi: Question = {
  key: 'certifications',
  type: 'multiple_choice',
  text: { ja: '認証', en: 'Certifications' },
  options: [
    { key: 'iso27001', label: { ja: 'ISO/IEC 27001', en: 'ISO/IEC 27001' } },
    { key: 'privacy_mark', label: { ja: 'プライバシーマーク', en: 'PrivacyMark' } },
  ],
};
const of = (type: Question['type']): Question => ({ key: type, type, text: { ja: type } });

function answer(value: unknown, files: AnswerRead['files'] = []): AnswerRead {
  return {
    question_key: 'x',
    value,
    comment: null,
    files,
    answered_by_label: null,
    updated_at: '2026-11-01T00:00:00Z',
    return_comment: null,
    reviewer_note: null,
  };
}

const fmt = (lang: string) => ({ number: (n: number) => formatNumber(n, lang), day: (d: string) => formatDay(d, lang) });

describe('readableAnswer', () => {
  it('names the chosen option in the UI language, falling back to the other one', () => {
    expect(readableAnswer(yn, answer('yes'), 'ja', fmt('ja'))).toEqual({ kind: 'text', text: 'はい' });
    expect(readableAnswer(yn, answer('yes'), 'en', fmt('en'))).toEqual({ kind: 'text', text: 'Yes' });
    expect(readableAnswer(yn, answer('na'), 'en', fmt('en'))).toEqual({ kind: 'text', text: '該当しない' });
  });

  it('lists every chosen option of a multiple-choice question', () => {
    expect(readableAnswer(multi, answer(['iso27001', 'privacy_mark']), 'en', fmt('en'))).toEqual({
      kind: 'list',
      items: ['ISO/IEC 27001', 'PrivacyMark'],
    });
  });

  it('keeps an option key the template no longer has', () => {
    expect(readableAnswer(yn, answer('maybe'), 'ja', fmt('ja'))).toEqual({ kind: 'text', text: 'maybe' });
  });

  it('formats numbers and dates for the locale', () => {
    expect(readableAnswer(of('number'), answer(12500), 'ja', fmt('ja'))).toEqual({ kind: 'text', text: '12,500' });
    expect(readableAnswer(of('date'), answer('2026-03-31'), 'en', fmt('en'))).toEqual({ kind: 'text', text: '31 Mar 2026' });
    expect(readableAnswer(of('date'), answer('2026-03-31'), 'ja', fmt('ja'))).toEqual({ kind: 'text', text: '2026/03/31' });
  });

  it('reads text as written, and nothing when there is no answer', () => {
    expect(readableAnswer(of('text'), answer('月次で確認しています。'), 'ja', fmt('ja'))).toEqual({ kind: 'text', text: '月次で確認しています。' });
    expect(readableAnswer(of('text'), undefined, 'ja', fmt('ja'))).toEqual({ kind: 'empty' });
    expect(readableAnswer(multi, answer([]), 'ja', fmt('ja'))).toEqual({ kind: 'empty' });
  });
});

describe('isAnswered', () => {
  it('counts a file question by its evidence and others by a value', () => {
    const file = { id: 'f', filename: 'a.pdf', content_type: 'application/pdf', size: 10 };
    expect(isAnswered(of('file'), answer(null, [file]))).toBe(true);
    expect(isAnswered(of('file'), answer(null))).toBe(false);
    expect(isAnswered(yn, answer('no'))).toBe(true);
    expect(isAnswered(yn, answer(null))).toBe(false);
    expect(isAnswered(yn, undefined)).toBe(false);
  });
});

describe('sectionPercent', () => {
  it('is the share of possible points, bounded, and null when nothing is scored', () => {
    expect(sectionPercent({ earned: 2, possible: 7 })).toBeCloseTo(28.57, 1);
    expect(sectionPercent({ earned: -3, possible: 8 })).toBe(0);
    expect(sectionPercent({ earned: 0, possible: 0 })).toBeNull();
  });
});
