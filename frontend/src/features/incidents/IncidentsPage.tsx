import { Button, Checkbox, Group, MultiSelect, Paper, Select, Table, Text, Tooltip } from '@mantine/core';
import { IconPlus, IconSettings } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { incidentsListIncidentsOptions } from '../../client/@tanstack/react-query.gen';
import type { IncidentStatus } from '../../client/types.gen';
import { INCIDENT_STATUSES, IncidentStatusBadge, OPEN_INCIDENT_STATUSES } from '../../components/IncidentStatusBadge';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { VendorSelect } from '../../components/VendorSelect';
import { useFormat } from '../../lib/format';
import { useCanEdit } from '../../lib/session';
import { NextDeadlineCell, PortalBadge, TriggerBadges, usePersons } from './parts';

const route = getRouteApi('/_app/incidents');
const DEFAULT_SIZE = 50;
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
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const page = search.page ?? 1;
  const size = search.size ?? DEFAULT_SIZE;
  const statuses = statusQuery(search.status, !!search.open);
  const list = useQuery({
    ...incidentsListIncidentsOptions({
      query: { page, size, sort: search.sort ?? '-aware_at', vendor_id: search.vendor, status: statuses ?? undefined },
    }),
    placeholderData: keepPreviousData,
    enabled: statuses !== null,
  });
  const items = statuses === null ? [] : list.data?.items;
  const total = statuses === null ? 0 : list.data?.total;

  type Search = typeof search;
  const setSearch = (patch: Partial<Search>) =>
    void navigate({ search: (prev: Search) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const filtered = !!(search.status?.length || search.vendor || search.open);

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
        <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
          <VendorSelect
            label={t('incidents.filters.vendor')}
            placeholder={t('common.all')}
            clearable
            value={search.vendor ?? null}
            onChange={(v) => setSearch({ vendor: v ?? undefined })}
            w={260}
          />
          <MultiSelect
            label={t('incidents.filters.status')}
            placeholder={search.status?.length ? undefined : t('common.all')}
            clearable
            value={search.status ?? []}
            onChange={(v) => setSearch({ status: v.length ? (v as IncidentStatus[]) : undefined })}
            data={INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidents.statuses.${s}`) }))}
            w={280}
          />
          <Select
            label={t('incidents.filters.sort')}
            allowDeselect={false}
            value={search.sort ?? '-aware_at'}
            onChange={(v) => setSearch({ sort: (v as Search['sort']) ?? undefined })}
            data={SORTS.map((s) => ({ value: s, label: t(`incidents.sorts.${s}`) }))}
            w={220}
          />
          <Tooltip label={t('incidents.filters.openOnlyHint')} withArrow multiline w={280} events={{ hover: true, focus: true, touch: false }}>
            <Checkbox
              label={t('incidents.filters.openOnly')}
              checked={!!search.open}
              onChange={(e) => setSearch({ open: e.currentTarget.checked || undefined })}
              mb={8}
            />
          </Tooltip>
          {filtered && (
            <Button variant="subtle" onClick={() => setSearch({ status: undefined, vendor: undefined, open: undefined })}>
              {t('common.clearFilters')}
            </Button>
          )}
        </Group>

        {list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table>
              <Table.Thead>
                <Table.Tr className="nowrap">
                  <Table.Th>{t('incidents.columns.title')}</Table.Th>
                  <Table.Th>{t('incidents.columns.vendor')}</Table.Th>
                  <Table.Th>{t('incidents.columns.status')}</Table.Th>
                  <Table.Th>{t('incidents.columns.reportable')}</Table.Th>
                  <Table.Th ta="right">{t('incidents.columns.persons')}</Table.Th>
                  <Table.Th>{t('incidents.columns.nextDeadline')}</Table.Th>
                  <Table.Th ta="right">{t('incidents.columns.overdue')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <TableRows
                  columns={7}
                  loading={statuses !== null && list.isPending}
                  empty={items?.length === 0}
                  emptyText={filtered ? t('common.noResults') : t('incidents.empty')}
                />
                {items?.map((i) => (
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
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {total !== undefined && <Pager page={page} size={size} total={total} onPage={(p) => setSearch({ page: p === 1 ? undefined : p })} />}
      </Paper>
    </>
  );
}
