import { Group, Paper, Table, Text } from '@mantine/core';
import { IconPlus, IconSettings } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { incidentsListIncidentsOptions } from '../../client/@tanstack/react-query.gen';
import type { IncidentStatus } from '../../client/types.gen';
import { INCIDENT_STATUSES, IncidentStatusBadge, OPEN_INCIDENT_STATUSES } from '../../components/IncidentStatusBadge';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { ClearFilters, FilterBar, FlagFilter, MultiFilter, SortSelect, VendorFilter } from '../../components/ListFilters';
import { ListTable } from '../../components/ListTable';
import { useFormat } from '../../lib/format';
import { useListSearch } from '../../lib/listSearch';
import { useCanEdit } from '../../lib/session';
import { NextDeadlineCell, PortalBadge, TriggerBadges, usePersons } from './parts';

const route = getRouteApi('/_app/incidents');
const FILTERS = ['status', 'vendor', 'open'] as const;
const SORTS = ['-aware_at', 'aware_at', '-updated_at', 'title'] as const;

/** The statuses to ask for: the chosen ones, narrowed to the open ones when "open only" is on; null: none can match. */
export function statusQuery(chosen: readonly IncidentStatus[] | undefined, openOnly: boolean): IncidentStatus[] | undefined | null {
  if (!openOnly) return chosen?.length ? [...chosen] : undefined;
  const open = chosen?.length ? chosen.filter((s) => OPEN_INCIDENT_STATUSES.includes(s)) : [...OPEN_INCIDENT_STATUSES];
  return open.length ? open : null;
}

export function IncidentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const persons = usePersons();
  const { search, setSearch, filtered, clearFilters, paging } = useListSearch(route, { filters: FILTERS });
  const statuses = statusQuery(search.status, !!search.open);
  const list = useQuery({
    ...incidentsListIncidentsOptions({
      query: { page: paging.page, size: paging.size, sort: search.sort ?? SORTS[0], vendor_id: search.vendor, status: statuses ?? undefined },
    }),
    placeholderData: keepPreviousData,
    enabled: statuses !== null,
  });

  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        description={t('incidents.subtitle')}
        actions={
          <>
            <ButtonLink to="/incidents/policy" variant="default" leftSection={<IconSettings size={16} />}>
              {t('incidents.policyLink')}
            </ButtonLink>
            {canEdit && (
              <ButtonLink to="/incidents/new" search={{ vendor: search.vendor }} leftSection={<IconPlus size={16} />}>
                {t('incidents.new')}
              </ButtonLink>
            )}
          </>
        }
      />
      <Paper withBorder radius="md" p="md">
        <FilterBar>
          <VendorFilter label={t('incidents.filters.vendor')} value={search.vendor} onChange={(vendor) => setSearch({ vendor })} w={260} />
          <MultiFilter
            label={t('incidents.filters.status')}
            value={search.status}
            onChange={(status) => setSearch({ status })}
            options={INCIDENT_STATUSES}
            optionLabel={(s) => t(`incidents.statuses.${s}`)}
            w={280}
          />
          <SortSelect
            label={t('incidents.filters.sort')}
            value={search.sort}
            onChange={(sort) => setSearch({ sort })}
            options={SORTS}
            optionLabel={(s) => t(`incidents.sorts.${s}`)}
            w={220}
          />
          <FlagFilter
            label={t('incidents.filters.openOnly')}
            hint={t('incidents.filters.openOnlyHint')}
            value={search.open}
            onChange={(open) => setSearch({ open })}
          />
          <ClearFilters shown={filtered} onClear={clearFilters} />
        </FilterBar>

        <ListTable
          query={list}
          // "Open only" with only closed statuses chosen: nothing can match, nothing is asked.
          items={statuses === null ? [] : list.data?.items}
          loading={statuses !== null && list.isPending}
          columns={7}
          minWidth={960}
          nowrapHead
          emptyText={t('incidents.empty')}
          filtered={filtered}
          paging={paging}
          count={statuses === null ? { total: 0 } : list.data}
          head={
            <>
              <Table.Th>{t('incidents.columns.title')}</Table.Th>
              <Table.Th>{t('incidents.columns.vendor')}</Table.Th>
              <Table.Th>{t('incidents.columns.status')}</Table.Th>
              <Table.Th>{t('incidents.columns.reportable')}</Table.Th>
              <Table.Th ta="right">{t('incidents.columns.persons')}</Table.Th>
              <Table.Th>{t('incidents.columns.nextDeadline')}</Table.Th>
              <Table.Th ta="right">{t('incidents.columns.overdue')}</Table.Th>
            </>
          }
          row={(i) => (
            <Table.Tr key={i.id} data-testid="incident-row">
              <Table.Td maw={360}>
                <AnchorLink to="/incidents/$incidentId" params={{ incidentId: i.id }} size="sm" fw={600}>
                  {i.title}
                </AnchorLink>
                <Group gap={6} mt={2}>
                  <Text size="xs" c="dimmed">
                    {t('incidents.awareOn', { at: f.dateTime(i.aware_at) })}
                  </Text>
                  {i.reported_via === 'portal' && <PortalBadge />}
                </Group>
              </Table.Td>
              <Table.Td>
                <AnchorLink to="/vendors/$vendorId" params={{ vendorId: i.vendor_id }} size="sm" c="inherit">
                  {i.vendor_name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <IncidentStatusBadge status={i.status} />
              </Table.Td>
              <Table.Td maw={220}>
                <TriggerBadges triggers={i.triggers} reportable={i.reportable} />
              </Table.Td>
              <Table.Td ta="right" className="nowrap">
                <Text size="sm">{persons(i)}</Text>
              </Table.Td>
              <Table.Td>
                <NextDeadlineCell next={i.next_deadline} />
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={i.overdue ? 700 : undefined} c={i.overdue ? 'red.9' : 'dimmed'} data-testid="overdue-count">
                  {i.overdue ? t('incidents.overdueCount', { count: i.overdue }) : t('common.none')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Paper>
    </>
  );
}
