import { Alert, Badge, Paper, Skeleton, Tabs } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { monitoringListMonitoringItemsOptions, monitoringListVendorReportsOptions } from '../../client/@tanstack/react-query.gen';
import type { ItemKind, MonitoringItemRead, Stage } from '../../client/types.gen';
import { ButtonLink } from '../../components/links';
import { ClearFilters, FilterBar, MultiFilter, SortSelect, VendorFilter } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../lib/format';
import { useListSearch } from '../../lib/listSearch';
import { ITEM_KINDS, STAGES } from '../../lib/monitoring';
import { useCanEdit } from '../../lib/session';
import { monthBounds, monthOf, pagesNeeded, shiftMonth } from './calendar';
import { ItemsTable } from './ItemsTable';
import { MonitoringNav } from './MonitoringNav';
import { MonthGrid } from './MonthGrid';

const route = getRouteApi('/_app/monitoring');
const MAX_PAGE = 100; // the API's cap
const MAX_MONTH_PAGES = 10;
const SORTS = ['due_date', '-due_date', 'vendor', '-vendor'] as const;

/** Reports submitted and waiting for review, to tell them apart from those the vendor still owes. */
function useWaitingReports(): Set<string> {
  const waiting = useQuery(monitoringListVendorReportsOptions({ query: { status: ['submitted'], size: MAX_PAGE } }));
  return useMemo(() => new Set((waiting.data?.items ?? []).map((r) => r.id)), [waiting.data]);
}

/** Every item due in the month (the API pages at 100: a large register needs a few requests). */
function useMonthItems(query: { due_from: string; due_to: string; vendor_id?: string; kind?: ItemKind[]; stage?: Stage[] }) {
  const first = useQuery({
    ...monitoringListMonitoringItemsOptions({ query: { ...query, sort: 'due_date', size: MAX_PAGE, page: 1 } }),
    placeholderData: keepPreviousData,
  });
  const pages = Math.min(MAX_MONTH_PAGES, pagesNeeded(first.data?.total ?? 0, MAX_PAGE));
  const rest = useQueries({
    queries: Array.from({ length: pages - 1 }, (_, i) =>
      monitoringListMonitoringItemsOptions({ query: { ...query, sort: 'due_date', size: MAX_PAGE, page: i + 2 } }),
    ),
  });
  const items: MonitoringItemRead[] = [...(first.data?.items ?? []), ...rest.flatMap((q) => q.data?.items ?? [])];
  const error = first.error ?? rest.find((q) => q.error)?.error;
  const truncated = (first.data?.total ?? 0) > MAX_PAGE * MAX_MONTH_PAGES;
  return { items, error, loading: first.isPending, refetch: () => void first.refetch(), truncated };
}

/** The review calendar: what vendors owe and when, as a month grid, a filtered list, and the overdue list. */
export function CalendarPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const list = useListSearch(route, { filters: ['vendor', 'kind', 'stage'] });
  const { search, setSearch, paging } = list;
  type Search = typeof search;

  const view = search.view ?? 'calendar';
  const today = f.today();
  const month = monthOf(search.due_from ?? today);
  const bounds = monthBounds(month);
  const filters = { vendor_id: search.vendor, kind: search.kind };
  const waiting = useWaitingReports();

  const overdueCount = useQuery(monitoringListMonitoringItemsOptions({ query: { ...filters, stage: ['overdue'], size: 1 } }));
  const monthItems = useMonthItems({ ...filters, stage: search.stage, due_from: bounds.from, due_to: bounds.to });
  const items = useQuery({
    ...monitoringListMonitoringItemsOptions({
      query: {
        ...filters,
        page: paging.page,
        size: paging.size,
        sort: search.sort ?? SORTS[0],
        stage: view === 'overdue' ? ['overdue'] : search.stage,
        due_from: view === 'list' ? search.due_from : undefined,
        due_to: view === 'list' ? search.due_to : undefined,
      },
    }),
    placeholderData: keepPreviousData,
    enabled: view !== 'calendar',
  });

  // The month's dates are the calendar's, not a filter; in the list they narrow it.
  const filtered = list.filtered || (view === 'list' && !!(search.due_from || search.due_to));
  const goMonth = (delta: number | null) => {
    const next = monthBounds(delta === null ? monthOf(today) : shiftMonth(month, delta));
    setSearch({ due_from: delta === null ? undefined : next.from, due_to: delta === null ? undefined : next.to });
  };
  const changeView = (v: string | null) => {
    const next = (v ?? 'calendar') as Search['view'];
    // The overdue list has no dates or stages to keep; the calendar and the list share the month.
    if (next === 'overdue') setSearch({ view: next, stage: undefined, due_from: undefined, due_to: undefined, sort: undefined });
    else setSearch({ view: next === 'calendar' ? undefined : next, sort: undefined });
  };
  const overdueTotal = overdueCount.data?.total;

  return (
    <>
      <PageHeader
        title={t('monitoring.title')}
        description={t('monitoring.subtitle')}
        actions={
          canEdit && (
            <ButtonLink to="/monitoring/audits/new" search={{ vendor: search.vendor }} leftSection={<IconPlus size={16} />}>
              {t('monitoring.audits.new')}
            </ButtonLink>
          )
        }
      />
      <MonitoringNav current="calendar" />
      <Paper withBorder radius="md" p="md">
        <Tabs value={view} onChange={changeView} keepMounted={false}>
          <Tabs.List aria-label={t('monitoring.calendar.viewsLabel')} mb="md">
            <Tabs.Tab value="calendar">{t('monitoring.calendar.views.calendar')}</Tabs.Tab>
            <Tabs.Tab value="list">{t('monitoring.calendar.views.list')}</Tabs.Tab>
            <Tabs.Tab
              value="overdue"
              rightSection={
                overdueTotal ? (
                  <Badge size="sm" color="red.9" variant="filled" data-testid="overdue-total">
                    {f.number(overdueTotal)}
                  </Badge>
                ) : undefined
              }
            >
              {t('monitoring.calendar.views.overdue')}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>

        <FilterBar>
          <VendorFilter label={t('monitoring.filters.vendor')} value={search.vendor} onChange={(vendor) => setSearch({ vendor })} w={240} />
          <MultiFilter
            label={t('monitoring.filters.kind')}
            value={search.kind}
            onChange={(kind) => setSearch({ kind })}
            options={ITEM_KINDS}
            optionLabel={(k) => t(`monitoring.kinds.${k}`)}
            w={260}
          />
          {view !== 'overdue' && (
            <MultiFilter
              label={t('monitoring.filters.stage')}
              value={search.stage}
              onChange={(stage) => setSearch({ stage })}
              options={STAGES}
              optionLabel={(s) => t(`monitoring.stages.${s}`)}
              w={260}
            />
          )}
          {view === 'list' && (
            <>
              <DatePickerInput
                type="range"
                label={t('monitoring.filters.dueRange')}
                placeholder={t('audit.dateRangePlaceholder')}
                clearable
                allowSingleDateInRange
                valueFormat="YYYY/MM/DD"
                value={[search.due_from ?? null, search.due_to ?? null]}
                onChange={([from, to]) => {
                  if (from && !to) return; // wait for the end of the range
                  setSearch({ due_from: from ?? undefined, due_to: to ?? undefined });
                }}
                w={250}
              />
              <SortSelect
                label={t('monitoring.filters.sort')}
                value={search.sort}
                onChange={(sort) => setSearch({ sort })}
                options={SORTS}
                optionLabel={(s) => t(`monitoring.sorts.${s}`)}
                w={200}
              />
            </>
          )}
          <ClearFilters
            shown={filtered}
            onClear={() => setSearch({ vendor: undefined, kind: undefined, stage: undefined, ...(view === 'list' ? { due_from: undefined, due_to: undefined } : {}) })}
          />
        </FilterBar>

        {view === 'calendar' ? (
          monthItems.error ? (
            <QueryError error={monthItems.error} onRetry={monthItems.refetch} />
          ) : monthItems.loading ? (
            <Skeleton height={560} />
          ) : (
            <>
              {monthItems.truncated && (
                <Alert color="yellow" variant="light" mb="sm">
                  {t('monitoring.calendar.truncated')}
                </Alert>
              )}
              <MonthGrid
                month={month}
                today={today}
                items={monthItems.items}
                onMonth={goMonth}
                onDay={(day) => setSearch({ view: 'list', due_from: day, due_to: day })}
              />
            </>
          )
        ) : (
          <>
            {view === 'overdue' && !items.error && (
              <Alert color="red" variant="light" mb="sm" data-testid="overdue-explainer">
                {t('monitoring.calendar.overdueHint')}
              </Alert>
            )}
            <ItemsTable
              query={items}
              items={items.data?.items}
              waiting={waiting}
              emptyText={view === 'overdue' ? t('monitoring.calendar.noOverdue') : filtered ? t('common.noResults') : t('monitoring.calendar.empty')}
              paging={paging}
              count={items.data}
            />
          </>
        )}
      </Paper>
    </>
  );
}
