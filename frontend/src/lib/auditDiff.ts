export type DiffKind = 'added' | 'removed' | 'changed';
export type DiffRow = { field: string; before: unknown; after: unknown; kind: DiffKind };

type Side = Record<string, unknown> | null | undefined;

function side(value: unknown): Side {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

// The order people read a record in; unknown fields follow alphabetically.
const FIELD_ORDER = [
  'name',
  'name_kana',
  'email',
  'role',
  'is_active',
  'scopes',
  'prefix',
  'revoked_at',
  'locale',
  'time_zone',
  'jurisdiction',
  'status',
  'tier',
  'tier_override',
  'tier_override_reason',
];

/** The audit event's `changes` ({before, after}, each only the fields that changed) as rows. */
export function diffRows(changes: Record<string, unknown>): DiffRow[] {
  const before = side(changes.before);
  const after = side(changes.after);
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  fields.sort((a, b) => {
    const ia = FIELD_ORDER.indexOf(a);
    const ib = FIELD_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  return fields.map((field) => {
    const inBefore = !!before && field in before;
    const inAfter = !!after && field in after;
    return {
      field,
      before: inBefore ? before[field] : undefined,
      after: inAfter ? after[field] : undefined,
      kind: inBefore && inAfter ? 'changed' : inAfter ? 'added' : 'removed',
    };
  });
}
