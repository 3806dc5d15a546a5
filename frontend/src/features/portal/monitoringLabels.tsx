import { Badge } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeStatus, PortalVendorReport } from '../../client/types.gen';
import { intlLocale } from '../../lib/format';
import { monthName, reportCadence, type ReportStatus } from './periodicReport';

const REPORT_COLORS: Record<ReportStatus, string> = {
  not_started: 'gray',
  draft: 'blue',
  submitted: 'teal',
  queried: 'orange',
  accepted: 'teal',
};

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={REPORT_COLORS[status]} style={{ flexShrink: 0 }} data-testid="report-status">
      {t(`portalMonitoring.reports.status.${status}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color="red.8" style={{ flexShrink: 0 }} data-testid="report-overdue">
      {t('portalMonitoring.reports.overdue')}
    </Badge>
  );
}

const CHANGE_COLORS: Record<ChangeStatus, string> = {
  pending: 'blue',
  approved: 'teal',
  refused: 'red',
  withdrawn: 'gray',
};

export function ChangeStatusBadge({ status }: { status: ChangeStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={CHANGE_COLORS[status]} style={{ flexShrink: 0 }} data-testid="change-status">
      {t(`portalMonitoring.changes.status.${status}`)}
    </Badge>
  );
}

/** A report named by its period as people say it: "2026年1月分の月次報告", "Monthly report for January 2026". */
export function usePeriodLabel(): (report: Pick<PortalVendorReport, 'period_start' | 'period_end'>) => string {
  const { t, i18n } = useTranslation();
  const locale = intlLocale(i18n.language);
  return useCallback(
    ({ period_start: start, period_end: end }) => {
      const cadence = reportCadence(start, end);
      if (cadence === 'monthly') return t('portalMonitoring.reports.period.monthly', { month: monthName(start, locale) });
      const day = (d: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
      const from = cadence === 'other' ? day(start) : monthName(start, locale);
      const to = cadence === 'other' ? day(end) : monthName(end, locale);
      return t(`portalMonitoring.reports.period.${cadence}`, { from, to });
    },
    [t, locale],
  );
}
