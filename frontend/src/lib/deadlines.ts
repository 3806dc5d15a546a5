// How a deadline reads and how loud it is, wherever one is shown (incident list and page, dashboard, vendor page).

/** Overdue in red, three days or fewer in orange, the rest quiet. */
export type DeadlineTone = 'overdue' | 'soon' | 'later';

export const SOON_DAYS = 3;

/**
 * The tone of a deadline `daysLeft` days away (negative: late). `overdue` is the API's own judgement against the
 * exact due time, which can come before the calendar day ends (a contract's notice hours).
 */
export function deadlineTone(daysLeft: number | null | undefined, overdue = false): DeadlineTone | null {
  if (overdue) return 'overdue';
  if (daysLeft === null || daysLeft === undefined) return null;
  if (daysLeft < 0) return 'overdue';
  return daysLeft <= SOON_DAYS ? 'soon' : 'later';
}

export type Countdown = { key: 'today' | 'left' | 'over' | 'passed'; count: number };

/**
 * The countdown's wording: "today", "N days left", "N days over", or "passed" for a due time already gone on a day
 * not yet over (a contract's notice hours).
 */
export function countdown(daysLeft: number, overdue = false): Countdown {
  if (overdue && daysLeft >= 0) return { key: 'passed', count: 0 };
  if (daysLeft === 0) return { key: 'today', count: 0 };
  return daysLeft > 0 ? { key: 'left', count: daysLeft } : { key: 'over', count: -daysLeft };
}
