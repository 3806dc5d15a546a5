import type { TFunction } from 'i18next';
import type { ContractGapsRead, GapCellRead, GapSummaryRead, Level, Status } from '../../client/types.gen';
import { intlLocale } from '../../lib/format';

export type OverviewSort = 'gaps' | 'vendor';

const requiredGaps = (s: GapSummaryRead) => s.required_missing + s.required_weaker;
const allGaps = (s: GapSummaryRead) => s.missing + s.weaker;

/**
 * The matrix's rows. By gaps: the contracts with the most required clauses missing or weaker first (what to take up
 * with a vendor first), then the most gaps of any level; by vendor: in the name order of the UI language. Ties keep
 * vendor, then title order, so that a vendor's contracts stay together.
 */
export function sortContracts(contracts: readonly ContractGapsRead[], sort: OverviewSort, lang: string): ContractGapsRead[] {
  const collator = new Intl.Collator(intlLocale(lang));
  const byName = (a: ContractGapsRead, b: ContractGapsRead) =>
    collator.compare(a.vendor_name, b.vendor_name) || collator.compare(a.title, b.title) || a.contract_id.localeCompare(b.contract_id);
  const byGaps = (a: ContractGapsRead, b: ContractGapsRead) =>
    requiredGaps(b.summary) - requiredGaps(a.summary) || allGaps(b.summary) - allGaps(a.summary) || byName(a, b);
  return [...contracts].sort(sort === 'vendor' ? byName : byGaps);
}

/** A contract's cells by requirement key; a requirement with no cell does not apply to the contract. */
export function cellsByKey(contract: Pick<ContractGapsRead, 'cells'>): ReadonlyMap<string, GapCellRead> {
  return new Map(contract.cells.map((c) => [c.key, c]));
}

/** What a cell says to a screen reader and in its tooltip: "不足（必須）", "Weaker than policy (Desirable)". */
export function cellLabel(t: TFunction, cell: { status: Status; level: Level }): string {
  return t('contracts.overview.cell', { status: t(`contracts.gaps.${cell.status}`), level: t(`contracts.levels.${cell.level}`) });
}

/**
 * A contract's gaps in words. `short` and `required` are what the table shows ("不足 3 · 弱い 1", "うち必須 2");
 * `full` is the sentence a screen reader gets instead. With nothing missing or weaker, `short` says so and
 * `required` is null.
 */
export function gapSummaryText(t: TFunction, s: GapSummaryRead): { short: string; required: string | null; full: string } {
  if (s.missing + s.weaker === 0) {
    const allMet = t('contracts.gapSummary.allMet');
    return { short: allMet, required: null, full: allMet };
  }
  const counts = { missing: s.missing, weaker: s.weaker };
  const required = requiredGaps(s);
  return {
    short: t('contracts.gapSummary.counts', counts),
    required: required > 0 ? t('contracts.gapSummary.required', { count: required }) : t('contracts.gapSummary.requiredMet'),
    full: [
      t('contracts.gapSummary.full', counts),
      required > 0 ? t('contracts.gapSummary.fullRequired', { count: required }) : t('contracts.gapSummary.fullRequiredMet'),
    ].join(' '),
  };
}
