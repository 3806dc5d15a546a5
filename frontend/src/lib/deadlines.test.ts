import { describe, expect, it } from 'vitest';
import { countdown, deadlineTone } from './deadlines';
import { instantOfWallTime, wallTimeInZone } from './format';

describe('deadlineTone', () => {
  it('is red once late, orange at three days or fewer, quiet after', () => {
    expect(deadlineTone(-2)).toBe('overdue');
    expect(deadlineTone(0)).toBe('soon');
    expect(deadlineTone(3)).toBe('soon');
    expect(deadlineTone(4)).toBe('later');
  });

  it("follows the API's own overdue (a contract's hours pass before the day ends)", () => {
    expect(deadlineTone(0, true)).toBe('overdue');
  });

  it('has no tone without a date', () => {
    expect(deadlineTone(null)).toBeNull();
    expect(deadlineTone(undefined)).toBeNull();
  });
});

describe('countdown', () => {
  it('counts the days left, the days over, and says when it is today', () => {
    expect(countdown(3)).toEqual({ key: 'left', count: 3 });
    expect(countdown(-2)).toEqual({ key: 'over', count: 2 });
    expect(countdown(0)).toEqual({ key: 'today', count: 0 });
  });

  it('says "past due" for a due time gone on a day not yet over', () => {
    expect(countdown(0, true)).toEqual({ key: 'passed', count: 0 });
    expect(countdown(-1, true)).toEqual({ key: 'over', count: 1 });
  });
});

describe('wall times of a datetime-local input', () => {
  it('reads an instant as Tokyo wall time and back', () => {
    expect(wallTimeInZone('2025-04-05T01:00:00Z', 'Asia/Tokyo')).toBe('2025-04-05T10:00');
    expect(instantOfWallTime('2025-04-05T10:00', 'Asia/Tokyo')).toBe('2025-04-05T01:00:00.000Z');
  });

  it('crosses a daylight-saving change in the zone of the user', () => {
    expect(instantOfWallTime('2025-07-01T09:30', 'Europe/Berlin')).toBe('2025-07-01T07:30:00.000Z');
    expect(instantOfWallTime('2025-01-01T09:30', 'Europe/Berlin')).toBe('2025-01-01T08:30:00.000Z');
  });

  it('refuses what is no time', () => {
    expect(instantOfWallTime('', 'Asia/Tokyo')).toBeNull();
    expect(instantOfWallTime('2025-02-30T10:00', 'Asia/Tokyo')).toBeNull();
  });
});
