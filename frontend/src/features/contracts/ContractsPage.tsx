import { Button, Checkbox, Group, MultiSelect, Paper, Select, Table, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconSettings } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { contractsListContractsOptions } from '../../client/@tanstack/react-query.gen';
import type { ContractStatus } from '../../client/types.gen';
import { ContractStatusBadge } from '../../components/ContractStatusBadge';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { VendorSelect } from '../../components/VendorSelect';
import { useFormat } from '../../lib/format';
import { useCanEdit } from '../../lib/session';
import { CONTRACT_STATUSES, RenewalDueBadge } from './badges';
import { ContractsNav } from './ContractsNav';
import { GapSummary } from './GapMarks';

const route = getRouteApi('/_app/contracts');
const DEFAULT_SIZE = 50;

export function ContractsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const search = route.useSearch();
  const navigate = route.useNavigate();

  const page = search.page ?? 1;
  const size = search.size ?? DEFAULT_SIZE;
  const list = useQuery({
    ...contractsListContractsOptions({
      query: {
        page,
        size,
        sort: search.sort ?? '-updated_at',
        vendor_id: search.vendor,
        status: search.status?.length ? search.status : undefined,
        renewal_due: search.renewalDue || undefined,
      },
    }),
    placeholderData: keepPreviousData,
  });

  type Search = typeof search;
  const setSearch = (patch: Partial<Search>) =>
    void navigate({ search: (prev: Search) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const filtered = !!(search.status?.length || search.vendor || search.renewalDue);

  return (
    <>
      <ContractsNav current="list" />
      <PageHeader
        title={t('contracts.title')}
        description={t('contracts.subtitle')}
        actions={
          <>
            <ButtonLink to="/contracts/policy" variant="default" leftSection={<IconSettings size={16} />}>
              {t('contracts.policyLink')}
            </ButtonLink>
            {canEdit && (
              <ButtonLink to="/contracts/new" search={{ vendor: search.vendor }} leftSection={<IconPlus size={16} />}>
                {t('contracts.new')}
              </ButtonLink>
            )}
          </>
        }
      />

      <Paper withBorder radius="md" p="md">
        <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
          <VendorSelect
            label={t('contracts.vendorFilter')}
            placeholder={t('common.all')}
            clearable
            value={search.vendor ?? null}
            onChange={(v) => setSearch({ vendor: v ?? undefined })}
            w={260}
          />
          <MultiSelect
            label={t('contracts.statusFilter')}
            placeholder={search.status?.length ? undefined : t('common.all')}
            clearable
            value={search.status ?? []}
            onChange={(v) => setSearch({ status: v.length ? (v as ContractStatus[]) : undefined })}
            data={CONTRACT_STATUSES.map((s) => ({ value: s, label: t(`contracts.statuses.${s}`) }))}
            w={260}
          />
          <Select
            label={t('contracts.sort')}
            allowDeselect={false}
            value={search.sort ?? '-updated_at'}
            onChange={(v) => setSearch({ sort: (v as Search['sort']) ?? undefined })}
            data={[
              { value: '-updated_at', label: t('contracts.sortUpdated') },
              { value: 'end_date', label: t('contracts.sortEnd') },
              { value: 'notice_date', label: t('contracts.sortNotice') },
              { value: 'title', label: t('contracts.sortTitle') },
            ]}
            w={220}
          />
          <Tooltip label={t('contracts.renewalDueFilterHint')} withArrow multiline w={300} events={{ hover: true, focus: true, touch: false }}>
            <Checkbox
              label={t('contracts.renewalDueFilter')}
              checked={!!search.renewalDue}
              onChange={(e) => setSearch({ renewalDue: e.currentTarget.checked || undefined })}
              mb={8}
            />
          </Tooltip>
          {filtered && (
            <Button variant="subtle" onClick={() => setSearch({ status: undefined, vendor: undefined, renewalDue: undefined })}>
              {t('common.clearFilters')}
            </Button>
          )}
        </Group>

        {list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={1000}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('contracts.columns.title')}</Table.Th>
                  <Table.Th>{t('contracts.columns.vendor')}</Table.Th>
                  <Table.Th>{t('contracts.columns.status')}</Table.Th>
                  <Table.Th>{t('contracts.columns.endDate')}</Table.Th>
                  <Table.Th ta="right">{t('contracts.columns.clauses')}</Table.Th>
                  <Table.Th ta="right">{t('contracts.columns.incidentNotice')}</Table.Th>
                  <Table.Th>{t('contracts.columns.gaps')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <TableRows
                  columns={7}
                  loading={list.isPending}
                  empty={list.data?.items.length === 0}
                  emptyText={filtered ? t('common.noResults') : t('contracts.empty')}
                />
                {list.data?.items.map((c) => (
                  <Table.Tr key={c.id} data-testid="contract-row">
                    <Table.Td>
                      <AnchorLink to="/contracts/$contractId" params={{ contractId: c.id }} size="sm" fw={600}>
                        {c.title}
                      </AnchorLink>
                      {c.number && (
                        <Text size="xs" c="dimmed">
                          {c.number}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <AnchorLink to="/vendors/$vendorId" params={{ vendorId: c.vendor_id }} size="sm" c="inherit">
                        {c.vendor_name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <ContractStatusBadge status={c.status} />
                    </Table.Td>
                    <Table.Td className="nowrap">
                      <Text size="sm">{c.end_date ? f.day(c.end_date) : t('common.none')}</Text>
                      {c.notice_date && (
                        <Text size="xs" c={c.renewal_due ? 'red.9' : 'dimmed'} fw={c.renewal_due ? 600 : undefined}>
                          {t('contracts.noticeBy', { date: f.day(c.notice_date) })}
                        </Text>
                      )}
                      {c.renewal_due && <RenewalDueBadge />}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{t('contracts.clauseCount', { count: c.clauses.length })}</Text>
                    </Table.Td>
                    <Table.Td ta="right" className="nowrap">
                      <Text size="sm">
                        {c.incident_notice_hours === null ? t('common.none') : t('contracts.hours', { count: c.incident_notice_hours })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <GapSummary summary={c.gaps} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {list.data && (
          <Pager page={page} size={size} total={list.data.total} onPage={(p) => setSearch({ page: p === 1 ? undefined : p })} />
        )}
      </Paper>
    </>
  );
}
