import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconMessageQuestion, IconReportAnalytics } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { portalListPortalVendorReportsOptions } from '../../client/@tanstack/react-query.gen';
import type { PortalVendorReport } from '../../client/types.gen';
import { AnchorLink, ButtonLink } from '../../components/links';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../lib/format';
import { usePortal } from './context';
import { OverdueBadge, ReportStatusBadge, usePeriodLabel } from './monitoringLabels';
import { isOwed } from './periodicReport';
import { isSessionEnded } from './session';

/**
 * On the portal's home: the periodic reports the vendor owes (oldest late one first in the eye: queried and
 * overdue ones are marked), then those already sent. Shown only to vendors that report periodically.
 */
export function PeriodicReportsSection() {
  const { t } = useTranslation();
  const { headers, me } = usePortal();
  const list = useQuery(portalListPortalVendorReportsOptions({ headers }));
  if (list.isPending || (list.data && list.data.length === 0)) return null;
  const owed = (list.data ?? []).filter(isOwed);
  const sent = (list.data ?? []).filter((r) => !isOwed(r));

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="portal-reports-title" data-testid="portal-reports">
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <IconReportAnalytics size={22} color="var(--mantine-color-navy-8)" aria-hidden style={{ flexShrink: 0 }} />
          <Title order={2} fz={20} id="portal-reports-title">
            {t('portalMonitoring.reports.sectionTitle')}
          </Title>
        </Group>
        {me && <Text size="sm">{t('portalMonitoring.reports.sectionIntro', { organization: me.organization_name })}</Text>}
        {list.isError && !isSessionEnded(list.error) && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && (
          <Text size="sm" fw={600}>
            {owed.length > 0 ? t('portalMonitoring.reports.owed', { count: owed.length }) : t('portalMonitoring.reports.empty')}
          </Text>
        )}
        {owed.map((r) => (
          <OwedReport key={r.item_id} report={r} organization={me?.organization_name ?? ''} />
        ))}
        {sent.length > 0 && (
          <Stack gap={0} mt="xs">
            {sent.map((r) => (
              <SentReport key={r.item_id} report={r} />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function OwedReport({ report: r, organization }: { report: PortalVendorReport; organization: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = usePeriodLabel()(r);
  const queried = r.status === 'queried';
  const action = queried
    ? t('portalMonitoring.reports.action.answer')
    : r.status === 'draft'
      ? t('portalMonitoring.reports.action.continue')
      : t('portalMonitoring.reports.action.start');
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="portal-report"
      style={queried ? { borderColor: 'var(--mantine-color-orange-6)', borderWidth: 2 } : r.overdue ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Title order={3} fz={16}>
            {label}
          </Title>
          <Group gap={4} wrap="wrap" justify="flex-end">
            {r.overdue && <OverdueBadge />}
            <ReportStatusBadge status={r.status} />
          </Group>
        </Group>
        <Text size="sm" c={r.overdue ? 'red.9' : undefined} fw={r.overdue ? 600 : undefined}>
          {t('portalMonitoring.reports.due', { date: format.day(r.due_date) })}
        </Text>
        {queried && r.question && (
          <Alert color="orange" variant="light" icon={<IconMessageQuestion size={18} />} title={t('portalMonitoring.reports.question', { organization })} p="sm">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="report-question">
              {r.question}
            </Text>
          </Alert>
        )}
        <Group>
          <ButtonLink
            to="/portal/reports/$itemId"
            params={{ itemId: r.item_id }}
            search={{}}
            color={queried ? 'orange' : undefined}
            aria-label={`${action}: ${label}`}
          >
            {action}
          </ButtonLink>
        </Group>
      </Stack>
    </Paper>
  );
}

function SentReport({ report: r }: { report: PortalVendorReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = usePeriodLabel()(r);
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }} data-testid="portal-report">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <AnchorLink to="/portal/reports/$itemId" params={{ itemId: r.item_id }} search={{}} fw={600} size="sm">
          {label}
        </AnchorLink>
        {r.submitted_at && (
          <Text size="xs" c="dimmed">
            {t('portalMonitoring.reports.submittedOn', { date: format.date(r.submitted_at) })}
          </Text>
        )}
      </Stack>
      <ReportStatusBadge status={r.status} />
    </Group>
  );
}
