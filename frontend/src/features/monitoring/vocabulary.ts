import { AuditKind, AuditStatus, ChangeStatus, ReportStatus } from '../../client/types.gen';
import { enumValues } from '../../lib/enums';

export const AUDIT_KINDS = enumValues(AuditKind);
export const AUDIT_STATUSES = enumValues(AuditStatus);
/** Those waiting for the reviewer first. */
export const REPORT_STATUSES = enumValues(ReportStatus, ['submitted', 'queried']);
export const CHANGE_STATUSES = enumValues(ChangeStatus);
