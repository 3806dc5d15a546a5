import { describe, expect, it } from 'vitest';
import type { MonitoringItemRead } from '../client/types.gen';
import { settleTarget, STAGE_TONES, STAGES } from './monitoring';

const base = {
  id: 'item-1',
  vendor_id: 'vendor-1',
  due_date: '2026-11-10',
  stage: 'overdue',
  report_id: null,
  audit_id: null,
  subject_id: null,
  done_ref_id: null,
} as const;
const item = (patch: Partial<MonitoringItemRead>) => ({ ...base, kind: 'vendor_report' as const, ...patch });

describe('what settles an item', () => {
  it('sends a report to its review, or says the vendor has not started it', () => {
    expect(settleTarget(item({ report_id: 'r1' }))).toEqual({ to: 'report', reportId: 'r1' });
    expect(settleTarget(item({}))).toEqual({ to: 'awaitingReport', vendorId: 'vendor-1' });
  });

  it('opens the planned audit, the audit that settled it, or plans one for this item', () => {
    expect(settleTarget(item({ kind: 'audit', audit_id: 'a1' }))).toEqual({ to: 'audit', auditId: 'a1' });
    expect(settleTarget(item({ kind: 'audit', stage: 'done', done_ref_id: 'a2' }))).toEqual({ to: 'audit', auditId: 'a2' });
    expect(settleTarget(item({ kind: 'audit' }))).toEqual({ to: 'planAudit', vendorId: 'vendor-1', itemId: 'item-1', date: '2026-11-10' });
  });

  it('starts a reassessment of the vendor, or opens the accepted one', () => {
    expect(settleTarget(item({ kind: 'reassessment' }))).toEqual({ to: 'newAssessment', vendorId: 'vendor-1' });
    expect(settleTarget(item({ kind: 'reassessment', stage: 'done', done_ref_id: 's1' }))).toEqual({ to: 'assessment', assessmentId: 's1' });
  });

  it('goes to the certification list or the contract', () => {
    expect(settleTarget(item({ kind: 'certification_renewal', subject_id: 'c1' }))).toEqual({ to: 'certifications', vendorId: 'vendor-1' });
    expect(settleTarget(item({ kind: 'contract_renewal', subject_id: 'k1' }))).toEqual({ to: 'contract', contractId: 'k1' });
    expect(settleTarget(item({ kind: 'contract_renewal' }))).toEqual({ to: 'contracts', vendorId: 'vendor-1' });
  });
});

describe('stage tones', () => {
  it('give every stage its own tone, late the loudest', () => {
    expect(new Set(STAGES.map((s) => STAGE_TONES[s])).size).toBe(STAGES.length);
    expect(STAGE_TONES.overdue).toBe('critical');
    expect(STAGE_TONES.done).toBe('low');
  });
});
