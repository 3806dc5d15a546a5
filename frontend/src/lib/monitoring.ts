// The review calendar's vocabulary wherever an item is shown (the monitoring screens, the vendor page, the dashboard).
import { ItemKind, type MonitoringItemRead, Stage } from '../client/types.gen';
import type { Tone } from '../components/TierBadge';
import { enumValues } from './enums';

/** Loudest first: the order of the stage filter and of the counts. */
export const STAGES = enumValues(Stage, ['overdue', 'due', 'due_soon', 'scheduled']);

/** What the vendor sends (reports) and what staff do with it (audits) first. */
export const ITEM_KINDS = enumValues(ItemKind, ['vendor_report', 'audit']);

/** Late in red, due today or open in orange, due soon in amber, done in green, the rest quiet. */
export const STAGE_TONES: Record<Stage, Tone> = {
  overdue: 'critical',
  due: 'high',
  due_soon: 'medium',
  scheduled: 'info',
  done: 'low',
};

/**
 * What settles an item, and so where its link goes: the vendor's report (to review), the audit (or planning one for
 * this item), a new assessment of the vendor, the vendor's certifications, the contract. A done item links to what
 * settled it when the API names it.
 */
export type SettleTarget =
  | { to: 'report'; reportId: string }
  | { to: 'awaitingReport'; vendorId: string }
  | { to: 'audit'; auditId: string }
  | { to: 'planAudit'; vendorId: string; itemId: string; date: string }
  | { to: 'assessment'; assessmentId: string }
  | { to: 'newAssessment'; vendorId: string }
  | { to: 'certifications'; vendorId: string }
  | { to: 'contract'; contractId: string }
  | { to: 'contracts'; vendorId: string };

type Item = Pick<MonitoringItemRead, 'id' | 'kind' | 'stage' | 'vendor_id' | 'due_date' | 'report_id' | 'audit_id' | 'subject_id' | 'done_ref_id'>;

export function settleTarget(item: Item): SettleTarget {
  switch (item.kind) {
    case 'vendor_report':
      return item.report_id ? { to: 'report', reportId: item.report_id } : { to: 'awaitingReport', vendorId: item.vendor_id };
    case 'audit':
      if (item.audit_id) return { to: 'audit', auditId: item.audit_id };
      if (item.stage === 'done' && item.done_ref_id) return { to: 'audit', auditId: item.done_ref_id };
      return { to: 'planAudit', vendorId: item.vendor_id, itemId: item.id, date: item.due_date };
    case 'reassessment':
      return item.stage === 'done' && item.done_ref_id
        ? { to: 'assessment', assessmentId: item.done_ref_id }
        : { to: 'newAssessment', vendorId: item.vendor_id };
    case 'certification_renewal':
      return { to: 'certifications', vendorId: item.vendor_id };
    case 'contract_renewal':
      return item.subject_id ? { to: 'contract', contractId: item.subject_id } : { to: 'contracts', vendorId: item.vendor_id };
  }
}
