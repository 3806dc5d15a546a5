import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { AnchorLink } from '../../components/links';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  apiKeysListApiKeysOptions,
  auditEventsListAuditEventsOptions,
  organizationGetOrganizationOptions,
  usersListUsersOptions,
  vendorsListVendorsOptions,
} from '../../client/@tanstack/react-query.gen';
import { ListTable } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { TIERS, TierBadge } from '../../components/TierBadge';
import { useFormat } from '../../lib/format';
import { actionLabel, label } from '../../lib/labels';
import { useMe } from '../../lib/session';
import { AssessmentsCard } from './AssessmentsCard';
import { IncidentsCard } from './IncidentsCard';
import { MonitoringCard } from './MonitoringCard';

/** Vendors per tier: one `size=1` list call per tier, reading only `total`. */
function VendorsByTier() {
  const { t } = useTranslation();
  const f = useFormat();
  const counts = useQueries({
    queries: TIERS.map((tier) => vendorsListVendorsOptions({ query: { tier: [tier], size: 1 } })),
  });
  const failed = counts.find((q) => q.error);
  const total = counts.every((q) => q.data) ? counts.reduce((n, q) => n + (q.data?.total ?? 0), 0) : null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="vendors-by-tier">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg">
          {t('dashboard.vendorsByTier')}
        </Title>
        <AnchorLink to="/vendors" size="sm">
          {t('common.viewAll')}
        </AnchorLink>
      </Group>
      {failed ? (
        <QueryError error={failed.error} onRetry={() => counts.forEach((q) => void q.refetch())} />
      ) : (
        <Stack gap={6}>
          {TIERS.map((tier, i) => (
            <Group key={tier} justify="space-between" wrap="nowrap">
              <AnchorLink to="/vendors" search={{ tier: [tier] }} size="sm" underline="never" aria-label={t(`vendors.tiers.${tier}`)}>
                <TierBadge tier={tier} />
              </AnchorLink>
              {counts[i]?.data ? (
                <Text size="sm" fw={600} data-tier-count={tier}>
                  {f.number(counts[i].data.total)}
                </Text>
              ) : (
                <Skeleton height={14} width={32} />
              )}
            </Group>
          ))}
          <Text size="xs" c="dimmed" mt={4}>
            {total === null ? '\u00a0' : total === 0 ? t('dashboard.vendorsEmpty') : t('dashboard.vendorsTotal', { count: f.number(total) })}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}

function Stat({ title, hint, value, loading }: { title: string; hint?: string; value: ReactNode; loading: boolean }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="sm" c="dimmed" fw={500}>
        {title}
      </Text>
      {loading ? <Skeleton height={30} mt={6} width="40%" /> : <Text fz={26} fw={600} mt={2}>{value}</Text>}
      {hint && (
        <Text size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      )}
    </Paper>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const isAdmin = me.organization.role === 'admin';
  const members = useQuery(usersListUsersOptions({ query: { size: 1 } }));
  const keys = useQuery({ ...apiKeysListApiKeysOptions({ query: { include_revoked: false, size: 1 } }), enabled: isAdmin });
  const org = useQuery(organizationGetOrganizationOptions());
  const events = useQuery(auditEventsListAuditEventsOptions({ query: { size: 8 } }));

  return (
    <>
      <PageHeader title={t('dashboard.title')} description={t('dashboard.subtitle', { organization: me.organization.name })} />
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md" mb="lg">
        <Stat
          title={t('dashboard.members')}
          hint={t('dashboard.membersHint')}
          loading={members.isPending}
          value={members.data ? f.number(members.data.total) : t('common.none')}
        />
        {isAdmin && (
          <Stat
            title={t('dashboard.activeKeys')}
            hint={t('dashboard.activeKeysHint')}
            loading={keys.isPending}
            value={keys.data ? f.number(keys.data.total) : t('common.none')}
          />
        )}
        <Stat
          title={t('dashboard.jurisdiction')}
          loading={org.isPending}
          value={<Text fz={18} fw={600} mt={6}>{org.data ? org.data.jurisdiction : t('common.none')}</Text>}
          hint={org.data ? label(t, 'jurisdictions', org.data.jurisdiction) : undefined}
        />
        <Stat
          title={t('dashboard.timeZone')}
          loading={false}
          value={<Text fz={18} fw={600} mt={6}>{f.timeZone}</Text>}
        />
      </SimpleGrid>
      {(members.error || keys.error || org.error) && (
        <Stack mb="lg">
          {[members, keys, org].map((q, i) =>
            q.error ? <QueryError key={i} error={q.error} onRetry={() => void q.refetch()} /> : null,
          )}
        </Stack>
      )}

      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
        <Paper withBorder radius="md" p="md" style={{ gridColumn: 'span 2' }}>
          <Group justify="space-between" mb="sm">
            <Title order={2} fz="lg">
              {t('dashboard.recentActivity')}
            </Title>
            <AnchorLink to="/settings/audit" size="sm">
              {t('common.viewAll')}
            </AnchorLink>
          </Group>
          <ListTable
            query={events}
            items={events.data?.items}
            columns={3}
            minWidth={520}
            emptyText={t('dashboard.noActivity')}
            head={
              <>
                <Table.Th>{t('audit.occurredAt')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
              </>
            }
            row={(e) => (
              <Table.Tr key={e.id}>
                <Table.Td className="nowrap">
                  <AnchorLink to="/settings/audit" search={{ event: e.id }} size="sm">
                    {f.dateTime(e.occurred_at)}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={260}>
                    {e.actor_label}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Badge variant="light" color="gray" size="sm">
                      {label(t, 'audit.entityTypes', e.entity_type)}
                    </Badge>
                    <Text size="sm">{actionLabel(t, e.entity_type, e.action)}</Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            )}
          />
        </Paper>
        <Stack gap="md">
          <IncidentsCard />
          <MonitoringCard />
          <VendorsByTier />
          <AssessmentsCard />
        </Stack>
      </SimpleGrid>
    </>
  );
}
