import { describe, expect, it } from 'vitest';
import { corporateCheckDigit, normalizeCorporateNumber } from '../../lib/corporateNumber';
import { changeBody, checkChange, emptyChange, type ChangeValues } from './changeRequest';

// 国税庁's own example: 法人番号 7000012050002 (国税庁).
const NTA = '7000012050002';

function subcontractor(overrides: Partial<ChangeValues> = {}): ChangeValues {
  return {
    ...emptyChange('new_subcontractor'),
    subcontractor_name: '株式会社東北プリント',
    subcontractor_corporate_number: NTA,
    work: '給与明細の印刷と封入',
    data_handled: '従業員の氏名・住所・支給額（約 1,200 人）',
    details: '繁忙期の印刷を委託します。Pマーク取得済みです。',
    planned_date: '2026-04-01',
    ...overrides,
  };
}

describe('the corporate number', () => {
  it('is read as typed: hyphens, spaces and full-width digits', () => {
    expect(normalizeCorporateNumber('７０００ ０１２-０５０００２')).toBe(NTA);
    expect(normalizeCorporateNumber('７０００－０１２ー０５０００２')).toBe(NTA);
  });

  it('has its check digit in front', () => {
    expect(corporateCheckDigit(NTA.slice(1))).toBe(7);
  });
});

describe('checks before sending', () => {
  it('ask what the request is about first', () => {
    expect(checkChange(emptyChange())).toEqual({ kind: 'choose', details: 'required' });
  });

  it('a subcontractor needs who and which work; its number and country are checked when given', () => {
    expect(checkChange(subcontractor())).toEqual({});
    expect(checkChange(subcontractor({ subcontractor_name: ' ', work: '' }))).toEqual({ subcontractor_name: 'required', work: 'required' });
    expect(checkChange(subcontractor({ subcontractor_corporate_number: '123' }))).toEqual({ subcontractor_corporate_number: 'digits' });
    expect(checkChange(subcontractor({ subcontractor_corporate_number: '1000012050002' }))).toEqual({ subcontractor_corporate_number: 'checkDigit' });
    expect(checkChange(subcontractor({ subcontractor_corporate_number: '', subcontractor_country: 'JPN' }))).toEqual({ subcontractor_country: 'country' });
  });

  it('changed measures need a subject and a valid date', () => {
    expect(checkChange({ ...emptyChange('measures_change'), details: 'x', planned_date: '2026-13-01' })).toEqual({ title: 'required', planned_date: 'date' });
  });
});

describe('the request body', () => {
  it('names a subcontractor request after the subcontractor when no subject is given', () => {
    expect(changeBody(subcontractor({ subcontractor_corporate_number: '7000-0120-5000-2', subcontractor_country: 'jp' }), (n) => `再委託先の追加：${n}`)).toEqual({
      kind: 'new_subcontractor',
      title: '再委託先の追加：株式会社東北プリント',
      details: '繁忙期の印刷を委託します。Pマーク取得済みです。',
      planned_date: '2026-04-01',
      subcontractor_name: '株式会社東北プリント',
      subcontractor_corporate_number: NTA,
      subcontractor_country: 'JP',
      work: '給与明細の印刷と封入',
      data_handled: '従業員の氏名・住所・支給額（約 1,200 人）',
    });
  });

  it('sends no subcontractor fields with changed measures', () => {
    const body = changeBody({ ...subcontractor(), kind: 'measures_change', title: ' クラウド移行 ', planned_date: '' }, () => 'unused');
    expect(body).toMatchObject({ kind: 'measures_change', title: 'クラウド移行', planned_date: null, subcontractor_name: null, subcontractor_corporate_number: null, subcontractor_country: null, work: null, data_handled: null });
  });
});
