import { Button, Group, MultiSelect, Paper, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { monitoringListAuditsOptions } from '../../client/@tanstack/react-query.gen';
import type { AuditStatus } from '../../client/types.gen';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { VendorSelect } from '../../components/VendorSelect';
import { useFormat } from '../../lib/format';
import { useCanEdit } from '../../lib/session';
import { AuditStatusBadge } from '../../components/MonitoringBadges';
import { MonitoringNav } from './MonitoringNav';
import { AUDIT_STATUSES } from './vocabulary';

const route = getRouteApi('/_app/monitoring/audits');
const DEFAULT_SIZE = 50;

/** Audits of vendors, latest planned date first, with their open findings. */
export function AuditsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  type Search = typeof search;
  const setSearch = (patch: Partial<Search>) =>
    void navigate({ search: (prev: Search) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const page = search.page ?? 1;
  const size = search.size ?? DEFAULT_SIZE;
  const list = useQuery({
    ...monitoringListAuditsOptions({ query: { page, size, vendor_id: search.vendor, status: search.status, sort: '-planned_date' } }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items;
  const filtered = !!(search.vendor || search.status?.length);

  return (
    <>
      <PageHeader
        title={t('monitoring.audits.title')}
        description={t('monitoring.audits.subtitle')}
        actions={
          canEdit && (
            <ButtonLink to="/monitoring/audits/new" search={{ vendor: search.vendor }} leftSection={<IconPlus size={16} />}>
              {t('monitoring.audits.new')}
            </ButtonLink>
          )
        }
      />
      <MonitoringNav current="audits" />
      <Paper withBorder radius="md" p="md">
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
            label={t('monitoring.audits.fields.status')}
            placeholder={search.status?.length ? undefined : t('common.all')}
            clearable
            value={search.status ?? []}
            onChange={(v) => setSearch({ status: v.length ? (v as AuditStatus[]) : undefined })}
            data={AUDIT_STATUSES.map((s) => ({ value: s, label: t(`monitoring.audits.statuses.${s}`) }))}
            w={280}
          />
          {filtered && (
            <Button variant="subtle" onClick={() => setSearch({ vendor: undefined, status: undefined })}>
              {t('common.clearFilters')}
            </Button>
          )}
        </Group>
        {list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr className="nowrap">
                  <Table.Th>{t('monitoring.audits.fields.title')}</Table.Th>
                  <Table.Th>{t('monitoring.columns.vendor')}</Table.Th>
                  <Table.Th>{t('monitoring.audits.fields.kind')}</Table.Th>
                  <Table.Th>{t('monitoring.audits.fields.status')}</Table.Th>
                  <Table.Th>{t('monitoring.audits.fields.planned_date')}</Table.Th>
                  <Table.Th>{t('monitoring.audits.fields.auditor')}</Table.Th>
                  <Table.Th ta="right">{t('monitoring.audits.findingsOpen')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <TableRows columns={7} loading={list.isPending} empty={items?.length === 0} emptyText={filtered ? t('common.noResults') : t('monitoring.audits.empty')} />
                {items?.map((a) => (
                  <Table.Tr key={a.id} data-testid="audit-row">
                    <Table.Td maw={320}>
                      <AnchorLink to="/monitoring/audits/$auditId" params={{ auditId: a.id }} size="sm" fw={600}>
                        {a.title}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <AnchorLink to="/vendors/$vendorId" params={{ vendorId: a.vendor_id }} search={{ tab: 'monitoring' }} size="sm" c="inherit">
                        {a.vendor_name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`monitoring.audits.kinds.${a.kind}`)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <AuditStatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td className="nowrap">
                      <Text size="sm">{f.day(a.completed_date ?? a.planned_date)}</Text>
                      {a.completed_date && (
                        <Text size="xs" c="dimmed">
                          {t('monitoring.audits.completedOn')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.auditor ?? t('common.none')}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" fw={a.findings_open ? 700 : undefined} c={a.findings_open ? 'red.9' : 'dimmed'}>
                        {f.number(a.findings_open)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {list.data && <Pager page={page} size={size} total={list.data.total} onPage={(p) => setSearch({ page: p === 1 ? undefined : p })} />}
      </Paper>
    </>
  );
}
