import type { BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditStatus, ChangeStatus, ReportStatus } from '../client/types.gen';
import { ToneBadge, type Tone } from './TierBadge';

const REPORT_TONES: Record<ReportStatus, Tone> = { draft: 'neutral', submitted: 'high', queried: 'medium', accepted: 'low' };
const AUDIT_TONES: Record<AuditStatus, Tone> = { planned: 'info', in_progress: 'high', completed: 'low', cancelled: 'neutral' };
const CHANGE_TONES: Record<ChangeStatus, Tone> = { pending: 'high', approved: 'low', refused: 'critical', withdrawn: 'neutral' };

export function ReportStatusBadge({ status, size }: { status: ReportStatus; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <ToneBadge tone={REPORT_TONES[status]} size={size} miw="max-content" data-status={status}>
      {t(`monitoring.reports.statuses.${status}`)}
    </ToneBadge>
  );
}

export function AuditStatusBadge({ status, size }: { status: AuditStatus; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <ToneBadge tone={AUDIT_TONES[status]} size={size} miw="max-content" data-status={status}>
      {t(`monitoring.audits.statuses.${status}`)}
    </ToneBadge>
  );
}

export function ChangeStatusBadge({ status, size }: { status: ChangeStatus; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <ToneBadge tone={CHANGE_TONES[status]} size={size} miw="max-content" data-status={status}>
      {t(`monitoring.changes.statuses.${status}`)}
    </ToneBadge>
  );
}
