import { describe, expect, it } from 'vitest';
import type { ClauseRequirementRead, GapRowRead, ParameterRead } from '../../client/types.gen';
import { clauseDrafts, clauseInputs, effectiveLevel, groupGaps, policyHint } from './clauses';

const param = (over: Partial<ParameterRead>): ParameterRead => ({
  name: 'p',
  type: 'text',
  title: { ja: '', en: '' },
  compare: 'informational',
  unit: null,
  choices: [],
  limit: null,
  only_when_my_number: false,
  ...over,
});

const incident: ClauseRequirementRead = {
  key: 'incident_reporting',
  custom: false,
  id: null,
  version: null,
  title: { ja: '漏えい等事案の報告', en: 'Incident reporting' },
  standard_wording: null,
  level: 'required',
  levels: {},
  required_for_my_number: true,
  parameters: [
    param({ name: 'notice_hours', type: 'int', compare: 'max', unit: 'hours', limit: 24 }),
    param({ name: 'to_whom', type: 'text' }),
    param({ name: 'content_items', type: 'bool', compare: 'must_be_true' }),
  ],
};
const audit: ClauseRequirementRead = { ...incident, key: 'audit_rights', level: 'desirable', required_for_my_number: false, parameters: [] };
const confidentiality: ClauseRequirementRead = { ...audit, key: 'confidentiality', level: null, required_for_my_number: true };

describe('clauseDrafts / clauseInputs', () => {
  it('starts every requirement unticked and empty, and fills those the contract has', () => {
    const drafts = clauseDrafts([incident, audit], [
      { id: 'c1', requirement_key: 'incident_reporting', values: { notice_hours: 72 }, article: '第9条', excerpt: null },
    ]);
    expect(drafts.incident_reporting).toEqual({
      included: true,
      values: { notice_hours: 72, to_whom: null, content_items: null },
      article: '第9条',
      excerpt: '',
    });
    expect(drafts.audit_rights?.included).toBe(false);
  });

  it('sends only ticked clauses, in library order, leaving blank values unstated', () => {
    const drafts = clauseDrafts([incident, audit]);
    drafts.audit_rights = { ...drafts.audit_rights!, included: true, article: '  ' };
    drafts.incident_reporting = {
      included: true,
      values: { notice_hours: 72, to_whom: '  ', content_items: false },
      article: ' 第9条 ',
      excerpt: '',
    };
    expect(clauseInputs([incident, audit], drafts)).toEqual([
      { requirement_key: 'incident_reporting', values: { notice_hours: 72, content_items: false }, article: '第9条', excerpt: null },
      { requirement_key: 'audit_rights', values: {}, article: null, excerpt: null },
    ]);
  });
});

describe('effectiveLevel', () => {
  it('makes a My Number clause required when the covered processing has My Number data', () => {
    expect(effectiveLevel(confidentiality, false)).toBeNull();
    expect(effectiveLevel(confidentiality, true)).toBe('required');
    expect(effectiveLevel(audit, true)).toBe('desirable');
  });
});

describe('policyHint', () => {
  it('names the limit of compared numbers and the need of must-be-true switches', () => {
    expect(policyHint(incident.parameters[0]!)).toEqual({ kind: 'max', limit: 24, unit: 'hours' });
    expect(policyHint(incident.parameters[2]!)).toEqual({ kind: 'must_be_true' });
    expect(policyHint(incident.parameters[1]!)).toBeNull();
  });
});

describe('groupGaps', () => {
  const row = (key: string, status: GapRowRead['status'], level: GapRowRead['level']): GapRowRead => ({
    key,
    title: { ja: key, en: key },
    level,
    source: { ja: '', en: '' },
    status,
    reasons: [],
    ref: null,
  });
  it('groups rows by status with required ones first', () => {
    const groups = groupGaps([row('a', 'missing', 'desirable'), row('b', 'met', 'required'), row('c', 'missing', 'required'), row('d', 'weaker', 'required')]);
    expect(groups.missing.map((r) => r.key)).toEqual(['c', 'a']);
    expect(groups.weaker.map((r) => r.key)).toEqual(['d']);
    expect(groups.met.map((r) => r.key)).toEqual(['b']);
  });
});
