import { Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { monitoringGetVendorMonitoringOptions } from '../../client/@tanstack/react-query.gen';
import type { MonitoringItemRead, VendorRead } from '../../client/types.gen';
import { DaysLeft } from '../../components/DaysLeft';
import { AnchorLink, ButtonLink } from '../../components/links';
import { AuditStatusBadge, ReportStatusBadge } from '../../components/MonitoringBadges';
import { SettleLink, StageBadge } from '../../components/MonitoringItem';
import { QueryError } from '../../components/QueryError';
import { TierBadge } from '../../components/TierBadge';
import { textIn } from '../../lib/bilingual';
import { useFormat } from '../../lib/format';
import { STAGES } from '../../lib/monitoring';
import { useCanEdit } from '../../lib/session';

function ItemLine({ item }: { item: MonitoringItemRead }) {
  const { i18n } = useTranslation();
  const f = useFormat();
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs" data-testid="vendor-monitoring-item">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} lineClamp={1}>
          {textIn(item.title, i18n.language)}
        </Text>
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            {f.day(item.due_date)}
          </Text>
          <SettleLink item={item} size="xs" />
        </Group>
      </Stack>
      <DaysLeft days={item.days_left} overdue={item.stage === 'overdue'} />
    </Group>
  );
}

/** The vendor's monitoring at a glance: its plan, the calendar by stage, what is next and late, the last report and audit. */
export function MonitoringTab({ vendor }: { vendor: VendorRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const summary = useQuery(monitoringGetVendorMonitoringOptions({ path: { vendor_id: vendor.id } }));
  const s = summary.data;
  if (summary.error) return <QueryError error={summary.error} onRetry={() => void summary.refetch()} />;
  if (!s) return <Skeleton height={280} radius="md" />;
  const plan = s.plan;

  return (
    <Stack gap="md" data-testid="vendor-monitoring">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="sm" wrap="wrap" gap="sm">
          <Title order={2} fz="lg">
            {t('monitoring.vendorTab.title')}
          </Title>
          <Group gap="xs">
            <ButtonLink to="/monitoring" search={{ view: 'list', vendor: vendor.id }} size="xs" variant="default">
              {t('monitoring.vendorTab.calendar')}
            </ButtonLink>
            {canEdit && (
              <ButtonLink to="/monitoring/audits/new" search={{ vendor: vendor.id }} size="xs" leftSection={<IconPlus size={14} />}>
                {t('monitoring.audits.new')}
              </ButtonLink>
            )}
          </Group>
        </Group>
        <Group gap="xs" mb="md" wrap="wrap">
          <TierBadge tier={s.tier} />
          <Text size="sm" data-testid="vendor-plan">
            {t('monitoring.vendorTab.plan', {
              reassessment: t('monitoring.vendorTab.everyMonths', { count: plan.reassessment_months }),
              report: t(`monitoring.cadences.${plan.report}`),
              audit: plan.audit_months ? t('monitoring.vendorTab.everyMonths', { count: plan.audit_months }) : t('monitoring.cadences.on_demand'),
            })}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
          {STAGES.map((stage) => (
            <AnchorLink
              key={stage}
              to="/monitoring"
              search={{ view: 'list', vendor: vendor.id, stage: [stage] }}
              underline="never"
              c="inherit"
              data-testid={`count-${stage}`}
            >
              <Paper withBorder radius="sm" p="xs">
                <StageBadge stage={stage} />
                <Text fz={22} fw={600} mt={4}>
                  {f.number(s.counts[stage])}
                </Text>
              </Paper>
            </AnchorLink>
          ))}
        </SimpleGrid>
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder radius="md" p="md">
          <Title order={3} fz="md" mb="sm">
            {t('monitoring.vendorTab.next')}
          </Title>
          {s.next_item ? <ItemLine item={s.next_item} /> : <Text size="sm" c="dimmed">{t('monitoring.vendorTab.nothingNext')}</Text>}
          <Title order={3} fz="md" mt="md" mb="sm" c={s.overdue.length ? 'red.9' : undefined}>
            {t('monitoring.vendorTab.overdue', { count: s.overdue.length })}
          </Title>
          {s.overdue.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('monitoring.vendorTab.noneOverdue')}
            </Text>
          ) : (
            <Stack gap="xs">
              {s.overdue.map((i) => (
                <ItemLine key={i.id} item={i} />
              ))}
            </Stack>
          )}
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Stack gap="md">
            <div>
              <Title order={3} fz="md" mb={6}>
                {t('monitoring.vendorTab.lastReport')}
              </Title>
              {s.last_report ? (
                <Group gap="sm" wrap="wrap">
                  <AnchorLink to="/monitoring/reports/$reportId" params={{ reportId: s.last_report.id }} size="sm" fw={600}>
                    {t('monitoring.reports.period', { from: f.day(s.last_report.period_start), to: f.day(s.last_report.period_end) })}
                  </AnchorLink>
                  <ReportStatusBadge status={s.last_report.status} />
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('monitoring.vendorTab.noReport')}
                </Text>
              )}
            </div>
            <div>
              <Title order={3} fz="md" mb={6}>
                {t('monitoring.vendorTab.lastAudit')}
              </Title>
              {s.last_audit ? (
                <Group gap="sm" wrap="wrap">
                  <AnchorLink to="/monitoring/audits/$auditId" params={{ auditId: s.last_audit.id }} size="sm" fw={600}>
                    {s.last_audit.title}
                  </AnchorLink>
                  <AuditStatusBadge status={s.last_audit.status} />
                  <Text size="xs" c="dimmed">
                    {f.day(s.last_audit.completed_date ?? s.last_audit.planned_date)}
                  </Text>
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('monitoring.vendorTab.noAudit')}
                </Text>
              )}
            </div>
            <div>
              <Title order={3} fz="md" mb={6}>
                {t('monitoring.vendorTab.changes')}
              </Title>
              <AnchorLink to="/monitoring/changes" search={{ vendor: vendor.id }} size="sm" data-testid="pending-change-requests">
                {t('monitoring.vendorTab.pendingChanges', { count: s.pending_change_requests })}
              </AnchorLink>
            </div>
          </Stack>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
