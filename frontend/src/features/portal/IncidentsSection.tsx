import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { portalListPortalIncidentsOptions } from '../../client/@tanstack/react-query.gen';
import type { PortalIncident } from '../../client/types.gen';
import { AnchorLink, ButtonLink } from '../../components/links';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../lib/format';
import { usePortal } from './context';
import { IncidentStatusBadge } from './IncidentStatusBadge';
import { followUps } from './incidentReport';
import { isSessionEnded } from './session';

/** On the portal's home: the way to report an incident, and what the contact's company reported so far. */
export function IncidentsSection() {
  const { t } = useTranslation();
  const { headers } = usePortal();
  const list = useQuery(portalListPortalIncidentsOptions({ headers }));

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="portal-incidents-title" data-testid="portal-incidents">
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap">
          <IconAlertTriangle size={22} color="var(--mantine-color-red-8)" aria-hidden style={{ flexShrink: 0 }} />
          <Title order={2} fz={20} id="portal-incidents-title">
            {t('portal.incidents.sectionTitle')}
          </Title>
        </Group>
        <Text size="sm">{t('portal.incidents.sectionIntro')}</Text>
        <Group>
          <ButtonLink to="/portal/incidents/new" color="red" leftSection={<IconAlertTriangle size={16} />}>
            {t('portal.incidents.report')}
          </ButtonLink>
        </Group>
        {list.isError && !isSessionEnded(list.error) && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {!!list.data?.length && (
          <Stack gap={0} mt="xs">
            <Title order={3} fz="sm" c="dimmed" mb={4}>
              {t('portal.incidents.listTitle')}
            </Title>
            {list.data.map((incident) => (
              <IncidentRow key={incident.id} incident={incident} />
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function IncidentRow({ incident: i }: { incident: PortalIncident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const updates = followUps(i);
  const last = updates.at(-1)?.at;
  return (
    <Stack gap={4} py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }} data-testid="portal-incident">
      <Group gap="xs" wrap="nowrap" align="flex-start" justify="space-between">
        <AnchorLink to="/portal/incidents/$incidentId" params={{ incidentId: i.id }} fw={600} style={{ minWidth: 0 }}>
          {i.title}
        </AnchorLink>
        <IncidentStatusBadge status={i.status} />
      </Group>
      <Text size="xs" c="dimmed">
        {[
          i.notified_at && t('portal.incidents.reportedOn', { time: format.dateTime(i.notified_at) }),
          last && t('portal.incidents.lastUpdate', { time: format.dateTime(last) }),
          updates.length > 0 && t('portal.incidents.updateCount', { count: updates.length }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Stack>
  );
}
