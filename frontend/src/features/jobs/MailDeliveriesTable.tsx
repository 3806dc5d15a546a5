import { Table } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { jobsListMailDeliveriesOptions } from '../../client/@tanstack/react-query.gen';
import type { MailOutcome } from '../../client/types.gen';
import { FilterBar, SelectFilter } from '../../components/ListFilters';
import { ListTable } from '../../components/ListTable';
import { useListSearch } from '../../lib/listSearch';
import { MailDeliveryRow } from './JobRows';

const route = getRouteApi('/_app/settings/jobs');
const OUTCOMES: MailOutcome[] = ['failed', 'not_sent', 'sent'];

export function MailDeliveriesTable() {
  const { t } = useTranslation();
  const { search, setSearch, paging } = useListSearch(route, { size: 25 });

  const list = useQuery({
    ...jobsListMailDeliveriesOptions({ query: { page: paging.page, size: paging.size, outcome: search.outcome } }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <FilterBar>
        <SelectFilter
          label={t('jobs.outcomeFilter')}
          value={search.outcome}
          onChange={(outcome) => setSearch({ outcome })}
          options={OUTCOMES}
          optionLabel={(o) => t(`jobs.outcomes.${o}`)}
          w={200}
        />
      </FilterBar>
      <ListTable
        query={list}
        items={list.data?.items}
        columns={6}
        minWidth={900}
        emptyText={t('jobs.emptyMail')}
        paging={paging}
        count={list.data}
        head={
          <>
            <Table.Th>{t('jobs.columns.attemptedAt')}</Table.Th>
            <Table.Th>{t('jobs.columns.kind')}</Table.Th>
            <Table.Th>{t('jobs.columns.recipient')}</Table.Th>
            <Table.Th>{t('jobs.columns.subject')}</Table.Th>
            <Table.Th miw={110}>{t('jobs.columns.outcome')}</Table.Th>
            <Table.Th>{t('jobs.columns.reason')}</Table.Th>
          </>
        }
        row={(d) => <MailDeliveryRow key={d.id} delivery={d} />}
      />
    </>
  );
}
