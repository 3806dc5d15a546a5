import { Badge, Button, Paper, Table, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { auditEventsListAuditEventsOptions, usersListUsersOptions } from '../../client/@tanstack/react-query.gen';
import { ClearFilters, FilterBar, SelectFilter } from '../../components/ListFilters';
import { ActionsHead, ListTable } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { addDays, startOfDayInZone, useFormat } from '../../lib/format';
import { actionLabel, label } from '../../lib/labels';
import { useListSearch } from '../../lib/listSearch';
import { AuditEventDrawer } from './AuditEventDrawer';
import { ChainIntegrity } from './ChainIntegrity';
import { diffRows } from '../../lib/auditDiff';

const route = getRouteApi('/_app/settings/audit');
const FILTERS = ['entity_type', 'action', 'actor', 'from', 'to'] as const;

// The records and actions the API records today; the filters accept any value in the URL.
const ENTITY_TYPES = [
  'user',
  'api_key',
  'organization',
  'vendor',
  'vendor_contact',
  'vendor_processing',
  'vendor_subcontract',
  'vendor_certification',
  'file',
  'questionnaire',
  'assessment',
  'finding',
  'portal_invitation',
  'contract',
  'clause_requirement',
  'incident',
  'incident_obligation',
  'vendor_report',
  'audit',
  'change_request',
  'calendar_feed',
  'job',
];
const ACTIONS = [
  'created',
  'invited',
  'invitation_accepted',
  'membership_updated',
  'profile_updated',
  'password_changed',
  'password_reset',
  'two_factor_enabled',
  'two_factor_disabled',
  'two_factor_reset',
  'recovery_codes_renewed',
  'signed_out_everywhere',
  'invitation_declined',
  'updated',
  'revoked',
  'deleted',
  'tier_overridden',
  'imported',
  'updated_by_import',
  'uploaded',
  'monitoring_policy_updated',
  'submitted',
  'queried',
  'accepted',
  'status_changed',
  'requested',
  'approved',
  'refused',
];

export function AuditTrailPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { search, setSearch, patchSearch, filtered, clearFilters, paging } = useListSearch(route, { filters: FILTERS });

  const list = useQuery({
    ...auditEventsListAuditEventsOptions({
      query: {
        page: paging.page,
        size: paging.size,
        sort: search.sort ?? '-occurred_at',
        entity_type: search.entity_type,
        action: search.action,
        actor_id: search.actor,
        occurred_from: search.from ? startOfDayInZone(search.from, f.timeZone) : undefined,
        occurred_to: search.to ? startOfDayInZone(addDays(search.to, 1), f.timeZone) : undefined,
      },
    }),
    placeholderData: keepPreviousData,
  });
  const people = useQuery(usersListUsersOptions({ query: { size: 100, sort: 'name' } }));
  const actors = new Map((people.data?.items ?? []).map((p) => [p.id, `${p.name} (${p.email})`]));

  const selected = list.data?.items.find((e) => e.id === search.event);

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.subtitle')} />
      <ChainIntegrity />
      <Paper withBorder radius="md" p="md">
        <FilterBar>
          <SelectFilter
            label={t('audit.entityType')}
            value={search.entity_type}
            onChange={(entity_type) => setSearch({ entity_type })}
            options={ENTITY_TYPES}
            optionLabel={(v) => label(t, 'audit.entityTypes', v)}
            w={160}
          />
          <SelectFilter
            label={t('audit.action')}
            value={search.action}
            onChange={(action) => setSearch({ action })}
            options={ACTIONS}
            optionLabel={(v) => label(t, 'audit.actions', v)}
            w={200}
          />
          <SelectFilter
            label={t('audit.actor')}
            searchable
            value={search.actor}
            onChange={(actor) => setSearch({ actor })}
            options={(people.data?.items ?? []).map((p) => p.id)}
            optionLabel={(id) => actors.get(id) ?? ''}
            w={260}
          />
          <DatePickerInput
            type="range"
            label={t('audit.dateRange')}
            placeholder={t('audit.dateRangePlaceholder')}
            clearable
            allowSingleDateInRange
            valueFormat="YYYY/MM/DD"
            value={[search.from ?? null, search.to ?? null]}
            onChange={([from, to]) => {
              if (from && !to) return; // wait for the end of the range
              setSearch({ from: from ?? undefined, to: to ?? undefined });
            }}
            w={250}
          />
          <ClearFilters shown={filtered} onClear={clearFilters} />
        </FilterBar>

        <ListTable
          query={list}
          items={list.data?.items}
          columns={6}
          minWidth={820}
          emptyText={t('audit.empty')}
          paging={paging}
          count={list.data}
          head={
            <>
              <Table.Th>{t('audit.occurredAt')}</Table.Th>
              <Table.Th>{t('audit.actor')}</Table.Th>
              <Table.Th>{t('audit.entityType')}</Table.Th>
              <Table.Th>{t('audit.action')}</Table.Th>
              <Table.Th>{t('audit.changes')}</Table.Th>
              <ActionsHead w={90} label={t('common.details')} />
            </>
          }
          row={(e) => {
            const fields = diffRows(e.changes).map((r) => label(t, 'audit.fields', r.field));
            return (
              <Table.Tr key={e.id} data-testid="audit-row">
                <Table.Td className="nowrap">
                  <Text size="sm">{f.dateTime(e.occurred_at)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" maw={240} truncate title={e.actor_label}>
                    {e.actor_label}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color="gray" size="sm">
                    {label(t, 'audit.entityTypes', e.entity_type)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{actionLabel(t, e.entity_type, e.action)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={fields.length ? undefined : 'dimmed'} lineClamp={1}>
                    {fields.length ? fields.join(t('common.listSeparator')) : t('audit.noFieldChanges')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => patchSearch({ event: e.id })}
                    aria-label={`${t('audit.open')}: ${actionLabel(t, e.entity_type, e.action)} ${f.dateTime(e.occurred_at)}`}
                  >
                    {t('common.details')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          }}
        />
      </Paper>
      <AuditEventDrawer
        eventId={search.event}
        fromList={selected}
        onClose={() => patchSearch({ event: undefined })}
      />
    </>
  );
}
