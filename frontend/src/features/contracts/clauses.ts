import type { ClauseInput, ClauseRead, ClauseRequirementRead, GapRowRead, ParameterRead, Status } from '../../client/types.gen';

export type ParamValue = number | boolean | string | null;

/** One library requirement as the editor holds it: ticked or not, with what the contract states. */
export type ClauseDraft = {
  included: boolean;
  values: Record<string, ParamValue>;
  article: string;
  excerpt: string;
};

export type ClauseDrafts = Record<string, ClauseDraft>;

/** A draft for every library requirement, filled from the contract's clauses where it has them. */
export function clauseDrafts(requirements: readonly ClauseRequirementRead[], clauses: readonly ClauseRead[] = []): ClauseDrafts {
  const byKey = new Map(clauses.map((c) => [c.requirement_key, c]));
  const drafts: ClauseDrafts = {};
  for (const r of requirements) {
    const c = byKey.get(r.key);
    drafts[r.key] = {
      included: !!c,
      values: Object.fromEntries(r.parameters.map((p) => [p.name, c?.values[p.name] ?? null])),
      article: c?.article ?? '',
      excerpt: c?.excerpt ?? '',
    };
  }
  return drafts;
}

/**
 * The clauses to send, in library order: only the ticked ones, each with the values it states. An empty
 * text or number is "not stated" (left out) so that the gap report can say so, rather than a blank value.
 */
export function clauseInputs(requirements: readonly ClauseRequirementRead[], drafts: ClauseDrafts): ClauseInput[] {
  const inputs: ClauseInput[] = [];
  for (const r of requirements) {
    const d = drafts[r.key];
    if (!d?.included) continue;
    const values: Record<string, ParamValue> = {};
    for (const p of r.parameters) {
      const v = d.values[p.name];
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') {
        if (v.trim()) values[p.name] = v.trim();
      } else values[p.name] = v;
    }
    inputs.push({ requirement_key: r.key, values, article: d.article.trim() || null, excerpt: d.excerpt.trim() || null });
  }
  return inputs;
}

/** A clause of the library is applied under the organisation's profile, or required for My Number data it covers. */
export function effectiveLevel(r: ClauseRequirementRead, coversMyNumber: boolean): ClauseRequirementRead['level'] {
  if (coversMyNumber && r.required_for_my_number) return 'required';
  return r.level;
}

/** The kind of policy hint a parameter gets next to its input. */
export type PolicyHint = { kind: 'max' | 'min'; limit: number; unit: string | null } | { kind: 'must_be_true' } | null;

export function policyHint(p: ParameterRead): PolicyHint {
  if ((p.compare === 'max' || p.compare === 'min') && p.limit !== null) return { kind: p.compare, limit: p.limit, unit: p.unit };
  if (p.compare === 'must_be_true') return { kind: 'must_be_true' };
  return null;
}

export const GAP_ORDER: readonly Status[] = ['missing', 'weaker', 'met'];

/** The report's rows by status (missing, weaker, met), required before desirable within each. */
export function groupGaps(rows: readonly GapRowRead[]): Record<Status, GapRowRead[]> {
  const groups: Record<Status, GapRowRead[]> = { missing: [], weaker: [], met: [] };
  for (const row of rows) groups[row.status].push(row);
  for (const s of GAP_ORDER) groups[s].sort((a, b) => (a.level === b.level ? 0 : a.level === 'required' ? -1 : 1));
  return groups;
}
