// The month grid of the review calendar: pure date arithmetic on `YYYY-MM-DD` strings (calendar days, no zones).

/** `YYYY-MM` of a day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function toDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function parseMonth(month: string): { y: number; m: number } {
  const [y, m] = month.split('-').map(Number);
  return { y: y ?? 1970, m: (m ?? 1) - 1 };
}

/** The first and last day of a month: the calendar's `due_from` and `due_to`. */
export function monthBounds(month: string): { from: string; to: string } {
  const { y, m } = parseMonth(month);
  return { from: toDay(new Date(Date.UTC(y, m, 1))), to: toDay(new Date(Date.UTC(y, m + 1, 0))) };
}

/** The month `delta` months from `month` (negative: earlier). */
export function shiftMonth(month: string, delta: number): string {
  const { y, m } = parseMonth(month);
  return toDay(new Date(Date.UTC(y, m + delta, 1))).slice(0, 7);
}

/**
 * The weeks shown for a month: whole weeks starting on `weekStart` (0 Sunday, as Japanese calendars do; 1 Monday),
 * the days before the 1st and after the last from the neighbouring months.
 */
export function monthGrid(month: string, weekStart: 0 | 1): { day: string; inMonth: boolean }[][] {
  const { y, m } = parseMonth(month);
  const first = new Date(Date.UTC(y, m, 1));
  const lead = (first.getUTCDay() - weekStart + 7) % 7;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const weeks = Math.ceil((lead + last) / 7);
  return Array.from({ length: weeks }, (_, w) =>
    Array.from({ length: 7 }, (_, d) => {
      const date = new Date(Date.UTC(y, m, 1 - lead + w * 7 + d));
      return { day: toDay(date), inMonth: date.getUTCMonth() === m };
    }),
  );
}

/** The weekday a grid column shows, as a day to format (2023-01-01 was a Sunday). */
export function weekdayOfColumn(column: number, weekStart: 0 | 1): string {
  return `2023-01-0${1 + ((column + weekStart) % 7)}`;
}

/** Items by their due day, in the order given. */
export function byDay<T extends { due_date: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.due_date);
    if (list) list.push(item);
    else map.set(item.due_date, [item]);
  }
  return map;
}

/** How many pages of `size` hold `total` items (at least one request is made). */
export function pagesNeeded(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}
