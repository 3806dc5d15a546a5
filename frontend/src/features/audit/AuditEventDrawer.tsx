import { Badge, Drawer, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { auditEventsGetAuditEventOptions } from '../../client/@tanstack/react-query.gen';
import type { AuditEventRead } from '../../client/types.gen';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../lib/format';
import { actionLabel, label } from '../../lib/labels';
import { AuditDiff } from './AuditDiff';

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {term}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

export function AuditEventDrawer({
  eventId,
  fromList,
  onClose,
}: {
  eventId: string | undefined;
  fromList: AuditEventRead | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const query = useQuery({
    ...auditEventsGetAuditEventOptions({ path: { event_id: eventId ?? '' } }),
    enabled: !!eventId && !fromList,
  });
  const event = fromList ?? query.data;

  return (
    <Drawer opened={!!eventId} onClose={onClose} position="right" size="lg" title={t('audit.detailTitle')}>
      {query.error && !fromList ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !event ? (
        <Stack>
          <Skeleton height={16} />
          <Skeleton height={16} />
          <Skeleton height={120} />
        </Stack>
      ) : (
        <Stack gap="lg">
          <Group gap="xs">
            <Badge variant="light" color="gray">
              {label(t, 'audit.entityTypes', event.entity_type)}
            </Badge>
            <Text fw={600}>{actionLabel(t, event.entity_type, event.action)}</Text>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Item term={t('audit.occurredAt')}>{f.dateTime(event.occurred_at)}</Item>
            <Item term={t('audit.actor')}>
              {event.actor_label}{' '}
              <Text span size="xs" c="dimmed">
                ({label(t, 'audit.actorTypes', event.actor_type)})
              </Text>
            </Item>
            <Item term={t('audit.entityId')}>
              <span className="mono">{event.entity_id ?? t('common.none')}</span>
            </Item>
            <Item term={t('audit.sequence')}>{f.number(event.seq)}</Item>
            <Item term={t('audit.requestId')}>
              <span className="mono">{event.request_id ?? t('common.none')}</span>
            </Item>
            <Item term={t('audit.hash')}>
              <span className="mono" title={event.hash}>
                {event.hash.slice(0, 16)}…
              </span>
            </Item>
          </SimpleGrid>
          <AuditDiff changes={event.changes} />
        </Stack>
      )}
    </Drawer>
  );
}
