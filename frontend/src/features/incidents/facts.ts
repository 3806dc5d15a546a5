import type { TFunction } from 'i18next';
import type { DataCategory, GdprRisk, IncidentRead } from '../../client/types.gen';
import { asApiError } from '../../lib/errors';
import { instantOfWallTime, wallTimeInZone } from '../../lib/format';
import { fieldErrorMessage } from '../../lib/forms';

// The facts of an incident as a form holds them (times as wall times in the user's zone, empty text for unknown),
// and back to the API's shape.

export const TIME_FIELDS = ['occurred_at', 'vendor_discovered_at', 'vendor_notified_at', 'aware_at'] as const;
export const FLAG_FIELDS = [
  'wrongful_intent_possible',
  'data_being_acquired',
  'strongly_encrypted',
] as const;
export const MY_NUMBER_FLAGS = ['my_number_system', 'wrongful_use', 'publicly_viewable'] as const;
export const TEXT_FIELDS = ['title', 'discovered_by', 'data_items', 'description', 'cause', 'containment'] as const;
/** The rest of the nine report items (REGULATION.md §1.7), filled in as they become known. */
export const REPORT_FIELDS = [
  'secondary_harm',
  'individual_response',
  'publication_status',
  'measures_done',
  'measures_planned',
  'other',
  'contact_point',
] as const;

type TimeField = (typeof TIME_FIELDS)[number];
type Flag = (typeof FLAG_FIELDS)[number] | (typeof MY_NUMBER_FLAGS)[number] | 'secondary_harm_occurred';
type TextField = (typeof TEXT_FIELDS)[number] | (typeof REPORT_FIELDS)[number];
export type Financial = 'auto' | 'yes' | 'no';

export type FactValues = Record<TimeField, string> &
  Record<Flag, boolean> &
  Record<TextField, string> & {
    contract_id: string | null;
    processing_ids: string[];
    data_categories: DataCategory[];
    affected_persons_estimate: number | string;
    affected_persons_max: number | string;
    financial_damage_possible: Financial;
    gdpr_risk: GdprRisk;
  };

export const FORM_FIELDS: readonly string[] = [
  ...TIME_FIELDS,
  ...FLAG_FIELDS,
  ...MY_NUMBER_FLAGS,
  'secondary_harm_occurred',
  ...TEXT_FIELDS,
  ...REPORT_FIELDS,
  'vendor_id',
  'contract_id',
  'processing_ids',
  'data_categories',
  'affected_persons_estimate',
  'affected_persons_max',
  'financial_damage_possible',
  'gdpr_risk',
];

function blankText(): Record<TextField, string> {
  return Object.fromEntries([...TEXT_FIELDS, ...REPORT_FIELDS].map((k) => [k, ''])) as Record<TextField, string>;
}

/** A new incident: we became aware now, nothing else known yet. */
export function emptyFacts(now: Date, timeZone: string): FactValues {
  return {
    ...blankText(),
    occurred_at: '',
    vendor_discovered_at: '',
    vendor_notified_at: '',
    aware_at: wallTimeInZone(now, timeZone),
    wrongful_intent_possible: false,
    data_being_acquired: false,
    strongly_encrypted: false,
    my_number_system: false,
    wrongful_use: false,
    publicly_viewable: false,
    secondary_harm_occurred: false,
    contract_id: null,
    processing_ids: [],
    data_categories: [],
    affected_persons_estimate: '',
    affected_persons_max: '',
    financial_damage_possible: 'auto',
    gdpr_risk: 'risk',
  };
}

/** The form's values for an incident as the API returned it. */
export function factsOf(i: IncidentRead, timeZone: string): FactValues {
  const time = (v: string | null) => (v ? wallTimeInZone(v, timeZone) : '');
  const text = Object.fromEntries([...TEXT_FIELDS, ...REPORT_FIELDS].map((k) => [k, i[k] ?? ''])) as Record<TextField, string>;
  return {
    ...text,
    occurred_at: time(i.occurred_at),
    vendor_discovered_at: time(i.vendor_discovered_at),
    vendor_notified_at: time(i.vendor_notified_at),
    aware_at: time(i.aware_at),
    wrongful_intent_possible: i.wrongful_intent_possible,
    data_being_acquired: i.data_being_acquired,
    strongly_encrypted: i.strongly_encrypted,
    my_number_system: i.my_number_system,
    wrongful_use: i.wrongful_use,
    publicly_viewable: i.publicly_viewable,
    secondary_harm_occurred: i.secondary_harm_occurred,
    contract_id: i.contract_id,
    processing_ids: i.processing_ids,
    data_categories: i.data_categories,
    affected_persons_estimate: i.affected_persons_estimate ?? '',
    affected_persons_max: i.affected_persons_max ?? '',
    financial_damage_possible: i.financial_damage_possible === null ? 'auto' : i.financial_damage_possible ? 'yes' : 'no',
    gdpr_risk: i.gdpr_risk,
  };
}

const count = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? null : Number(v));
const text = (v: string) => (v.trim() === '' ? null : v.trim());

/** The values in the API's shape (instants in UTC, null for unknown). */
export function factsBody(v: FactValues, timeZone: string) {
  const time = (w: string) => (w.trim() === '' ? null : instantOfWallTime(w, timeZone));
  return {
    title: v.title.trim(),
    occurred_at: time(v.occurred_at),
    vendor_discovered_at: time(v.vendor_discovered_at),
    vendor_notified_at: time(v.vendor_notified_at),
    aware_at: time(v.aware_at),
    discovered_by: text(v.discovered_by),
    contract_id: v.contract_id,
    processing_ids: v.processing_ids,
    data_categories: v.data_categories,
    data_items: text(v.data_items),
    affected_persons_estimate: count(v.affected_persons_estimate),
    affected_persons_max: count(v.affected_persons_max),
    financial_damage_possible: v.financial_damage_possible === 'auto' ? null : v.financial_damage_possible === 'yes',
    wrongful_intent_possible: v.wrongful_intent_possible,
    data_being_acquired: v.data_being_acquired,
    strongly_encrypted: v.strongly_encrypted,
    my_number_system: v.my_number_system,
    wrongful_use: v.wrongful_use,
    publicly_viewable: v.publicly_viewable,
    gdpr_risk: v.gdpr_risk,
    description: text(v.description),
    cause: text(v.cause),
    containment: text(v.containment),
    secondary_harm_occurred: v.secondary_harm_occurred,
    secondary_harm: text(v.secondary_harm),
    individual_response: text(v.individual_response),
    publication_status: text(v.publication_status),
    measures_done: text(v.measures_done),
    measures_planned: text(v.measures_planned),
    other: text(v.other),
    contact_point: text(v.contact_point),
  };
}

export type FactsBody = ReturnType<typeof factsBody>;

/** Only what the person changed, so the timeline shows exactly that and nothing else is overwritten. */
export function factsPatch(initial: FactValues, current: FactValues, timeZone: string): Partial<FactsBody> {
  const before = factsBody(initial, timeZone);
  const after = factsBody(current, timeZone);
  const patch: Partial<FactsBody> = {};
  for (const key of Object.keys(after) as (keyof FactsBody)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) (patch as Record<string, unknown>)[key] = after[key];
  }
  return patch;
}

/**
 * The server's rules, checked before sending: the maximum not below the estimate, no time in the future (a few
 * minutes of clock difference allowed, as the API does), and the times in their order.
 */
export function checkFacts(t: TFunction, v: FactValues, timeZone: string, now: Date): Record<string, string> {
  const errors: Record<string, string> = {};
  const est = count(v.affected_persons_estimate);
  const most = count(v.affected_persons_max);
  if (est !== null && most !== null && most < est) errors.affected_persons_max = t('incidents.form.maxBelowEstimate');
  const at: Partial<Record<TimeField, number>> = {};
  for (const field of TIME_FIELDS) {
    if (v[field].trim() === '') continue;
    const iso = instantOfWallTime(v[field], timeZone);
    if (iso === null) errors[field] = t('validation.invalid');
    else at[field] = Date.parse(iso);
  }
  if (!v.aware_at.trim()) errors.aware_at = t('validation.required');
  const order = ['occurred_at', 'vendor_discovered_at', 'vendor_notified_at'] as const;
  const known = order.filter((f) => at[f] !== undefined);
  for (let i = 1; i < known.length; i += 1) {
    if (at[known[i]!]! < at[known[i - 1]!]!) errors[known[i]!] = t('incidents.form.times.before_previous');
  }
  if (at.occurred_at !== undefined && at.aware_at !== undefined && at.aware_at < at.occurred_at) {
    errors.aware_at = t('incidents.form.times.aware_before_occurred');
  }
  const latest = now.getTime() + 10 * 60_000;
  for (const field of TIME_FIELDS) {
    if ((at[field] ?? 0) > latest) errors[field] = t('incidents.form.times.in_future');
  }
  return errors;
}

type FieldError = { loc: (string | number)[]; msg: string; type: string };

/** The API's 422 for an incident put on the form's fields; true when every error found its field. */
export function applyIncidentErrors(form: { setFieldError: (path: string, error: string) => void }, err: unknown, t: TFunction): boolean {
  const e = asApiError(err);
  if (e.status !== 422 || !Array.isArray(e.detail)) return false;
  let all = e.detail.length > 0;
  for (const item of e.detail as FieldError[]) {
    const field = item.loc.filter((p) => p !== 'body').map(String)[0] ?? '';
    if (!field && /affected_persons_max/.test(item.msg)) {
      form.setFieldError('affected_persons_max', t('incidents.form.maxBelowEstimate'));
    } else if (FORM_FIELDS.includes(field)) {
      form.setFieldError(field, incidentMessage(t, field, item));
    } else {
      all = false;
    }
  }
  return all;
}

function incidentMessage(t: TFunction, field: string, item: FieldError): string {
  if (item.type !== 'invalid') return fieldErrorMessage(t, item);
  if (/in the future/.test(item.msg)) return t('incidents.form.times.in_future');
  if (field === 'aware_at' && /before occurred_at/.test(item.msg)) return t('incidents.form.times.aware_before_occurred');
  if (/ is before /.test(item.msg)) return t('incidents.form.times.before_previous');
  if (field === 'affected_persons_max') return t('incidents.form.maxBelowEstimate');
  if (field === 'processing_ids' || field === 'contract_id') return t('validation.notFoundReference');
  return t('validation.invalid');
}
