import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dashboardGetDashboardOptions } from '../../client/@tanstack/react-query.gen';
import type { TierCountsRead } from '../../client/types.gen';
import { AnchorLink } from '../../components/links';
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

/** Vendors per tier, each linking to the register filtered by it. */
function VendorsByTier({ counts }: { counts: TierCountsRead | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const total = counts ? TIERS.reduce((n, tier) => n + counts[tier], 0) : null;
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
      <Stack gap={6}>
        {TIERS.map((tier) => (
          <Group key={tier} justify="space-between" wrap="nowrap">
            <AnchorLink to="/vendors" search={{ tier: [tier] }} size="sm" underline="never" aria-label={t(`vendors.tiers.${tier}`)}>
              <TierBadge tier={tier} />
            </AnchorLink>
            {counts ? (
              <Text size="sm" fw={600} data-tier-count={tier}>
                {f.number(counts[tier])}
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

/**
 * Every card reads its part of one `GET /dashboard`, asked again on each visit (every feature's changes show here,
 * so none of them needs to know this page); a failed read shows once, with a retry button, instead of the cards.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const isAdmin = me.organization.role === 'admin';
  const dashboard = useQuery({ ...dashboardGetDashboardOptions(), staleTime: 0 });
  const d = dashboard.data;

  const header = <PageHeader title={t('dashboard.title')} description={t('dashboard.subtitle', { organization: me.organization.name })} />;
  if (dashboard.error) {
    return (
      <>
        {header}
        <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      </>
    );
  }
  return (
    <>
      {header}
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md" mb="lg">
        <Stat
          title={t('dashboard.members')}
          hint={t('dashboard.membersHint')}
          loading={!d}
          value={d ? f.number(d.organization.members) : t('common.none')}
        />
        {isAdmin && (
          <Stat
            title={t('dashboard.activeKeys')}
            hint={t('dashboard.activeKeysHint')}
            loading={!d}
            value={d?.organization.active_api_keys != null ? f.number(d.organization.active_api_keys) : t('common.none')}
          />
        )}
        <Stat
          title={t('dashboard.jurisdiction')}
          loading={!d}
          value={<Text fz={18} fw={600} mt={6}>{d ? d.organization.jurisdiction : t('common.none')}</Text>}
          hint={d ? label(t, 'jurisdictions', d.organization.jurisdiction) : undefined}
        />
        <Stat
          title={t('dashboard.timeZone')}
          loading={false}
          value={<Text fz={18} fw={600} mt={6}>{f.timeZone}</Text>}
        />
      </SimpleGrid>

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
            query={dashboard}
            items={d?.recent_activity}
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
          <IncidentsCard dashboard={d} />
          <MonitoringCard counts={d?.monitoring} />
          <VendorsByTier counts={d?.vendors_by_tier} />
          <AssessmentsCard counts={d?.assessments} />
        </Stack>
      </SimpleGrid>
    </>
  );
}
