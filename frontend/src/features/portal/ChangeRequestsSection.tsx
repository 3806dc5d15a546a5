import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconGitPullRequest, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { portalListPortalChangeRequestsOptions } from '../../client/@tanstack/react-query.gen';
import type { PortalChangeRequest } from '../../client/types.gen';
import { AnchorLink, ButtonLink } from '../../components/links';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../lib/format';
import { usePortal } from './context';
import { ChangeStatusBadge } from './monitoringLabels';
import { isSessionEnded } from './session';

/** On the portal's home: asking before a new subcontractor or changed measures, and the answers so far. */
export function ChangeRequestsSection() {
  const { t } = useTranslation();
  const { headers, me } = usePortal();
  const list = useQuery(portalListPortalChangeRequestsOptions({ headers }));

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="portal-changes-title" data-testid="portal-changes">
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <IconGitPullRequest size={22} color="var(--mantine-color-navy-8)" aria-hidden style={{ flexShrink: 0 }} />
          <Title order={2} fz={20} id="portal-changes-title">
            {t('portalMonitoring.changes.sectionTitle')}
          </Title>
        </Group>
        {me && <Text size="sm">{t('portalMonitoring.changes.sectionIntro', { organization: me.organization_name })}</Text>}
        <Group>
          <ButtonLink to="/portal/changes/new" variant="light" leftSection={<IconPlus size={16} />}>
            {t('portalMonitoring.changes.ask')}
          </ButtonLink>
        </Group>
        {list.isError && !isSessionEnded(list.error) && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('portalMonitoring.changes.empty')}
          </Text>
        )}
        {!!list.data?.length && (
          <Stack gap={0} mt="xs">
            {list.data.map((c) => (
              <ChangeRow key={c.id} change={c} />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function ChangeRow({ change: c }: { change: PortalChangeRequest }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap={4} py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }} data-testid="portal-change">
      <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
        <AnchorLink to="/portal/changes/$requestId" params={{ requestId: c.id }} fw={600} style={{ minWidth: 0 }}>
          {c.title}
        </AnchorLink>
        <ChangeStatusBadge status={c.status} />
      </Group>
      <Text size="xs" c="dimmed">
        {[
          t(`portalMonitoring.changes.kinds.${c.kind}`),
          t('portalMonitoring.changes.requestedOn', { date: format.date(c.requested_at) }),
          c.decided_at && t('portalMonitoring.changes.decidedOn', { date: format.date(c.decided_at) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {c.decision_reason && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="change-reason">
          {t('portalMonitoring.changes.reason', { reason: c.decision_reason })}
        </Text>
      )}
    </Stack>
  );
}
