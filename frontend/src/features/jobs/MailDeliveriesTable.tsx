import { Group, Select, Table } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { jobsListMailDeliveriesOptions } from '../../client/@tanstack/react-query.gen';
import type { MailOutcome } from '../../client/types.gen';
import { Pager } from '../../components/Pager';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { MailDeliveryRow } from './JobRows';

const route = getRouteApi('/_app/settings/jobs');
const DEFAULT_SIZE = 25;
const OUTCOMES: MailOutcome[] = ['failed', 'not_sent', 'sent'];

export function MailDeliveriesTable() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const page = search.page ?? 1;
  const size = search.size ?? DEFAULT_SIZE;

  const list = useQuery({
    ...jobsListMailDeliveriesOptions({ query: { page, size, outcome: search.outcome } }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <Group mb="md">
        <Select
          label={t('jobs.outcomeFilter')}
          placeholder={t('common.all')}
          clearable
          w={200}
          data={OUTCOMES.map((o) => ({ value: o, label: t(`jobs.outcomes.${o}`) }))}
          value={search.outcome ?? null}
          onChange={(value) =>
            void navigate({
              search: (prev) => ({ ...prev, page: undefined, outcome: (value as MailOutcome | null) ?? undefined }),
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
                <Table.Th>{t('jobs.columns.attemptedAt')}</Table.Th>
                <Table.Th>{t('jobs.columns.kind')}</Table.Th>
                <Table.Th>{t('jobs.columns.recipient')}</Table.Th>
                <Table.Th>{t('jobs.columns.subject')}</Table.Th>
                <Table.Th miw={110}>{t('jobs.columns.outcome')}</Table.Th>
                <Table.Th>{t('jobs.columns.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <TableRows columns={6} loading={list.isPending} empty={list.data?.items.length === 0} emptyText={t('jobs.emptyMail')} />
              {list.data?.items.map((d) => (
                <MailDeliveryRow key={d.id} delivery={d} />
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
