import { Badge, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { auditEventsListAuditEventsOptions, usersListUsersOptions } from '../../client/@tanstack/react-query.gen';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { addDays, startOfDayInZone, useFormat } from '../../lib/format';
import { actionLabel, label } from '../../lib/labels';
import { AuditEventDrawer } from './AuditEventDrawer';
import { ChainIntegrity } from './ChainIntegrity';
import { diffRows } from '../../lib/auditDiff';

const route = getRouteApi('/_app/settings/audit');
const DEFAULT_SIZE = 50;

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
  const search = route.useSearch();
  const navigate = route.useNavigate();
  type Search = typeof search;
  const setSearch = (patch: Partial<Search>) =>
    void navigate({ search: (prev: Search) => ({ ...prev, page: undefined, ...patch }), replace: true });

  const page = search.page ?? 1;
  const size = search.size ?? DEFAULT_SIZE;
  const list = useQuery({
    ...auditEventsListAuditEventsOptions({
      query: {
        page,
        size,
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

  const filtered = !!(search.entity_type || search.action || search.actor || search.from || search.to);
  const selected = list.data?.items.find((e) => e.id === search.event);

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.subtitle')} />
      <ChainIntegrity />
      <Paper withBorder radius="md" p="md">
        <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
          <Select
            label={t('audit.entityType')}
            placeholder={t('common.all')}
            clearable
            value={search.entity_type ?? null}
            onChange={(v) => setSearch({ entity_type: v ?? undefined })}
            data={ENTITY_TYPES.map((v) => ({ value: v, label: label(t, 'audit.entityTypes', v) }))}
            w={160}
          />
          <Select
            label={t('audit.action')}
            placeholder={t('common.all')}
            clearable
            value={search.action ?? null}
            onChange={(v) => setSearch({ action: v ?? undefined })}
            data={ACTIONS.map((v) => ({ value: v, label: label(t, 'audit.actions', v) }))}
            w={200}
          />
          <Select
            label={t('audit.actor')}
            placeholder={t('common.all')}
            clearable
            searchable
            value={search.actor ?? null}
            onChange={(v) => setSearch({ actor: v ?? undefined })}
            data={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))}
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
          {filtered && (
            <Button
              variant="subtle"
              onClick={() =>
                setSearch({ entity_type: undefined, action: undefined, actor: undefined, from: undefined, to: undefined })
              }
            >
              {t('common.clearFilters')}
            </Button>
          )}
        </Group>

        {list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('audit.occurredAt')}</Table.Th>
                  <Table.Th>{t('audit.actor')}</Table.Th>
                  <Table.Th>{t('audit.entityType')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.changes')}</Table.Th>
                  <Table.Th w={90}>
                    <span className="visually-hidden">{t('common.details')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <TableRows
                  columns={6}
                  loading={list.isPending}
                  empty={list.data?.items.length === 0}
                  emptyText={t('audit.empty')}
                />
                {list.data?.items.map((e) => {
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
                          onClick={() => void navigate({ search: (prev: Search) => ({ ...prev, event: e.id }) })}
                          aria-label={`${t('audit.open')}: ${actionLabel(t, e.entity_type, e.action)} ${f.dateTime(e.occurred_at)}`}
                        >
                          {t('common.details')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {list.data && (
          <Pager
            page={page}
            size={size}
            total={list.data.total}
            onPage={(p) => void navigate({ search: (prev: Search) => ({ ...prev, page: p === 1 ? undefined : p }) })}
          />
        )}
      </Paper>
      <AuditEventDrawer
        eventId={search.event}
        fromList={selected}
        onClose={() => void navigate({ search: (prev: Search) => ({ ...prev, event: undefined }) })}
      />
    </>
  );
}
