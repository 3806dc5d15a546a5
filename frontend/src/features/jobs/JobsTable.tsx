import { Group, Select, Table } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { jobsListJobsOptions, jobsRetryJobMutation } from '../../client/@tanstack/react-query.gen';
import type { JobState } from '../../client/types.gen';
import { Pager } from '../../components/Pager';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';
import { JobRow } from './JobRows';

const route = getRouteApi('/_app/settings/jobs');
const DEFAULT_SIZE = 25;
const STATES: JobState[] = ['failed', 'queued', 'running', 'succeeded'];

export function JobsTable() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const page = search.page ?? 1;
  const size = search.size ?? DEFAULT_SIZE;

  const list = useQuery({
    ...jobsListJobsOptions({ query: { page, size, state: search.state ? [search.state] : undefined } }),
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
      <Group mb="md">
        <Select
          label={t('jobs.stateFilter')}
          placeholder={t('common.all')}
          clearable
          w={200}
          data={STATES.map((s) => ({ value: s, label: t(`jobs.states.${s}`) }))}
          value={search.state ?? null}
          onChange={(value) =>
            void navigate({
              search: (prev) => ({ ...prev, page: undefined, state: (value as JobState | null) ?? undefined }),
              replace: true,
            })
          }
        />
      </Group>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('jobs.columns.kind')}</Table.Th>
                <Table.Th>{t('jobs.columns.subject')}</Table.Th>
                <Table.Th miw={120}>{t('jobs.columns.state')}</Table.Th>
                <Table.Th miw={90}>{t('jobs.columns.attempts')}</Table.Th>
                <Table.Th>{t('jobs.columns.lastError')}</Table.Th>
                <Table.Th>{t('jobs.columns.created')}</Table.Th>
                <Table.Th w={120}>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <TableRows columns={7} loading={list.isPending} empty={list.data?.items.length === 0} emptyText={t('jobs.emptyJobs')} />
              {list.data?.items.map((job) => (
                <JobRow
                  key={job.id}
                  job={job}
                  onRetry={() => retry.mutate({ path: { job_id: job.id } })}
                  retrying={retry.isPending && retry.variables.path.job_id === job.id}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data && (
        <Pager
          page={page}
          size={size}
          total={list.data.total}
          onPage={(p) => void navigate({ search: (prev) => ({ ...prev, page: p === 1 ? undefined : p }) })}
        />
      )}
    </>
  );
}
