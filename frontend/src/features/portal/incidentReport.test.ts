import { describe, expect, it } from 'vitest';
import type { PortalIncident } from '../../client/types.gen';
import {
  checkReport,
  incidentRefusals,
  checkUpdate,
  emptyReport,
  followUps,
  isoToWall,
  lastActivity,
  parseCount,
  reportBody,
  updateBody,
  updateValues,
  wallToIso,
  type ReportValues,
} from './incidentReport';

const TOKYO = 'Asia/Tokyo';
const NOW = Date.parse('2026-11-26T03:00:00Z'); // 12:00 in Tokyo

function filled(overrides: Partial<ReportValues> = {}): ReportValues {
  return {
    ...emptyReport('制作部 鈴木（022-000-0000）'),
    title: '印刷会社でのランサムウェア被害',
    occurred_at: '2026-11-25T22:00',
    discovered_at: '2026-11-26T08:30',
    description: '制作サーバが暗号化された。',
    data_categories: ['ordinary', 'children'],
    affected_persons_estimate: '800',
    affected_persons_max: '1,200',
    wrongful_intent_possible: 'yes',
    strongly_encrypted: 'no',
    ...overrides,
  };
}

const incident: PortalIncident = {
  id: '00000000-0000-0000-0000-000000000001',
  title: 't',
  status: 'suspected',
  occurred_at: null,
  discovered_at: '2026-11-25T23:30:00Z',
  notified_at: '2026-11-26T01:00:00Z',
  description: 'd',
  data_categories: ['ordinary'],
  data_items: '氏名',
  affected_persons_estimate: 800,
  affected_persons_max: 1200,
  cause: null,
  wrongful_intent_possible: true,
  strongly_encrypted: false,
  containment: '切り離した',
  next_steps: null,
  contact_point: null,
  updated_at: '2026-11-26T01:00:00Z',
  updates: [],
};

describe('times typed in the portal’s zone', () => {
  it('reads a Tokyo wall time as the instant nine hours earlier in UTC', () => {
    expect(wallToIso('2026-11-26T08:30', TOKYO)).toBe('2026-11-25T23:30:00.000Z');
  });

  it('follows summer time where the zone has it', () => {
    expect(wallToIso('2026-07-01T12:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00.000Z');
  });

  it('refuses what is not a time', () => {
    expect(wallToIso('2026-02-30T10:00', TOKYO)).toBeNull();
    expect(wallToIso('26.11.2026', TOKYO)).toBeNull();
    expect(wallToIso('', TOKYO)).toBeNull();
  });

  it('shows an instant back as the wall time an input holds', () => {
    expect(isoToWall('2026-11-25T23:30:00Z', TOKYO)).toBe('2026-11-26T08:30');
    expect(isoToWall(wallToIso('2026-01-01T00:05', TOKYO)!, TOKYO)).toBe('2026-01-01T00:05');
  });
});

describe('counts of people', () => {
  it('takes full-width digits and thousands separators', () => {
    expect(parseCount('１，２００')).toBe(1200);
    expect(parseCount('1,200')).toBe(1200);
    expect(parseCount(' ')).toBeNull();
  });

  it('refuses what is not a whole number of people', () => {
    expect(parseCount('1.5')).toBeUndefined();
    expect(parseCount('-3')).toBeUndefined();
    expect(parseCount('約100')).toBeUndefined();
  });
});

describe('checking a report before it is sent', () => {
  it('passes a complete report', () => {
    expect(checkReport(filled(), TOKYO, NOW)).toEqual({});
  });

  it('asks for the title, what happened, when it was discovered and both judgements', () => {
    expect(checkReport(emptyReport(), TOKYO, NOW)).toEqual({
      title: 'required',
      description: 'required',
      discovered_at: 'required',
      wrongful_intent_possible: 'choose',
      strongly_encrypted: 'choose',
    });
  });

  it('refuses a maximum below the estimate, on the maximum', () => {
    expect(checkReport(filled({ affected_persons_estimate: '1500', affected_persons_max: '1200' }), TOKYO, NOW)).toEqual({
      affected_persons_max: 'maxBelowEstimate',
    });
  });

  it('accepts a maximum equal to the estimate, or either alone', () => {
    expect(checkReport(filled({ affected_persons_estimate: '1200', affected_persons_max: '1200' }), TOKYO, NOW)).toEqual({});
    expect(checkReport(filled({ affected_persons_estimate: '', affected_persons_max: '1200' }), TOKYO, NOW)).toEqual({});
    expect(checkReport(filled({ affected_persons_estimate: '800', affected_persons_max: '' }), TOKYO, NOW)).toEqual({});
  });

  it('refuses a time in the future, and a discovery before the event', () => {
    expect(checkReport(filled({ discovered_at: '2026-11-26T12:30' }), TOKYO, NOW)).toEqual({ discovered_at: 'future' });
    expect(checkReport(filled({ occurred_at: '2026-11-27T09:00', discovered_at: '2026-11-26T08:00' }), TOKYO, NOW)).toEqual({
      occurred_at: 'future',
    });
    expect(checkReport(filled({ occurred_at: '2026-11-26T09:00', discovered_at: '2026-11-26T08:00' }), TOKYO, NOW)).toEqual({
      discovered_at: 'beforeOccurred',
    });
  });
});

describe('the request body of a report', () => {
  it('sends instants, numbers and booleans, and leaves empty text out', () => {
    const body = reportBody(filled(), TOKYO);
    expect(body).toMatchObject({
      occurred_at: '2026-11-25T13:00:00.000Z',
      discovered_at: '2026-11-25T23:30:00.000Z',
      affected_persons_estimate: 800,
      affected_persons_max: 1200,
      wrongful_intent_possible: true,
      strongly_encrypted: false,
      data_items: null,
      cause: null,
    });
  });

  it('sends the contact point in its own field, and none when it is blank', () => {
    const body = reportBody(filled(), TOKYO);
    expect([body.description, body.contact_point]).toEqual(['制作サーバが暗号化された。', '制作部 鈴木（022-000-0000）']);
    expect(reportBody(filled({ contact_point: '  ' }), TOKYO).contact_point).toBeNull();
  });

  it('sends no time for an unknown occurrence', () => {
    expect(reportBody(filled({ occurred_at: '' }), TOKYO).occurred_at).toBeNull();
  });
});

describe('a follow-up', () => {
  it('sends only the message when no fact changed', () => {
    const values = { ...updateValues(incident), message: ' 調査中です。 ' };
    expect(updateBody(incident, values)).toEqual({ message: '調査中です。' });
  });

  it('sends the facts that changed', () => {
    const values = { ...updateValues(incident), message: '原因が分かりました。', cause: 'VPN 機器の脆弱性', affected_persons_max: '１５００', wrongful_intent_possible: 'no' as const };
    expect(updateBody(incident, values)).toEqual({
      message: '原因が分かりました。',
      cause: 'VPN 機器の脆弱性',
      affected_persons_max: 1500,
      wrongful_intent_possible: false,
    });
  });

  it('leaves an emptied fact out, since the company keeps what it has', () => {
    const values = { ...updateValues(incident), message: 'm', containment: '', affected_persons_estimate: '' };
    expect(updateBody(incident, values)).toEqual({ message: 'm' });
  });

  it('checks the maximum against the estimate as it will stand', () => {
    expect(checkUpdate(incident, { ...updateValues(incident), message: 'm', affected_persons_max: '500' })).toEqual({
      affected_persons_max: 'maxBelowEstimate',
    });
    expect(checkUpdate(incident, { ...updateValues(incident), message: 'm', affected_persons_estimate: '', affected_persons_max: '500' })).toEqual({
      affected_persons_max: 'maxBelowEstimate',
    });
    expect(checkUpdate(incident, { ...updateValues(incident), message: '' })).toEqual({ message: 'required' });
  });

  it('dates the last activity by the latest update, else by the report', () => {
    expect(lastActivity(incident)).toBe('2026-11-26T01:00:00Z');
    const reported = { at: '2026-11-26T01:00:01Z', kind: 'created', author: 'a', message: 't' };
    expect(lastActivity({ ...incident, updates: [reported] })).toBe('2026-11-26T01:00:00Z');
    const updated = { ...incident, updates: [reported, { at: '2026-11-26T02:00:00Z', kind: 'vendor_update', author: 'a', message: 'm' }] };
    expect(lastActivity(updated)).toBe('2026-11-26T02:00:00Z');
    expect(followUps(updated)).toHaveLength(1);
  });
});

describe('the API’s refusals', () => {
  it('names the field and the rule for times and counts', () => {
    expect(
      incidentRefusals([
        { loc: ['body', 'discovered_at'], msg: 'discovered_at is in the future', type: 'invalid' },
        { loc: ['body', 'affected_persons_max'], msg: 'Value error, the maximum is below the estimate (1500)', type: 'value_error' },
        { loc: ['body', 'discovered_at'], msg: 'discovered_at is before occurred_at', type: 'invalid' },
        { loc: ['body', 'title'], msg: 'String should have at most 300 characters', type: 'string_too_long' },
      ]),
    ).toEqual([
      ['discovered_at', 'future'],
      ['affected_persons_max', 'maxBelowEstimate'],
      ['discovered_at', 'beforeOccurred'],
    ]);
  });

  it('ignores what is not a list of field errors', () => {
    expect(incidentRefusals('The incident was not found.')).toEqual([]);
    expect(incidentRefusals(null)).toEqual([]);
  });
});
