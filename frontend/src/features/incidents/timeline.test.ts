import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { formatDateTime, formatDay, formatNumber } from '../../lib/format';
import { changeLines, changeValue } from './timeline';

const f = { dateTime: (v: string) => formatDateTime(v, 'ja', 'Asia/Tokyo'), day: (d: string) => formatDay(d, 'ja'), number: (n: number) => formatNumber(n, 'ja') };

describe('changeValue', () => {
  const t = i18n.getFixedT('ja');
  it('writes flags, codes and counts in words', () => {
    expect(changeValue(t, f, 'wrongful_intent_possible', true)).toBe('はい');
    expect(changeValue(t, f, 'status', 'contained')).toBe('封じ込め済み');
    expect(changeValue(t, f, 'data_categories', ['ordinary', 'children'])).toBe('通常の個人情報、子どもの個人情報');
    expect(changeValue(t, f, 'affected_persons_max', 3200)).toBe('3,200');
    expect(changeValue(t, f, 'cause', null)).toBe('（空欄）');
  });

  it("shows an instant in local time, also as the audit snapshot writes it (with a space)", () => {
    expect(changeValue(t, f, 'done_at', '2026-11-18 18:41:45+00:00')).toBe('2026/11/19 3:41');
    expect(changeValue(t, f, 'aware_at', '2025-04-05T01:00:00Z')).toBe('2025/04/05 10:00');
  });
});

describe('changeLines', () => {
  it('gives one line per changed field with its label, before and after', () => {
    const t = i18n.getFixedT('en');
    const lines = changeLines(t, f, { before: { wrongful_intent_possible: false, reference: null }, after: { wrongful_intent_possible: true, reference: 'PPC-1' } });
    expect(lines).toEqual([
      { field: 'reference', label: 'Reference', before: '(empty)', after: 'PPC-1' },
      { field: 'wrongful_intent_possible', label: 'Wrongful intent possible', before: 'No', after: 'Yes' },
    ]);
  });

  it('is empty for an event without changes', () => {
    expect(changeLines(i18n.getFixedT('ja'), f, null)).toEqual([]);
  });
});
