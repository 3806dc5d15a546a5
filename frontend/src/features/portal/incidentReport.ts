import type { DataCategory, PortalIncident, PortalIncidentReport, PortalIncidentUpdate } from '../../client/types.gen';
import { zoneOffsetMinutes } from '../../lib/format';
import { parseNumber } from './answers';

/**
 * The vendor's incident report as the form holds it. Field names are the API's (so a 422 `loc` lands on
 * its field). Times are wall
 * times typed in the portal's zone (`YYYY-MM-DDTHH:mm`), counts are text (full-width digits allowed),
 * and the two judgements stay unanswered ('') until the contact picks one.
 */
export type ReportValues = {
  title: string;
  occurred_at: string;
  discovered_at: string;
  description: string;
  data_categories: DataCategory[];
  data_items: string;
  affected_persons_estimate: string;
  affected_persons_max: string;
  cause: string;
  wrongful_intent_possible: '' | 'yes' | 'no';
  strongly_encrypted: '' | 'yes' | 'no';
  containment: string;
  next_steps: string;
  contact_point: string;
};

export const REPORT_FIELDS = [
  'title',
  'occurred_at',
  'discovered_at',
  'description',
  'data_categories',
  'data_items',
  'affected_persons_estimate',
  'affected_persons_max',
  'cause',
  'wrongful_intent_possible',
  'strongly_encrypted',
  'containment',
  'next_steps',
  'contact_point',
] as const satisfies readonly (keyof ReportValues)[];

export function emptyReport(contactPoint = ''): ReportValues {
  return {
    title: '',
    occurred_at: '',
    discovered_at: '',
    description: '',
    data_categories: [],
    data_items: '',
    affected_persons_estimate: '',
    affected_persons_max: '',
    cause: '',
    wrongful_intent_possible: '',
    strongly_encrypted: '',
    containment: '',
    next_steps: '',
    contact_point: contactPoint,
  };
}

// --- times ----------------------------------------------------------------------------------------------------------

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `2026-11-26T09:30` read in the zone → the instant (ISO 8601, UTC); null when it is not such a time. */
export function wallToIso(wall: string, timeZone: string): string | null {
  const m = WALL.exec(wall.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  let instant = asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60_000;
  const corrected = asUtc - zoneOffsetMinutes(instant, timeZone) * 60_000; // across a DST change
  if (corrected !== instant) instant = corrected;
  return new Date(instant).toISOString();
}

/** An instant → the wall time in the zone as a datetime-local input holds it (`YYYY-MM-DDTHH:mm`). */
export function isoToWall(instant: string | number | Date, timeZone: string): string {
  const at = new Date(instant).getTime();
  const shifted = new Date(at + zoneOffsetMinutes(at, timeZone) * 60_000);
  return shifted.toISOString().slice(0, 16);
}

// --- checks before sending --------------------------------------------------------------------------------------------

/** What the form says under a field, as a message key of `portal.incidents.form.errors`. */
export type ReportError =
  | 'required'
  | 'choose'
  | 'time'
  | 'future'
  | 'beforeOccurred'
  | 'wholeNumber'
  | 'maxBelowEstimate';

/** A count as typed: null when empty, undefined when it is not a whole number of 0 or more. */
export function parseCount(text: string): number | null | undefined {
  const n = parseNumber(text);
  if (n === null || n === undefined) return n;
  return Number.isInteger(n) && n >= 0 && n <= 1e10 ? n : undefined;
}

/** The estimate and the maximum together: each a whole number, and the maximum not below the estimate. */
export function checkCounts(estimate: string, maximum: string): Partial<Record<'affected_persons_estimate' | 'affected_persons_max', ReportError>> {
  const errors: Partial<Record<'affected_persons_estimate' | 'affected_persons_max', ReportError>> = {};
  const est = parseCount(estimate);
  const most = parseCount(maximum);
  if (est === undefined) errors.affected_persons_estimate = 'wholeNumber';
  if (most === undefined) errors.affected_persons_max = 'wholeNumber';
  else if (typeof est === 'number' && typeof most === 'number' && most < est) errors.affected_persons_max = 'maxBelowEstimate';
  return errors;
}

/** Everything the API would refuse, found before sending; `now` is the instant the check is made. */
export function checkReport(values: ReportValues, timeZone: string, now: number = Date.now()): Partial<Record<keyof ReportValues, ReportError>> {
  const errors: Partial<Record<keyof ReportValues, ReportError>> = {};
  if (!values.title.trim()) errors.title = 'required';
  if (!values.description.trim()) errors.description = 'required';
  if (!values.wrongful_intent_possible) errors.wrongful_intent_possible = 'choose';
  if (!values.strongly_encrypted) errors.strongly_encrypted = 'choose';

  const discovered = values.discovered_at ? wallToIso(values.discovered_at, timeZone) : null;
  const occurred = values.occurred_at ? wallToIso(values.occurred_at, timeZone) : null;
  if (!values.discovered_at) errors.discovered_at = 'required';
  else if (!discovered) errors.discovered_at = 'time';
  else if (Date.parse(discovered) > now) errors.discovered_at = 'future';
  if (values.occurred_at && !occurred) errors.occurred_at = 'time';
  else if (occurred && Date.parse(occurred) > now) errors.occurred_at = 'future';
  else if (occurred && discovered && Date.parse(discovered) < Date.parse(occurred)) errors.discovered_at = 'beforeOccurred';

  return { ...errors, ...checkCounts(values.affected_persons_estimate, values.affected_persons_max) };
}

// --- what is sent ---------------------------------------------------------------------------------------------------

const text = (v: string): string | null => (v.trim() ? v.trim() : null);

/** The request body: instants in UTC, numbers, booleans, and null for empty text. */
export function reportBody(values: ReportValues, timeZone: string): PortalIncidentReport {
  return {
    title: values.title.trim(),
    occurred_at: values.occurred_at ? wallToIso(values.occurred_at, timeZone) : null,
    discovered_at: wallToIso(values.discovered_at, timeZone) ?? values.discovered_at,
    description: values.description.trim(),
    data_categories: values.data_categories,
    data_items: text(values.data_items),
    affected_persons_estimate: parseCount(values.affected_persons_estimate) ?? null,
    affected_persons_max: parseCount(values.affected_persons_max) ?? null,
    cause: text(values.cause),
    wrongful_intent_possible: values.wrongful_intent_possible === 'yes',
    strongly_encrypted: values.strongly_encrypted === 'yes',
    containment: text(values.containment),
    next_steps: text(values.next_steps),
    contact_point: text(values.contact_point),
  };
}

// --- updates --------------------------------------------------------------------------------------------------------

/** A follow-up as the form holds it: the message, and the facts as the contact now states them. */
export type UpdateValues = {
  message: string;
  affected_persons_estimate: string;
  affected_persons_max: string;
  data_items: string;
  cause: string;
  containment: string;
  next_steps: string;
  wrongful_intent_possible: 'yes' | 'no';
};

export const UPDATE_FIELDS = [
  'message',
  'affected_persons_estimate',
  'affected_persons_max',
  'data_items',
  'cause',
  'containment',
  'next_steps',
  'wrongful_intent_possible',
] as const satisfies readonly (keyof UpdateValues)[];

const TEXT_FACTS = ['data_items', 'cause', 'containment', 'next_steps'] as const;

/** The form of a follow-up starts from the facts as they stand, so the contact changes only what is new. */
export function updateValues(incident: PortalIncident): UpdateValues {
  return {
    message: '',
    affected_persons_estimate: incident.affected_persons_estimate?.toString() ?? '',
    affected_persons_max: incident.affected_persons_max?.toString() ?? '',
    data_items: incident.data_items ?? '',
    cause: incident.cause ?? '',
    containment: incident.containment ?? '',
    next_steps: incident.next_steps ?? '',
    wrongful_intent_possible: incident.wrongful_intent_possible ? 'yes' : 'no',
  };
}

/**
 * Only what changed goes out: the API leaves an omitted fact as it was (and cannot empty one, so a
 * cleared field is left out too).
 */
export function updateBody(incident: PortalIncident, values: UpdateValues): PortalIncidentUpdate {
  const body: PortalIncidentUpdate = { message: values.message.trim() };
  const est = parseCount(values.affected_persons_estimate);
  const most = parseCount(values.affected_persons_max);
  if (typeof est === 'number' && est !== incident.affected_persons_estimate) body.affected_persons_estimate = est;
  if (typeof most === 'number' && most !== incident.affected_persons_max) body.affected_persons_max = most;
  for (const key of TEXT_FACTS) {
    const now = text(values[key]);
    if (now !== null && now !== (incident[key] ?? '').trim()) body[key] = now;
  }
  const intent = values.wrongful_intent_possible === 'yes';
  if (intent !== incident.wrongful_intent_possible) body.wrongful_intent_possible = intent;
  return body;
}

/** The follow-up's checks: a message, whole numbers, and the maximum as it will stand not below the estimate. */
export function checkUpdate(incident: PortalIncident, values: UpdateValues): Partial<Record<keyof UpdateValues, ReportError>> {
  const errors: Partial<Record<keyof UpdateValues, ReportError>> = {};
  if (!values.message.trim()) errors.message = 'required';
  // An emptied count keeps the value the company has (see updateBody), so compare with that.
  const est = parseCount(values.affected_persons_estimate);
  const most = parseCount(values.affected_persons_max);
  const estText = est === null ? (incident.affected_persons_estimate?.toString() ?? '') : values.affected_persons_estimate;
  const mostText = most === null ? (incident.affected_persons_max?.toString() ?? '') : values.affected_persons_max;
  return { ...errors, ...checkCounts(estText, mostText) };
}

/** The follow-ups the vendor sent after its report (the report itself is an event of the timeline too). */
export function followUps(incident: PortalIncident): PortalIncident['updates'] {
  return incident.updates.filter((u) => u.kind === 'vendor_update');
}

/** When the vendor last told the company something: its latest follow-up, or the report itself. */
export function lastActivity(incident: PortalIncident): string | null {
  return followUps(incident).at(-1)?.at ?? incident.notified_at;
}

// --- the API's refusals ---------------------------------------------------------------------------------------------

/**
 * The incident rules the API checks in words of its own (times in the future or out of order, the
 * maximum below the estimate), as the form's messages: `[field, error]` for each one recognised. The
 * rest of a 422 (lengths, types) is left to the shared mapping of lib/forms.
 */
export function incidentRefusals(detail: unknown): [string, ReportError][] {
  if (!Array.isArray(detail)) return [];
  const found: [string, ReportError][] = [];
  for (const item of detail as { loc?: unknown; msg?: unknown }[]) {
    if (!item || !Array.isArray(item.loc) || typeof item.msg !== 'string') continue;
    const field = String(item.loc.filter((p) => p !== 'body').at(0) ?? '');
    const error: ReportError | null = /in the future/.test(item.msg)
      ? 'future'
      : /below the estimate/.test(item.msg)
        ? 'maxBelowEstimate'
        : /is before occurred_at/.test(item.msg)
          ? 'beforeOccurred'
          : null;
    if (field && error) found.push([field, error]);
  }
  return found;
}
