import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitoringCountsRead } from '../../client/types.gen';
import { AnchorLink } from '../../components/links';
import { useFormat } from '../../lib/format';

/** What monitoring asks of staff now: late and soon-due items, reports to review, change requests to decide (totals only). */
export function MonitoringCard({ counts }: { counts: MonitoringCountsRead | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
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
      <Stack gap={8}>
        {row(
          counts?.overdue,
          <AnchorLink to="/monitoring" search={{ view: 'overdue' }} size="sm">
            {t('monitoring.dashboard.overdue')}
          </AnchorLink>,
          'monitoring-overdue',
          true,
        )}
        {row(
          counts?.due_soon,
          <AnchorLink to="/monitoring" search={{ view: 'list', stage: ['due', 'due_soon'] }} size="sm">
            {t('monitoring.dashboard.dueSoon')}
          </AnchorLink>,
          'monitoring-due-soon',
        )}
        {row(
          counts?.reports_to_review,
          <AnchorLink to="/monitoring/reports" size="sm">
            {t('monitoring.dashboard.reports')}
          </AnchorLink>,
          'monitoring-reports',
        )}
        {row(
          counts?.changes_to_decide,
          <AnchorLink to="/monitoring/changes" size="sm">
            {t('monitoring.dashboard.changes')}
          </AnchorLink>,
          'monitoring-changes',
        )}
      </Stack>
    </Paper>
  );
}
