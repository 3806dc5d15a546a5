import { Button, Group, MultiSelect, Paper, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { monitoringListVendorReportsOptions } from '../../client/@tanstack/react-query.gen';
import type { ReportStatus, VendorReportSummary } from '../../client/types.gen';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { VendorSelect } from '../../components/VendorSelect';
import { useFormat } from '../../lib/format';
import { ReportStatusBadge } from '../../components/MonitoringBadges';
import { MonitoringNav } from './MonitoringNav';
import { REPORT_STATUSES } from './vocabulary';

const route = getRouteApi('/_app/monitoring/reports');
const DEFAULT_SIZE = 50;

function ReportRows({ items, loading, emptyText }: { items: VendorReportSummary[] | undefined; loading: boolean; emptyText: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr className="nowrap">
            <Table.Th>{t('monitoring.reports.columns.period')}</Table.Th>
            <Table.Th>{t('monitoring.columns.vendor')}</Table.Th>
            <Table.Th>{t('monitoring.reports.columns.status')}</Table.Th>
            <Table.Th>{t('monitoring.reports.columns.submitted')}</Table.Th>
            <Table.Th>{t('monitoring.reports.columns.incidents')}</Table.Th>
            <Table.Th ta="right">{t('monitoring.reports.columns.accessChanges')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <TableRows columns={6} loading={loading} empty={items?.length === 0} emptyText={emptyText} />
          {items?.map((r) => (
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
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The review queue: reports submitted and waiting for review first (oldest first), then every report with filters. */
export function ReportsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  type Search = typeof search;
  const setSearch = (patch: Partial<Search>) =>
    void navigate({ search: (prev: Search) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const page = search.page ?? 1;
  const size = search.size ?? DEFAULT_SIZE;
  const waiting = useQuery(
    monitoringListVendorReportsOptions({ query: { status: ['submitted'], vendor_id: search.vendor, sort: 'submitted_at', size: 100 } }),
  );
  const all = useQuery({
    ...monitoringListVendorReportsOptions({ query: { status: search.status, vendor_id: search.vendor, sort: '-period_start', page, size } }),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(search.vendor || search.status?.length);

  return (
    <>
      <PageHeader title={t('monitoring.reports.title')} description={t('monitoring.reports.subtitle')} />
      <MonitoringNav current="reports" />
      <Paper withBorder radius="md" p="md" mb="lg" data-testid="review-queue">
        <Title order={2} fz="lg" mb="xs">
          {t('monitoring.reports.waitingTitle')}
        </Title>
        {waiting.error ? (
          <QueryError error={waiting.error} onRetry={() => void waiting.refetch()} />
        ) : (
          <ReportRows items={waiting.data?.items} loading={waiting.isPending} emptyText={t('monitoring.reports.noneWaiting')} />
        )}
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={2} fz="lg" mb="xs">
          {t('monitoring.reports.allTitle')}
        </Title>
        <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
          <VendorSelect
            label={t('monitoring.filters.vendor')}
            placeholder={t('common.all')}
            clearable
            value={search.vendor ?? null}
            onChange={(v) => setSearch({ vendor: v ?? undefined })}
            w={240}
          />
          <MultiSelect
            label={t('monitoring.reports.columns.status')}
            placeholder={search.status?.length ? undefined : t('common.all')}
            clearable
            value={search.status ?? []}
            onChange={(v) => setSearch({ status: v.length ? (v as ReportStatus[]) : undefined })}
            data={REPORT_STATUSES.map((s) => ({ value: s, label: t(`monitoring.reports.statuses.${s}`) }))}
            w={280}
          />
          {filtered && (
            <Button variant="subtle" onClick={() => setSearch({ vendor: undefined, status: undefined })}>
              {t('common.clearFilters')}
            </Button>
          )}
        </Group>
        {all.error ? (
          <QueryError error={all.error} onRetry={() => void all.refetch()} />
        ) : (
          <ReportRows items={all.data?.items} loading={all.isPending} emptyText={filtered ? t('common.noResults') : t('monitoring.reports.empty')} />
        )}
        {all.data && <Pager page={page} size={size} total={all.data.total} onPage={(p) => setSearch({ page: p === 1 ? undefined : p })} />}
      </Paper>
    </>
  );
}
