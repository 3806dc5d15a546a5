import type { TFunction } from 'i18next';
import { diffRows } from '../../lib/auditDiff';

// An instant as the API writes it in a change: ISO 8601 with `T`, or with a space (how the backend's audit snapshot
// renders a datetime).
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export type ValueFormat = { dateTime: (iso: string) => string; day: (d: string) => string; number: (n: number) => string };

/** One value of an incident change in words: labels for codes, local time for instants, yes/no for flags. */
export function changeValue(t: TFunction, f: ValueFormat, field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('incidents.timeline.empty_value');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return f.number(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return t('incidents.timeline.empty_value');
    const one = (v: unknown) =>
      field === 'data_categories' ? t(`vendors.dataCategories.${String(v)}` as 'vendors.dataCategories.ordinary', { defaultValue: String(v) }) : String(v);
    return value.map(one).join(t('common.listSeparator'));
  }
  if (typeof value === 'string') {
    if (field === 'status') return t(`incidents.statuses.${value}` as 'incidents.statuses.closed', { defaultValue: value });
    if (field === 'gdpr_risk') return t(`incidents.gdprRisks.${value}` as 'incidents.gdprRisks.risk', { defaultValue: value });
    if (INSTANT.test(value)) return f.dateTime(value.replace(' ', 'T'));
    if (DAY.test(value)) return f.day(value);
    return value;
  }
  return JSON.stringify(value);
}

export type ChangeLine = { field: string; label: string; before: string; after: string };

/** The `changes` of a timeline event ({before, after}) as one line per field. */
export function changeLines(t: TFunction, f: ValueFormat, changes: Record<string, unknown> | null | undefined): ChangeLine[] {
  if (!changes) return [];
  return diffRows(changes).map((r) => ({
    field: r.field,
    label: fieldLabel(t, r.field),
    before: changeValue(t, f, r.field, r.before),
    after: changeValue(t, f, r.field, r.after),
  }));
}

const OBLIGATION_FIELDS: Record<string, string> = {
  done_at: 'incidents.obligations.doneAt',
  reference: 'incidents.obligations.referenceLabel',
  note: 'incidents.obligations.noteLabel',
  waived_reason: 'incidents.obligations.waiveReason',
};

function fieldLabel(t: TFunction, field: string): string {
  const key = OBLIGATION_FIELDS[field] ?? `incidents.fields.${field}`;
  return t(key as 'incidents.fields.title', { defaultValue: field });
}
