import { describe, expect, it } from 'vitest';
import type { ContractGapsRead, GapSummaryRead } from '../../client/types.gen';
import { i18n } from '../../i18n';
import { cellLabel, cellsByKey, gapSummaryText, sortContracts } from './overview';

const summary = (over: Partial<GapSummaryRead> = {}): GapSummaryRead => ({
  total: 15,
  met: 15,
  missing: 0,
  weaker: 0,
  required_missing: 0,
  required_weaker: 0,
  complete: true,
  ...over,
});

const contract = (id: string, vendor: string, title: string, s: Partial<GapSummaryRead> = {}): ContractGapsRead => ({
  contract_id: id,
  title,
  vendor_id: `v-${vendor}`,
  vendor_name: vendor,
  status: 'active',
  covers_my_number: false,
  renewal_due: false,
  summary: summary(s),
  cells: [],
});

describe('sortContracts', () => {
  const complete = contract('1', 'あおば印刷', '印刷業務委託契約');
  const desirableOnly = contract('2', 'ひかり物流', '物流業務基本契約', { missing: 5, weaker: 1 });
  const requiredMissing = contract('3', 'みなと給与', '給与計算業務委託契約', { missing: 2, required_missing: 1 });
  const requiredBoth = contract('4', 'さくら', 'アルバム制作', { missing: 1, weaker: 1, required_missing: 1, required_weaker: 1 });

  it('puts the most required gaps first, then the most gaps, then vendor order', () => {
    const rows = sortContracts([complete, desirableOnly, requiredMissing, requiredBoth], 'gaps', 'ja');
    expect(rows.map((r) => r.contract_id)).toEqual(['4', '3', '2', '1']);
  });

  it('keeps a vendor’s contracts together in title order when sorted by vendor', () => {
    const second = contract('5', 'あおば印刷', 'DM発送業務委託契約');
    const rows = sortContracts([requiredMissing, complete, second, desirableOnly], 'vendor', 'ja');
    expect(rows.map((r) => r.contract_id)).toEqual(['5', '1', '2', '3']);
  });

  it('does not reorder the list it is given', () => {
    const input = [complete, requiredBoth];
    sortContracts(input, 'gaps', 'ja');
    expect(input.map((r) => r.contract_id)).toEqual(['1', '4']);
  });
});

describe('cellsByKey', () => {
  it('finds a cell by requirement and nothing where the requirement does not apply', () => {
    const cells = cellsByKey({ cells: [{ key: 'incident_reporting', level: 'required', status: 'weaker' }] });
    expect(cells.get('incident_reporting')?.status).toBe('weaker');
    expect(cells.get('gdpr_instructions')).toBeUndefined();
  });
});

describe('cellLabel', () => {
  it('names the status and the level in the UI language', () => {
    expect(cellLabel(i18n.t, { status: 'missing', level: 'required' })).toBe('不足（必須）');
    expect(cellLabel(i18n.t, { status: 'weaker', level: 'desirable' })).toBe('方針より弱い（推奨）');
    expect(cellLabel(i18n.getFixedT('en'), { status: 'met', level: 'required' })).toBe('Met (Required)');
  });
});

describe('gapSummaryText', () => {
  it('counts missing and weaker clauses and how many of them are required', () => {
    const text = gapSummaryText(i18n.t, summary({ missing: 6, weaker: 2, required_missing: 2, required_weaker: 2, complete: false }));
    expect(text.short).toBe('不足 6 · 弱い 2');
    expect(text.required).toBe('うち必須 4');
    expect(text.full).toBe('不足 6 件、方針より弱い 2 件。 うち必須の条項が 4 件。');
  });

  it('says when the gaps are only desirable clauses', () => {
    const text = gapSummaryText(i18n.getFixedT('en'), summary({ missing: 2 }));
    expect(text.required).toBe('Required clauses met');
    expect(text.full).toBe('2 missing, 0 weaker than policy. Every required clause is met.');
  });

  it('says all met when nothing is missing or weaker', () => {
    expect(gapSummaryText(i18n.t, summary())).toEqual({ short: 'すべて充足', required: null, full: 'すべて充足' });
  });
});
