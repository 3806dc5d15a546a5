import { describe, expect, it } from 'vitest';
import { addDays, formatDateTime, formatDay, formatYen, todayInZone, startOfDayInZone, zoneOffsetMinutes } from './format';
import { safeRedirect } from './session';

describe('formatting through Intl', () => {
  it('shows a UTC instant in Tokyo time', () => {
    expect(formatDateTime('2026-01-05T00:04:00Z', 'ja', 'Asia/Tokyo')).toBe('2026/01/05 9:04');
    expect(formatDateTime('2026-01-05T00:04:00Z', 'en', 'Asia/Tokyo')).toBe('5 Jan 2026, 09:04');
  });

  it('shows the user’s zone when they chose another', () => {
    expect(formatDateTime('2026-01-05T00:04:00Z', 'en', 'Europe/Berlin')).toBe('5 Jan 2026, 01:04');
  });

  it('formats yen without decimals', () => {
    expect(formatYen(3500000, 'ja')).toBe('￥3,500,000');
    expect(formatYen(3500000, 'en')).toBe('¥3,500,000');
  });
});

describe('calendar days in a zone', () => {
  it('knows the offset of Tokyo and of Berlin in summer', () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 1), 'Asia/Tokyo')).toBe(540);
    expect(zoneOffsetMinutes(Date.UTC(2026, 6, 1), 'Europe/Berlin')).toBe(120);
  });

  it('starts a Tokyo day at 15:00 UTC the day before', () => {
    expect(startOfDayInZone('2026-03-01', 'Asia/Tokyo')).toBe('2026-02-28T15:00:00.000Z');
  });

  it('handles the day daylight saving starts', () => {
    expect(startOfDayInZone('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayInZone('2026-03-30', 'Europe/Berlin')).toBe('2026-03-29T22:00:00.000Z');
  });

  it('shows a calendar date as the same day in every language', () => {
    expect(formatDay('2026-03-31', 'ja')).toBe('2026/03/31');
    expect(formatDay('2026-03-31', 'en')).toBe('31 Mar 2026');
  });

  it('knows today in Tokyo when it is still yesterday in UTC', () => {
    expect(todayInZone('Asia/Tokyo', new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
  });

  it('adds days across a month end', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});

describe('safeRedirect', () => {
  it('keeps same-site paths and refuses others', () => {
    expect(safeRedirect('/settings/users?page=2')).toBe('/settings/users?page=2');
    expect(safeRedirect('//evil.example/x')).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
  });
});
