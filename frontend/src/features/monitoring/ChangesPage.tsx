import { Button, Group, MultiSelect, Paper, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { monitoringListChangeRequestsOptions } from '../../client/@tanstack/react-query.gen';
import type { ChangeRequestRead, ChangeStatus } from '../../client/types.gen';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { VendorSelect } from '../../components/VendorSelect';
import { useFormat } from '../../lib/format';
import { ChangeStatusBadge } from '../../components/MonitoringBadges';
import { MonitoringNav } from './MonitoringNav';
import { CHANGE_STATUSES } from './vocabulary';

const route = getRouteApi('/_app/monitoring/changes');
const DEFAULT_SIZE = 50;

function ChangeRows({ items, loading, emptyText }: { items: ChangeRequestRead[] | undefined; loading: boolean; emptyText: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr className="nowrap">
            <Table.Th>{t('monitoring.changes.fields.title')}</Table.Th>
            <Table.Th>{t('monitoring.columns.vendor')}</Table.Th>
            <Table.Th>{t('monitoring.changes.fields.kind')}</Table.Th>
            <Table.Th>{t('monitoring.changes.fields.requested')}</Table.Th>
            <Table.Th>{t('monitoring.changes.fields.planned_date')}</Table.Th>
            <Table.Th>{t('monitoring.changes.fields.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <TableRows columns={6} loading={loading} empty={items?.length === 0} emptyText={emptyText} />
          {items?.map((c) => (
            <Table.Tr key={c.id} data-testid="change-row" data-status={c.status}>
              <Table.Td maw={340}>
                <AnchorLink to="/monitoring/changes/$requestId" params={{ requestId: c.id }} size="sm" fw={600}>
                  {c.title}
                </AnchorLink>
                {c.subcontractor_name && (
                  <Text size="xs" c="dimmed">
                    {c.subcontractor_name}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <AnchorLink to="/vendors/$vendorId" params={{ vendorId: c.vendor_id }} search={{ tab: 'monitoring' }} size="sm" c="inherit">
                  {c.vendor_name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`monitoring.changes.kinds.${c.kind}`)}</Text>
              </Table.Td>
              <Table.Td className="nowrap">
                <Text size="sm">{f.dateTime(c.requested_at)}</Text>
              </Table.Td>
              <Table.Td className="nowrap">
                <Text size="sm">{c.planned_date ? f.day(c.planned_date) : t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                <ChangeStatusBadge status={c.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The change-request queue: requests waiting for a decision first (oldest first), then every request. */
export function ChangesPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  type Search = typeof search;
  const setSearch = (patch: Partial<Search>) =>
    void navigate({ search: (prev: Search) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const page = search.page ?? 1;
  const size = search.size ?? DEFAULT_SIZE;
  const pending = useQuery(
    monitoringListChangeRequestsOptions({ query: { status: ['pending'], vendor_id: search.vendor, sort: 'requested_at', size: 100 } }),
  );
  const all = useQuery({
    ...monitoringListChangeRequestsOptions({ query: { status: search.status, vendor_id: search.vendor, sort: '-requested_at', page, size } }),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(search.vendor || search.status?.length);

  return (
    <>
      <PageHeader title={t('monitoring.changes.title')} description={t('monitoring.changes.subtitle')} />
      <MonitoringNav current="changes" />
      <Paper withBorder radius="md" p="md" mb="lg" data-testid="pending-changes">
        <Title order={2} fz="lg" mb="xs">
          {t('monitoring.changes.pendingTitle')}
        </Title>
        {pending.error ? (
          <QueryError error={pending.error} onRetry={() => void pending.refetch()} />
        ) : (
          <ChangeRows items={pending.data?.items} loading={pending.isPending} emptyText={t('monitoring.changes.nonePending')} />
        )}
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={2} fz="lg" mb="xs">
          {t('monitoring.changes.allTitle')}
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
            label={t('monitoring.changes.fields.status')}
            placeholder={search.status?.length ? undefined : t('common.all')}
            clearable
            value={search.status ?? []}
            onChange={(v) => setSearch({ status: v.length ? (v as ChangeStatus[]) : undefined })}
            data={CHANGE_STATUSES.map((s) => ({ value: s, label: t(`monitoring.changes.statuses.${s}`) }))}
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
          <ChangeRows items={all.data?.items} loading={all.isPending} emptyText={filtered ? t('common.noResults') : t('monitoring.changes.empty')} />
        )}
        {all.data && <Pager page={page} size={size} total={all.data.total} onPage={(p) => setSearch({ page: p === 1 ? undefined : p })} />}
      </Paper>
    </>
  );
}
