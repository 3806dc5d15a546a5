import type { IncidentObligationRead, Kind } from '../../client/types.gen';

type Obligation = Pick<IncidentObligationRead, 'id' | 'jurisdiction' | 'kind' | 'party' | 'due_date' | 'due_at' | 'required' | 'status'>;

// The order a person works through them: the report first, then its final form, then the notices.
const KIND_ORDER: readonly Kind[] = [
  'notify_principal',
  'notify_controller',
  'authority_notification',
  'regulator_preliminary_report',
  'regulator_final_report',
  'notify_individuals',
];

/** Soonest due first; obligations without a due time (notice to individuals) after, in the order of the work. */
export function byDue<T extends Obligation>(a: T, b: T): number {
  const da = a.due_at ? Date.parse(a.due_at) : Infinity;
  const db = b.due_at ? Date.parse(b.due_at) : Infinity;
  if (da !== db) return da < db ? -1 : 1;
  return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.jurisdiction.localeCompare(b.jurisdiction);
}

/** Ours (the principal's reports and notices) and the vendor's notice to us, each soonest first. */
export function groupObligations<T extends Obligation>(obligations: readonly T[]): { principal: T[]; vendor: T[] } {
  const sorted = [...obligations].sort(byDue);
  return { principal: sorted.filter((o) => o.party === 'principal'), vendor: sorted.filter((o) => o.party === 'vendor') };
}

export type DeadlineChange =
  | { change: 'moved'; kind: Kind; jurisdiction: string; from: string; to: string }
  | { change: 'added'; kind: Kind; jurisdiction: string; to: string | null }
  | { change: 'removed'; kind: Kind; jurisdiction: string };

const slot = (o: Obligation) => `${o.jurisdiction}|${o.party}|${o.kind}`;

/**
 * What a save did to the deadlines: a due date that moved (30 → 60 days when wrongful intent becomes possible), an
 * obligation that became required, or one that no longer is.
 */
export function deadlineChanges(before: readonly Obligation[], after: readonly Obligation[]): DeadlineChange[] {
  const was = new Map(before.filter((o) => o.required).map((o) => [slot(o), o]));
  const now = new Map(after.filter((o) => o.required).map((o) => [slot(o), o]));
  const changes: DeadlineChange[] = [];
  for (const o of [...after].sort(byDue)) {
    if (!o.required) continue;
    const old = was.get(slot(o));
    if (!old) changes.push({ change: 'added', kind: o.kind, jurisdiction: o.jurisdiction, to: o.due_date });
    else if (old.due_date && o.due_date && old.due_date !== o.due_date) {
      changes.push({ change: 'moved', kind: o.kind, jurisdiction: o.jurisdiction, from: old.due_date, to: o.due_date });
    }
  }
  for (const o of [...before].sort(byDue)) {
    if (o.required && !now.has(slot(o))) changes.push({ change: 'removed', kind: o.kind, jurisdiction: o.jurisdiction });
  }
  return changes;
}
