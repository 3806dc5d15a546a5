import type { AnyRouter, RegisteredRouter, RouteApi, RouteById, RouteIds } from '@tanstack/react-router';

type RouteId = RouteIds<RegisteredRouter['routeTree']>;
/** The validated search params of a route (its zod schema's output). */
export type SearchOf<TId extends RouteId> = RouteById<RegisteredRouter['routeTree'], TId>['types']['fullSearchSchema'];
type Navigate<S> = (options: { search: (prev: S) => S; replace?: boolean }) => Promise<void>;

/** The pager's part of a list's URL state: which page, how many a page, and how to turn the page. */
export type Paging = { page: number; size: number; onPage: (page: number) => void };

/** A list page's URL state and what changes it (see `useListSearch`). */
export type ListState<S> = {
  search: S;
  /** Filters and sort: back to the first page, in place of the current history entry. */
  setSearch(patch: Partial<S>): void;
  /** Anything else kept in the URL (an open drawer or dialog): the page stays; a new history entry unless `replace`. */
  patchSearch(patch: Partial<S>, options?: { replace?: boolean }): void;
  /** Any of the named filters is set. */
  filtered: boolean;
  clearFilters(): void;
  paging: Paging;
};

/** Whether a filter value narrows the list: set, and not an empty list or an unticked box. */
function isSet(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== '' && value !== false;
}

/**
 * A list page's state in the URL (STYLE rule 14: page, size, sort and filters, so the view can be bookmarked and
 * shared). `filters` names the search params that narrow the list: they make it `filtered` (the empty text says
 * "no results" rather than "none yet") and `clearFilters` removes them. Changing a filter or the sort goes back to
 * the first page and replaces the history entry, so typing in a search box does not fill the back button.
 */
export function useListSearch<TId extends RouteId, K extends keyof SearchOf<TId> = never>(
  route: RouteApi<TId, AnyRouter>,
  { size: defaultSize = 50, filters = [] }: { size?: number; filters?: readonly K[] } = {},
): ListState<SearchOf<TId>> {
  type S = SearchOf<TId>;
  const search = route.useSearch() as S;
  const navigate = route.useNavigate() as unknown as Navigate<S>;
  const paged = search as { page?: number; size?: number };

  const setSearch = (patch: Partial<S>) =>
    void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const patchSearch = (patch: Partial<S>, { replace = false } = {}) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace });

  const filtered = filters.some((k) => isSet(search[k]));
  const clearFilters = () => setSearch(Object.fromEntries(filters.map((k) => [k, undefined])) as Partial<S>);
  const paging: Paging = {
    page: paged.page ?? 1,
    size: paged.size ?? defaultSize,
    onPage: (p) => setSearch({ page: p === 1 ? undefined : p } as Partial<S>),
  };

  return { search, setSearch, patchSearch, filtered, clearFilters, paging };
}
