import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { monitoringListChangeRequestsOptions, monitoringListMonitoringItemsOptions, monitoringListVendorReportsOptions } from '../../client/@tanstack/react-query.gen';
import { AnchorLink } from '../../components/links';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../lib/format';

/** What monitoring asks of staff now: late and soon-due items, reports to review, change requests to decide (totals only). */
export function MonitoringCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const [overdue, dueSoon, reports, changes] = useQueries({
    queries: [
      monitoringListMonitoringItemsOptions({ query: { stage: ['overdue'], size: 1 } }),
      monitoringListMonitoringItemsOptions({ query: { stage: ['due', 'due_soon'], size: 1 } }),
      monitoringListVendorReportsOptions({ query: { status: ['submitted'], size: 1 } }),
      monitoringListChangeRequestsOptions({ query: { status: ['pending'], size: 1 } }),
    ],
  });
  const all = [overdue, dueSoon, reports, changes];
  const failed = all.find((q) => q?.error);
  const row = (total: number | undefined, link: ReactNode, testId: string, loud = false) => (
    <Group justify="space-between" wrap="nowrap">
      {link}
      {total === undefined ? (
        <Skeleton height={14} width={28} />
      ) : (
        <Text size="sm" fw={600} c={total === 0 ? 'dimmed' : loud ? 'red.9' : undefined} data-testid={testId}>
          {f.number(total)}
        </Text>
      )}
    </Group>
  );
  return (
    <Paper withBorder radius="md" p="md" data-testid="monitoring-card">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg">
          {t('monitoring.dashboard.title')}
        </Title>
        <AnchorLink to="/monitoring" size="sm">
          {t('common.viewAll')}
        </AnchorLink>
      </Group>
      {failed ? (
        <QueryError error={failed.error} onRetry={() => all.forEach((q) => void q?.refetch())} />
      ) : (
        <Stack gap={8}>
          {row(
            overdue?.data?.total,
            <AnchorLink to="/monitoring" search={{ view: 'overdue' }} size="sm">
              {t('monitoring.dashboard.overdue')}
            </AnchorLink>,
            'monitoring-overdue',
            true,
          )}
          {row(
            dueSoon?.data?.total,
            <AnchorLink to="/monitoring" search={{ view: 'list', stage: ['due', 'due_soon'] }} size="sm">
              {t('monitoring.dashboard.dueSoon')}
            </AnchorLink>,
            'monitoring-due-soon',
          )}
          {row(
            reports?.data?.total,
            <AnchorLink to="/monitoring/reports" size="sm">
              {t('monitoring.dashboard.reports')}
            </AnchorLink>,
            'monitoring-reports',
          )}
          {row(
            changes?.data?.total,
            <AnchorLink to="/monitoring/changes" size="sm">
              {t('monitoring.dashboard.changes')}
            </AnchorLink>,
            'monitoring-changes',
          )}
        </Stack>
      )}
    </Paper>
  );
}
