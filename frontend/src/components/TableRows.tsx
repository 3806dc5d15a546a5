import { Skeleton, Table } from '@mantine/core';
import { EmptyText } from './QueryState';

/** Placeholder rows while a list loads, or one row saying it is empty. */
export function TableRows({ columns, loading, empty, emptyText }: { columns: number; loading: boolean; empty: boolean; emptyText: string }) {
  if (loading) {
    return Array.from({ length: 4 }, (_, i) => (
      <Table.Tr key={i}>
        {Array.from({ length: columns }, (_, j) => (
          <Table.Td key={j}>
            <Skeleton height={14} radius="sm" />
          </Table.Td>
        ))}
      </Table.Tr>
    ));
  }
  if (empty) {
    return (
      <Table.Tr>
        <Table.Td colSpan={columns}>
          <EmptyText>{emptyText}</EmptyText>
        </Table.Td>
      </Table.Tr>
    );
  }
  return null;
}
