import type { AuditKind, AuditStatus, ChangeStatus, ReportStatus } from '../../client/types.gen';

export const AUDIT_KINDS: readonly AuditKind[] = ['documents', 'on_site', 'remote', 'third_party'];
export const AUDIT_STATUSES: readonly AuditStatus[] = ['planned', 'in_progress', 'completed', 'cancelled'];
export const REPORT_STATUSES: readonly ReportStatus[] = ['submitted', 'queried', 'draft', 'accepted'];
export const CHANGE_STATUSES: readonly ChangeStatus[] = ['pending', 'approved', 'refused', 'withdrawn'];
