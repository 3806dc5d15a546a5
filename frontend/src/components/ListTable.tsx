import { Table, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paging } from '../lib/listSearch';
import { type Counted, Pager } from './Pager';
import { QueryError } from './QueryError';
import type { ListQuery } from './QueryState';
import { TableRows } from './TableRows';

/**
 * A list as a table with its states: the failed read with a retry button in place of the table, placeholder rows
 * while it loads, one row saying it is empty ("no results" when `filtered`), and the pager under it when `paging`
 * and the `count` are known. `head` is the header row's cells, `columns` their number.
 */
export function ListTable<T>({
  query,
  items,
  loading,
  head,
  columns,
  row,
  emptyText,
  filtered = false,
  minWidth,
  verticalSpacing,
  nowrapHead = false,
  paging,
  count,
}: {
  query: ListQuery;
  items: readonly T[] | undefined;
  /** When the read alone does not say (e.g. a query left disabled). */
  loading?: boolean;
  head: ReactNode;
  columns: number;
  row: (item: T) => ReactNode;
  emptyText: string;
  filtered?: boolean;
  minWidth: number;
  verticalSpacing?: MantineSpacing;
  nowrapHead?: boolean;
  paging?: Paging;
  count?: Counted;
}) {
  const { t } = useTranslation();
  return (
    <>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table verticalSpacing={verticalSpacing}>
            <Table.Thead>
              <Table.Tr className={nowrapHead ? 'nowrap' : undefined}>{head}</Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <TableRows
                columns={columns}
                loading={loading ?? query.isPending}
                empty={items?.length === 0}
                emptyText={filtered ? t('common.noResults') : emptyText}
              />
              {items?.map(row)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {paging && count && <Pager {...paging} count={count} />}
    </>
  );
}

/** The header of a column of row menus or buttons: named for screen readers only (`w` null: as wide as it needs). */
export function ActionsHead({ w = 56, label }: { w?: number | null; label?: string }) {
  const { t } = useTranslation();
  return (
    <Table.Th w={w ?? undefined}>
      <span className="visually-hidden">{label ?? t('common.actions')}</span>
    </Table.Th>
  );
}
