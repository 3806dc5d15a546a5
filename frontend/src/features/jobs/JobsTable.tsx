import { Table } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { jobsListJobsOptions, jobsRetryJobMutation } from '../../client/@tanstack/react-query.gen';
import type { JobState } from '../../client/types.gen';
import { FilterBar, SelectFilter } from '../../components/ListFilters';
import { ActionsHead, ListTable } from '../../components/ListTable';
import { useListSearch } from '../../lib/listSearch';
import { notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';
import { JobRow } from './JobRows';

const route = getRouteApi('/_app/settings/jobs');
const STATES: JobState[] = ['failed', 'queued', 'running', 'succeeded'];

export function JobsTable() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { search, setSearch, paging } = useListSearch(route, { size: 25 });

  const list = useQuery({
    ...jobsListJobsOptions({ query: { page: paging.page, size: paging.size, state: search.state ? [search.state] : undefined } }),
    placeholderData: keepPreviousData,
  });
  const retry = useMutation({
    ...jobsRetryJobMutation(),
    onSuccess: () => notifySuccess(t('jobs.retried')),
    onSettled: () =>
      void invalidateOperations(queryClient, 'jobsListJobs', 'jobsListMailDeliveries', 'auditEventsListAuditEvents'),
  });

  return (
    <>
      <FilterBar>
        <SelectFilter
          label={t('jobs.stateFilter')}
          value={search.state}
          onChange={(state) => setSearch({ state })}
          options={STATES}
          optionLabel={(s) => t(`jobs.states.${s}`)}
          w={200}
        />
      </FilterBar>
      <ListTable
        query={list}
        items={list.data?.items}
        columns={7}
        minWidth={900}
        emptyText={t('jobs.emptyJobs')}
        paging={paging}
        count={list.data}
        head={
          <>
            <Table.Th>{t('jobs.columns.kind')}</Table.Th>
            <Table.Th>{t('jobs.columns.subject')}</Table.Th>
            <Table.Th miw={120}>{t('jobs.columns.state')}</Table.Th>
            <Table.Th miw={90}>{t('jobs.columns.attempts')}</Table.Th>
            <Table.Th>{t('jobs.columns.lastError')}</Table.Th>
            <Table.Th>{t('jobs.columns.created')}</Table.Th>
            <ActionsHead w={120} />
          </>
        }
        row={(job) => (
          <JobRow
            key={job.id}
            job={job}
            onRetry={() => retry.mutate({ path: { job_id: job.id } })}
            retrying={retry.isPending && retry.variables.path.job_id === job.id}
          />
        )}
      />
    </>
  );
}
