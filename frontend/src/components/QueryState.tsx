import { Skeleton, Text, type TextProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { QueryError } from './QueryError';

/** What a list or another read needs of its query: the generated query options' `useQuery` result fits. */
export type ListQuery = { error: unknown; isPending: boolean; refetch: () => unknown };

/** The quiet line that stands where a list has nothing to show. */
export function EmptyText({ children, ...props }: TextProps & { children: ReactNode; 'data-testid'?: string }) {
  return (
    <Text c="dimmed" ta="center" py="lg" size="sm" {...props}>
      {children}
    </Text>
  );
}

/**
 * What a read shows when it is not a table (a tree, a matrix, cards): the failure with a retry button, a placeholder
 * while it loads, `empty` when `isEmpty` says there is nothing, else `children` with the data.
 */
export function QueryState<T>({
  query,
  placeholder = <Skeleton height={120} radius="md" />,
  isEmpty,
  empty,
  children,
}: {
  query: ListQuery & { data?: T };
  placeholder?: ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return placeholder;
  if (isEmpty?.(query.data)) return empty;
  return children(query.data);
}
