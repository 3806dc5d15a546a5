import { Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { monitoringListVendorReportsOptions } from '../../client/@tanstack/react-query.gen';
import { AnchorLink } from '../../components/links';
import { ReportStatusBadge } from '../../components/MonitoringBadges';
import { useFormat } from '../../lib/format';
import { useListSearch } from '../../lib/listSearch';
import { QueuePage } from './QueuePage';
import { REPORT_STATUSES } from './vocabulary';

const route = getRouteApi('/_app/monitoring/reports');

/** The review queue: reports submitted and waiting for review first (oldest first), then every report with filters. */
export function ReportsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useListSearch(route, { filters: ['vendor', 'status'] });
  const { search, paging } = list;
  const waiting = useQuery(
    monitoringListVendorReportsOptions({ query: { status: ['submitted'], vendor_id: search.vendor, sort: 'submitted_at', size: 100 } }),
  );
  const all = useQuery({
    ...monitoringListVendorReportsOptions({
      query: { status: search.status, vendor_id: search.vendor, sort: '-period_start', page: paging.page, size: paging.size },
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <QueuePage
      current="reports"
      testId="review-queue"
      texts={{
        title: t('monitoring.reports.title'),
        subtitle: t('monitoring.reports.subtitle'),
        waitingTitle: t('monitoring.reports.waitingTitle'),
        waitingEmpty: t('monitoring.reports.noneWaiting'),
        allTitle: t('monitoring.reports.allTitle'),
        empty: t('monitoring.reports.empty'),
        status: t('monitoring.reports.columns.status'),
      }}
      waiting={waiting}
      all={all}
      list={list}
      statuses={REPORT_STATUSES}
      statusText={(s) => t(`monitoring.reports.statuses.${s}`)}
      table={{
        columns: 6,
        minWidth: 900,
        head: (
          <>
            <Table.Th>{t('monitoring.reports.columns.period')}</Table.Th>
            <Table.Th>{t('monitoring.columns.vendor')}</Table.Th>
            <Table.Th>{t('monitoring.reports.columns.status')}</Table.Th>
            <Table.Th>{t('monitoring.reports.columns.submitted')}</Table.Th>
            <Table.Th>{t('monitoring.reports.columns.incidents')}</Table.Th>
            <Table.Th ta="right">{t('monitoring.reports.columns.accessChanges')}</Table.Th>
          </>
        ),
        row: (r) => (
          <Table.Tr key={r.id} data-testid="report-row" data-status={r.status}>
            <Table.Td className="nowrap">
              <AnchorLink to="/monitoring/reports/$reportId" params={{ reportId: r.id }} size="sm" fw={600}>
                {t('monitoring.reports.period', { from: f.day(r.period_start), to: f.day(r.period_end) })}
              </AnchorLink>
              <Text size="xs" c="dimmed">
                {t('monitoring.reports.dueOn', { date: f.day(r.due_date) })}
              </Text>
            </Table.Td>
            <Table.Td>
              <AnchorLink to="/vendors/$vendorId" params={{ vendorId: r.vendor_id }} search={{ tab: 'monitoring' }} size="sm" c="inherit">
                {r.vendor_name}
              </AnchorLink>
            </Table.Td>
            <Table.Td>
              <ReportStatusBadge status={r.status} />
            </Table.Td>
            <Table.Td className="nowrap">
              <Text size="sm">{r.submitted_at ? f.dateTime(r.submitted_at) : t('common.none')}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={r.incidents_occurred ? 700 : undefined} c={r.incidents_occurred ? 'red.9' : undefined}>
                {r.incidents_occurred === null ? t('common.none') : r.incidents_occurred ? t('monitoring.reports.incidentsYes') : t('monitoring.reports.incidentsNo')}
              </Text>
            </Table.Td>
            <Table.Td ta="right">
              <Text size="sm">{f.number(r.access_changes)}</Text>
            </Table.Td>
          </Table.Tr>
        ),
      }}
    />
  );
}
