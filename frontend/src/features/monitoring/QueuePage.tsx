import { Paper, Title } from '@mantine/core';
import type { ComponentProps, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ClearFilters, FilterBar, MultiFilter, VendorFilter } from '../../components/ListFilters';
import { ListTable } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import type { ListQuery } from '../../components/QueryState';
import type { ListState } from '../../lib/listSearch';
import { MonitoringNav } from './MonitoringNav';

/** The URL state of a monitoring list filtered by vendor and status. */
export type VendorStatusList<S extends string> = ListState<{ vendor?: string; status?: S[] }>;

/** The vendor and status filters of a monitoring list (audits, the queues). */
export function VendorStatusFilters<S extends string>({
  list,
  statusLabel,
  statuses,
  statusText,
}: {
  list: VendorStatusList<S>;
  statusLabel: string;
  statuses: readonly S[];
  statusText: (status: S) => string;
}) {
  const { t } = useTranslation();
  const { search, setSearch } = list;
  return (
    <FilterBar>
      <VendorFilter label={t('monitoring.filters.vendor')} value={search.vendor} onChange={(vendor) => setSearch({ vendor })} w={240} />
      <MultiFilter label={statusLabel} value={search.status} onChange={(status) => setSearch({ status })} options={statuses} optionLabel={statusText} w={280} />
      <ClearFilters shown={list.filtered} onClear={list.clearFilters} />
    </FilterBar>
  );
}

type Table<T> = Pick<ComponentProps<typeof ListTable<T>>, 'columns' | 'minWidth' | 'head' | 'row'>;
type Read<T> = ListQuery & { data?: { items: T[]; total: number } };

/**
 * A queue of what vendors sent for staff to decide (reports to review, change requests): first what waits, oldest
 * first, then everything with filters and pages. Both lists are the same table.
 */
export function QueuePage<T, S extends string>({
  current,
  texts,
  waiting,
  all,
  list,
  statuses,
  statusText,
  table,
  testId,
}: {
  current: 'reports' | 'changes';
  texts: { title: string; subtitle: string; waitingTitle: string; waitingEmpty: string; allTitle: string; empty: string; status: string };
  waiting: Read<T>;
  all: Read<T>;
  list: VendorStatusList<S>;
  statuses: readonly S[];
  statusText: (status: S) => string;
  table: Table<T>;
  /** The waiting list's test id. */
  testId: string;
}): ReactNode {
  return (
    <>
      <PageHeader title={texts.title} description={texts.subtitle} />
      <MonitoringNav current={current} />
      <Paper withBorder radius="md" p="md" mb="lg" data-testid={testId}>
        <Title order={2} fz="lg" mb="xs">
          {texts.waitingTitle}
        </Title>
        <ListTable {...table} verticalSpacing="xs" nowrapHead query={waiting} items={waiting.data?.items} emptyText={texts.waitingEmpty} />
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={2} fz="lg" mb="xs">
          {texts.allTitle}
        </Title>
        <VendorStatusFilters list={list} statusLabel={texts.status} statuses={statuses} statusText={statusText} />
        <ListTable
          {...table}
          verticalSpacing="xs"
          nowrapHead
          query={all}
          items={all.data?.items}
          emptyText={texts.empty}
          filtered={list.filtered}
          paging={list.paging}
          count={all.data}
        />
      </Paper>
    </>
  );
}
