import { describe, expect, it } from 'vitest';
import { byDay, monthBounds, monthGrid, monthOf, pagesNeeded, shiftMonth, weekdayOfColumn } from './calendar';

describe('the month grid', () => {
  it('starts on Sunday with the end of the previous month and fills whole weeks', () => {
    // November 2026 starts on a Sunday and has 30 days: five weeks, the last ending on Sat 12/5.
    const weeks = monthGrid('2026-11', 0);
    expect(weeks).toHaveLength(5);
    expect(weeks[0]?.[0]).toEqual({ day: '2026-11-01', inMonth: true });
    expect(weeks[4]?.[6]).toEqual({ day: '2026-12-05', inMonth: false });
  });

  it('starts on Monday when asked, taking the Sunday before from October', () => {
    const weeks = monthGrid('2026-11', 1);
    expect(weeks[0]?.[0]).toEqual({ day: '2026-10-26', inMonth: false });
    expect(weeks[0]?.[6]).toEqual({ day: '2026-11-01', inMonth: true });
    expect(weeks).toHaveLength(6); // the 30th is a Monday: a sixth week
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(30);
  });

  it('handles February of a leap year and a month that fits four weeks exactly', () => {
    expect(monthGrid('2024-02', 0).flat().filter((d) => d.inMonth)).toHaveLength(29);
    expect(monthGrid('2026-02', 0)).toHaveLength(4); // 2026-02-01 is a Sunday, 28 days
  });

  it('names its columns from the week start', () => {
    expect(weekdayOfColumn(0, 0)).toBe('2023-01-01'); // Sunday
    expect(weekdayOfColumn(0, 1)).toBe('2023-01-02'); // Monday
    expect(weekdayOfColumn(6, 1)).toBe('2023-01-01'); // Sunday last
  });
});

describe('months', () => {
  it('bounds a month for due_from and due_to', () => {
    expect(monthBounds('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthBounds('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('moves across years', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-03', -14)).toBe('2025-01');
    expect(monthOf('2026-11-27')).toBe('2026-11');
  });
});

describe('items by day', () => {
  it('groups items on their due day, keeping their order', () => {
    const map = byDay([
      { id: 'a', due_date: '2026-11-10' },
      { id: 'b', due_date: '2026-11-12' },
      { id: 'c', due_date: '2026-11-10' },
    ]);
    expect(map.get('2026-11-10')?.map((i) => i.id)).toEqual(['a', 'c']);
    expect(map.get('2026-11-11')).toBeUndefined();
  });

  it('counts the pages a month needs under the page size cap', () => {
    expect(pagesNeeded(0, 100)).toBe(1);
    expect(pagesNeeded(100, 100)).toBe(1);
    expect(pagesNeeded(101, 100)).toBe(2);
  });
});
