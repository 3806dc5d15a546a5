import { describe, expect, it } from 'vitest';
import type { PortalVendorReport } from '../../client/types.gen';
import {
  checkDraft,
  checkRows,
  checkSubmit,
  emptyRow,
  isBlankRow,
  isDay,
  isEditable,
  monthName,
  reportBody,
  reportCadence,
  reportRefusals,
  reportValues,
  sentRows,
  type AccessRow,
  type ReportValues,
} from './periodicReport';

const saved: PortalVendorReport = {
  item_id: '7d1c3a52-31ad-4d4b-9a55-1f2f4b0a9e11',
  title: { ja: '月次報告（2026-01-01〜2026-01-31）', en: 'Monthly report (2026-01-01 – 2026-01-31)' },
  period_start: '2026-01-01',
  period_end: '2026-01-31',
  due_date: '2026-02-10',
  overdue: true,
  status: 'draft',
  question: null,
  handling: '通常どおり',
  incidents_occurred: false,
  incident_summary: null,
  incident_id: null,
  access_changes: [{ person: '佐藤', change: 'left', changed_on: '2026-01-31', applied: true, applied_on: '2026-01-31' }],
  access_changes_applied: true,
  measures_changed: null,
  measures_changes: null,
  attachments: [],
  submitted_at: null,
  version: 3,
};

function row(overrides: Partial<AccessRow> = {}): AccessRow {
  return { ...emptyRow(), ...overrides };
}

const leaver = row({ person: '佐藤（運用担当）', change: 'left', changed_on: '2026-01-31', applied: true, applied_on: '2026-01-31' });

function complete(overrides: Partial<ReportValues> = {}): ReportValues {
  return {
    handling: '東京リージョンのみで処理しました。',
    incidents_occurred: 'no',
    incident_summary: '',
    incident_id: '',
    access_changes: [leaver],
    access_changes_applied: 'yes',
    measures_changed: 'no',
    measures_changes: '',
    ...overrides,
  };
}

describe('the form values', () => {
  it('start from what was saved, yes/no as choices and missing answers unanswered', () => {
    const values = reportValues(saved);
    expect(values.handling).toBe('通常どおり');
    expect(values.incidents_occurred).toBe('no');
    expect(values.measures_changed).toBe('');
    expect(values.access_changes_applied).toBe('yes');
    expect(values.access_changes).toHaveLength(1);
    expect(values.access_changes[0]).toMatchObject({ person: '佐藤', change: 'left', applied: true, applied_on: '2026-01-31' });
  });

  it('give every row its own React key', () => {
    const a = emptyRow();
    const b = emptyRow();
    expect(a.key).not.toBe(b.key);
    expect(isBlankRow(a)).toBe(true);
    expect(isBlankRow({ ...a, person: ' x ' })).toBe(false);
  });

  it('say which reports the vendor may still write', () => {
    expect(['not_started', 'draft', 'queried'].every((s) => isEditable(s as PortalVendorReport['status']))).toBe(true);
    expect(isEditable('submitted')).toBe(false);
    expect(isEditable('accepted')).toBe(false);
  });
});

describe('access-change rows', () => {
  it('need who, what and when before even a draft takes them', () => {
    expect(checkRows([row({ person: '田中' })])).toEqual({
      'access_changes.0.change': 'choose',
      'access_changes.0.changed_on': 'required',
    });
    expect(checkRows([leaver, row({ change: 'joined', changed_on: '2026-02-30' })])).toEqual({
      'access_changes.1.person': 'required',
      'access_changes.1.changed_on': 'date',
    });
  });

  it('leave a blank row alone (it is not sent)', () => {
    expect(checkRows([row(), leaver])).toEqual({});
    expect(sentRows(complete({ access_changes: [row(), leaver, row()] }))).toEqual([1]);
  });

  it('check the applied date only when one is given', () => {
    expect(checkRows([{ ...leaver, applied_on: '2026/01/31' }])).toEqual({ 'access_changes.0.applied_on': 'date' });
    expect(checkRows([{ ...leaver, applied_on: '' }])).toEqual({});
  });

  it('know a calendar date', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-2-1')).toBe(false);
  });
});

describe('checks before sending', () => {
  it('a draft needs nothing answered', () => {
    const empty = reportValues({ ...saved, handling: null, incidents_occurred: null, access_changes: [], access_changes_applied: null });
    expect(checkDraft(empty)).toEqual({});
  });

  it('a submission asks what the API asks, follow-ups only where the answer opens them', () => {
    const empty = reportValues({ ...saved, handling: null, incidents_occurred: null, access_changes: [], access_changes_applied: null });
    expect(checkSubmit(empty)).toEqual({ handling: 'required', incidents_occurred: 'choose', measures_changed: 'choose' });
    expect(checkSubmit(complete())).toEqual({});
    expect(checkSubmit(complete({ incidents_occurred: 'yes', measures_changed: 'yes' }))).toEqual({
      incident_summary: 'required',
      measures_changes: 'required',
    });
  });

  it('asks for the confirmation only with rows, and not "all applied" while one is not', () => {
    expect(checkSubmit(complete({ access_changes: [], access_changes_applied: '' }))).toEqual({});
    expect(checkSubmit(complete({ access_changes_applied: '' }))).toEqual({ access_changes_applied: 'choose' });
    expect(checkSubmit(complete({ access_changes: [{ ...leaver, applied: false }] }))).toEqual({ access_changes_applied: 'notAllApplied' });
    expect(checkSubmit(complete({ access_changes: [{ ...leaver, applied: false }], access_changes_applied: 'no' }))).toEqual({});
  });
});

describe('the request body', () => {
  it('is the API shape with the version and the submit flag', () => {
    expect(reportBody(complete(), 4, true)).toEqual({
      handling: '東京リージョンのみで処理しました。',
      incidents_occurred: false,
      incident_summary: null,
      incident_id: null,
      access_changes: [{ person: '佐藤（運用担当）', change: 'left', changed_on: '2026-01-31', applied: true, applied_on: '2026-01-31' }],
      access_changes_applied: true,
      measures_changed: false,
      measures_changes: null,
      version: 4,
      submit: true,
    });
  });

  it('sends null for unanswered questions and the version of a first save', () => {
    const body = reportBody(reportValues({ ...saved, handling: null, incidents_occurred: null, access_changes: [], access_changes_applied: null }), null, false);
    expect(body).toMatchObject({ handling: null, incidents_occurred: null, access_changes: [], access_changes_applied: null, version: null, submit: false });
  });

  it('drops follow-ups under a "no", blank rows, and the applied date of a change not applied', () => {
    const body = reportBody(
      complete({
        incident_summary: '古い下書き',
        incident_id: '0f7f0c56-1c7e-4c55-8a39-2b7d0b9a1c11',
        measures_changes: '古い下書き',
        access_changes: [row(), { ...leaver, applied: false }],
        access_changes_applied: 'no',
      }),
      2,
      false,
    );
    expect(body.incident_summary).toBeNull();
    expect(body.incident_id).toBeNull();
    expect(body.measures_changes).toBeNull();
    expect(body.access_changes).toEqual([{ person: '佐藤（運用担当）', change: 'left', changed_on: '2026-01-31', applied: false, applied_on: null }]);
  });

  it('keeps the incident and the summary under a "yes"', () => {
    const body = reportBody(complete({ incidents_occurred: 'yes', incident_summary: ' 誤送信 1 件 ', incident_id: 'abc' }), 1, false);
    expect(body).toMatchObject({ incidents_occurred: true, incident_summary: '誤送信 1 件', incident_id: 'abc' });
  });
});

describe("the API's refusals", () => {
  it('put each missing answer of vendor_report_incomplete on its field', () => {
    const detail = [
      { loc: ['body', 'handling'], msg: 'say how the entrusted data was handled in the period', type: 'invalid' },
      { loc: ['body', 'incidents_occurred'], msg: 'say whether anything happened in the period', type: 'invalid' },
      { loc: ['body', 'access_changes_applied'], msg: 'confirm whether every access change was applied', type: 'invalid' },
      { loc: ['body', 'measures_changes'], msg: 'describe the changes to the security measures', type: 'invalid' },
    ];
    expect(reportRefusals(detail, [])).toEqual([
      ['handling', 'required'],
      ['incidents_occurred', 'choose'],
      ['access_changes_applied', 'choose'],
      ['measures_changes', 'required'],
    ]);
  });

  it("find a row's field through the rows that were sent", () => {
    const detail = [
      { loc: ['body', 'access_changes', 0, 'changed_on'], msg: 'Input should be a valid date', type: 'date_from_datetime_parsing' },
      { loc: ['body', 'access_changes', 1, 'person'], msg: 'Field required', type: 'missing' },
    ];
    expect(reportRefusals(detail, [1, 3])).toEqual([
      ['access_changes.1.changed_on', 'date'],
      ['access_changes.3.person', 'required'],
    ]);
  });

  it('name an incident that is not the vendor’s, and leave out what names no field', () => {
    const detail = [
      { loc: ['body', 'incident_id'], msg: 'not an incident your company reported', type: 'invalid' },
      { loc: ['body', 'version'], msg: 'Input should be greater than or equal to 1', type: 'greater_than_equal' },
      { loc: ['body', 'handling'], msg: 'String should have at most 10000 characters', type: 'string_too_long' },
    ];
    expect(reportRefusals(detail, [])).toEqual([
      ['incident_id', 'unknownIncident'],
      ['handling', 'invalid'],
    ]);
    expect(reportRefusals('not a list', [])).toEqual([]);
  });
});

describe('the period', () => {
  it('is read from its dates', () => {
    expect(reportCadence('2026-01-01', '2026-01-31')).toBe('monthly');
    expect(reportCadence('2026-02-01', '2026-02-28')).toBe('monthly');
    expect(reportCadence('2026-04-01', '2026-06-30')).toBe('quarterly');
    expect(reportCadence('2025-10-01', '2026-03-31')).toBe('half_yearly');
    expect(reportCadence('2025-04-01', '2026-03-31')).toBe('yearly');
    expect(reportCadence('2026-01-15', '2026-02-14')).toBe('other');
  });

  it('is named by its month in the reader’s language', () => {
    expect(monthName('2026-01-01', 'ja-JP')).toBe('2026年1月');
    expect(monthName('2026-01-31', 'en-GB')).toBe('January 2026');
  });
});
