import type { AccessChange, AccessChangeEntry, PortalReportSave, PortalVendorReport } from '../../client/types.gen';

/**
 * The vendor's periodic report as the form holds it. Field names are the API's (so a 422 `loc` lands on
 * its field); yes/no questions stay unanswered ('') until the contact picks one, dates are `YYYY-MM-DD`
 * as a date input holds them, and each access-change row carries a `key` for React only.
 */
export type YesNo = '' | 'yes' | 'no';

export type AccessRow = {
  key: string;
  person: string;
  change: '' | AccessChange;
  changed_on: string;
  applied: boolean;
  applied_on: string;
};

export type ReportValues = {
  handling: string;
  incidents_occurred: YesNo;
  incident_summary: string;
  incident_id: string;
  access_changes: AccessRow[];
  access_changes_applied: YesNo;
  measures_changed: YesNo;
  measures_changes: string;
};

export const REPORT_FIELDS = [
  'handling',
  'incidents_occurred',
  'incident_summary',
  'incident_id',
  'access_changes',
  'access_changes_applied',
  'measures_changed',
  'measures_changes',
] as const satisfies readonly (keyof ReportValues)[];

export type ReportStatus = PortalVendorReport['status'];

/** The vendor may write while nothing is sent, and again when staff asked a question. */
export function isEditable(status: ReportStatus): boolean {
  return status === 'not_started' || status === 'draft' || status === 'queried';
}

/** Still the vendor's move: shown first and marked overdue when late (a sent report is no longer late). */
export function isOwed(report: Pick<PortalVendorReport, 'status'>): boolean {
  return isEditable(report.status);
}

let rowCounter = 0;
function rowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}`;
}

export function emptyRow(): AccessRow {
  return { key: rowKey(), person: '', change: '', changed_on: '', applied: false, applied_on: '' };
}

const yesNo = (v: boolean | null | undefined): YesNo => (v === true ? 'yes' : v === false ? 'no' : '');

/** The form starts from what was saved before (or from nothing on a report not yet started). */
export function reportValues(report: PortalVendorReport): ReportValues {
  return {
    handling: report.handling ?? '',
    incidents_occurred: yesNo(report.incidents_occurred),
    incident_summary: report.incident_summary ?? '',
    incident_id: report.incident_id ?? '',
    access_changes: report.access_changes.map((c) => ({
      key: rowKey(),
      person: c.person,
      change: c.change,
      changed_on: c.changed_on,
      applied: c.applied,
      applied_on: c.applied_on ?? '',
    })),
    access_changes_applied: yesNo(report.access_changes_applied),
    measures_changed: yesNo(report.measures_changed),
    measures_changes: report.measures_changes ?? '',
  };
}

/** A row added and left untouched is not a change anybody reported: it is not sent. */
export function isBlankRow(row: AccessRow): boolean {
  return !row.person.trim() && !row.change && !row.changed_on && !row.applied && !row.applied_on;
}

/** The form's index of each row that goes out, in the order the API numbers them (for its 422 `loc`). */
export function sentRows(values: ReportValues): number[] {
  return values.access_changes.flatMap((row, i) => (isBlankRow(row) ? [] : [i]));
}

// --- checks before sending --------------------------------------------------------------------------------------------

/** What the form says under a field, as a message key of `portalMonitoring.report.errors`. */
export type ReportError = 'required' | 'choose' | 'date' | 'notAllApplied' | 'unknownIncident' | 'invalid';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

type Errors = Record<string, ReportError>;

/**
 * A row the API would refuse even in a draft (it takes a row only whole): who, what, when, and dates that
 * are dates. Keys are the form's paths (`access_changes.0.person`).
 */
export function checkRows(rows: AccessRow[]): Errors {
  const errors: Errors = {};
  rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const at = `access_changes.${i}`;
    if (!row.person.trim()) errors[`${at}.person`] = 'required';
    if (!row.change) errors[`${at}.change`] = 'choose';
    if (!row.changed_on) errors[`${at}.changed_on`] = 'required';
    else if (!isDay(row.changed_on)) errors[`${at}.changed_on`] = 'date';
    if (row.applied_on && !isDay(row.applied_on)) errors[`${at}.applied_on`] = 'date';
  });
  return errors;
}

/** What a draft needs: only rows that can be stored. */
export function checkDraft(values: ReportValues): Errors {
  return checkRows(values.access_changes);
}

/**
 * What a submission needs, as the API's `missing_answers` asks it (follow-up questions only where the
 * answer opens them), plus one thing the API does not check: "every change was applied" cannot be
 * confirmed while a row says it was not.
 */
export function checkSubmit(values: ReportValues): Errors {
  const errors: Errors = { ...checkRows(values.access_changes) };
  if (!values.handling.trim()) errors.handling = 'required';
  if (!values.incidents_occurred) errors.incidents_occurred = 'choose';
  else if (values.incidents_occurred === 'yes' && !values.incident_summary.trim()) errors.incident_summary = 'required';
  const rows = sentRows(values).map((i) => values.access_changes[i]!);
  if (rows.length > 0) {
    if (!values.access_changes_applied) errors.access_changes_applied = 'choose';
    else if (values.access_changes_applied === 'yes' && rows.some((r) => !r.applied)) errors.access_changes_applied = 'notAllApplied';
  }
  if (!values.measures_changed) errors.measures_changed = 'choose';
  else if (values.measures_changed === 'yes' && !values.measures_changes.trim()) errors.measures_changes = 'required';
  return errors;
}

// --- what is sent ---------------------------------------------------------------------------------------------------

const text = (v: string): string | null => (v.trim() ? v.trim() : null);
const bool = (v: YesNo): boolean | null => (v === 'yes' ? true : v === 'no' ? false : null);

/**
 * The request body. Follow-up answers travel only under the answer that opens them (a "no" clears the
 * summary, the incident and the description of changed measures), and the confirmation only with rows.
 */
export function reportBody(values: ReportValues, version: number | null, submit: boolean): PortalReportSave {
  const incidents = bool(values.incidents_occurred);
  const measures = bool(values.measures_changed);
  const rows = sentRows(values).map((i) => values.access_changes[i]!);
  const access_changes: AccessChangeEntry[] = rows.map((r) => ({
    person: r.person.trim(),
    change: r.change as AccessChange,
    changed_on: r.changed_on,
    applied: r.applied,
    applied_on: r.applied && r.applied_on ? r.applied_on : null,
  }));
  return {
    handling: text(values.handling),
    incidents_occurred: incidents,
    incident_summary: incidents ? text(values.incident_summary) : null,
    incident_id: incidents && values.incident_id ? values.incident_id : null,
    access_changes,
    access_changes_applied: rows.length > 0 ? bool(values.access_changes_applied) : null,
    measures_changed: measures,
    measures_changes: measures ? text(values.measures_changes) : null,
    version,
    submit,
  };
}

// --- the API's refusals ---------------------------------------------------------------------------------------------

const YES_NO_FIELDS = new Set(['incidents_occurred', 'access_changes_applied', 'measures_changed']);

/**
 * The 422 `detail` list (`[{loc: ["body", field, ...]}]`) of a refused save or submission, as the form's
 * paths and messages: a missing answer of `vendor_report_incomplete` says "required" or "choose", an
 * incident that is not the vendor's (`invalid_monitoring`) is named as such, an access-change row's field is found through the rows that were sent (blank rows are not), and anything
 * else about a known field is "invalid". Entries that name no field of the form are left out.
 */
export function reportRefusals(detail: unknown, sent: number[]): [string, ReportError][] {
  if (!Array.isArray(detail)) return [];
  const found: [string, ReportError][] = [];
  for (const item of detail as { loc?: unknown; type?: unknown }[]) {
    if (!item || !Array.isArray(item.loc)) continue;
    const parts = item.loc.filter((p) => p !== 'body');
    const field = String(parts[0] ?? '');
    if (!(REPORT_FIELDS as readonly string[]).includes(field)) continue;
    if (field === 'access_changes' && typeof parts[1] === 'number') {
      const row = sent[parts[1]];
      const sub = String(parts[2] ?? 'person');
      if (row === undefined) continue;
      const error: ReportError = item.type === 'missing' ? 'required' : sub === 'changed_on' || sub === 'applied_on' ? 'date' : 'invalid';
      found.push([`access_changes.${row}.${sub}`, error]);
      continue;
    }
    if (field === 'incident_id') {
      found.push([field, 'unknownIncident']);
      continue;
    }
    const missing = item.type === 'invalid' || item.type === 'missing';
    found.push([field, missing ? (YES_NO_FIELDS.has(field) ? 'choose' : 'required') : 'invalid']);
  }
  return found;
}

// --- the period -----------------------------------------------------------------------------------------------------

export type Cadence = 'monthly' | 'quarterly' | 'half_yearly' | 'yearly' | 'other';

/** How long a report's period is, read from its dates (whole calendar months from the 1st). */
export function reportCadence(start: string, end: string): Cadence {
  const [sy, sm, sd] = start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = end.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(ey, em, 0)).getUTCDate();
  if (sd !== 1 || ed !== lastDay) return 'other';
  const months = (ey - sy) * 12 + (em - sm) + 1;
  return months === 1 ? 'monthly' : months === 3 ? 'quarterly' : months === 6 ? 'half_yearly' : months === 12 ? 'yearly' : 'other';
}

/** A month as people name it: 2026年1月, January 2026. */
export function monthName(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day.slice(0, 7)}-01T00:00:00Z`));
}
