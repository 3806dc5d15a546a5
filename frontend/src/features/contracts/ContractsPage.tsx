import { Paper, Table, Text } from '@mantine/core';
import { IconPlus, IconSettings } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { contractsListContractsOptions } from '../../client/@tanstack/react-query.gen';
import { ContractStatusBadge } from '../../components/ContractStatusBadge';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ClearFilters, FilterBar, FlagFilter, MultiFilter, SortSelect, VendorFilter } from '../../components/ListFilters';
import { ListTable } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';
import { useListSearch } from '../../lib/listSearch';
import { useCanEdit } from '../../lib/session';
import { CONTRACT_STATUSES, RenewalDueBadge } from './badges';
import { ContractsNav } from './ContractsNav';
import { GapSummary } from './GapMarks';

const route = getRouteApi('/_app/contracts');
const FILTERS = ['status', 'vendor', 'renewalDue'] as const;
const SORTS = ['-updated_at', 'end_date', 'notice_date', 'title'] as const;
const SORT_LABELS = {
  '-updated_at': 'contracts.sortUpdated',
  end_date: 'contracts.sortEnd',
  notice_date: 'contracts.sortNotice',
  title: 'contracts.sortTitle',
} as const;

export function ContractsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const { search, setSearch, filtered, clearFilters, paging } = useListSearch(route, { filters: FILTERS });

  const list = useQuery({
    ...contractsListContractsOptions({
      query: {
        page: paging.page,
        size: paging.size,
        sort: search.sort ?? SORTS[0],
        vendor_id: search.vendor,
        status: search.status?.length ? search.status : undefined,
        renewal_due: search.renewalDue || undefined,
      },
    }),
    placeholderData: keepPreviousData,
  });

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
        <FilterBar>
          <VendorFilter label={t('contracts.vendorFilter')} value={search.vendor} onChange={(vendor) => setSearch({ vendor })} w={260} />
          <MultiFilter
            label={t('contracts.statusFilter')}
            value={search.status}
            onChange={(status) => setSearch({ status })}
            options={CONTRACT_STATUSES}
            optionLabel={(s) => t(`contracts.statuses.${s}`)}
            w={260}
          />
          <SortSelect
            label={t('contracts.sort')}
            value={search.sort}
            onChange={(sort) => setSearch({ sort })}
            options={SORTS}
            optionLabel={(s) => t(SORT_LABELS[s])}
            w={220}
          />
          <FlagFilter
            label={t('contracts.renewalDueFilter')}
            hint={t('contracts.renewalDueFilterHint')}
            hintWidth={300}
            value={search.renewalDue}
            onChange={(renewalDue) => setSearch({ renewalDue })}
          />
          <ClearFilters shown={filtered} onClear={clearFilters} />
        </FilterBar>

        <ListTable
          query={list}
          items={list.data?.items}
          columns={7}
          minWidth={1000}
          emptyText={t('contracts.empty')}
          filtered={filtered}
          paging={paging}
          count={list.data}
          head={
            <>
              <Table.Th>{t('contracts.columns.title')}</Table.Th>
              <Table.Th>{t('contracts.columns.vendor')}</Table.Th>
              <Table.Th>{t('contracts.columns.status')}</Table.Th>
              <Table.Th>{t('contracts.columns.endDate')}</Table.Th>
              <Table.Th ta="right">{t('contracts.columns.clauses')}</Table.Th>
              <Table.Th ta="right">{t('contracts.columns.incidentNotice')}</Table.Th>
              <Table.Th>{t('contracts.columns.gaps')}</Table.Th>
            </>
          }
          row={(c) => (
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
          )}
        />
      </Paper>
    </>
  );
}
