import type { QueryClient } from '@tanstack/react-query';

/**
 * Invalidate every cached query of the given generated operations (e.g. 'usersListUsers'),
 * whatever their parameters: the generated keys are `[{ _id, query, ... }]` and match partially.
 */
export function invalidateOperations(queryClient: QueryClient, ...ids: string[]): Promise<void[]> {
  return Promise.all(ids.map((_id) => queryClient.invalidateQueries({ queryKey: [{ _id }] })));
}
