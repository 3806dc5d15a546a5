import { Alert, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCalendarPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  monitoringCreateCalendarFeedMutation,
  monitoringListCalendarFeedsOptions,
  monitoringRevokeCalendarFeedMutation,
} from '../../client/@tanstack/react-query.gen';
import type { CalendarFeedCreated } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { CopyField } from '../../components/CopyField';
import { ActionsHead, ListTable } from '../../components/ListTable';
import { ToneBadge } from '../../components/TierBadge';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';

/**
 * The user's secret iCalendar addresses: review items and incident deadlines in their own calendar app. The address
 * is shown once, when made; revoking one makes it answer 404.
 */
export function CalendarFeeds() {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const feeds = useQuery(monitoringListCalendarFeedsOptions());
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const changed = () => invalidateOperations(queryClient, 'monitoringListCalendarFeeds', 'auditEventsListAuditEvents');
  const create = useMutation({
    ...monitoringCreateCalendarFeedMutation(),
    onSuccess: (feed) => {
      setCreated(feed);
      void changed();
    },
  });
  const revoke = useMutation({
    ...monitoringRevokeCalendarFeedMutation(),
    onSuccess: (feed) => {
      if (created?.id === feed.id) setCreated(null);
      notifySuccess(t('monitoring.feeds.revoked'));
      void changed();
    },
  });
  const items = feeds.data;

  return (
    <Paper withBorder radius="md" p="lg" data-testid="calendar-feeds">
      <Group justify="space-between" align="flex-start" mb="xs" gap="sm">
        <Title order={2} fz="lg">
          {t('monitoring.feeds.title')}
        </Title>
        <Button size="sm" leftSection={<IconCalendarPlus size={16} />} loading={create.isPending} onClick={() => create.mutate({})}>
          {t('monitoring.feeds.create')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="md" maw={760}>
        {t('monitoring.feeds.intro')}
      </Text>

      {created && (
        <Stack gap="sm" mb="md" data-testid="new-feed">
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            <Text size="sm">{t('monitoring.feeds.secretWarning')}</Text>
          </Alert>
          <CopyField label={t('monitoring.feeds.url')} value={created.url} testId="feed-url" />
          <Text size="sm" fw={600}>
            {t('monitoring.feeds.howTitle')}
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('monitoring.feeds.howGoogle')}</List.Item>
            <List.Item>{t('monitoring.feeds.howOutlook')}</List.Item>
            <List.Item>{t('monitoring.feeds.howApple')}</List.Item>
          </List>
          <Group justify="flex-end">
            <Button variant="default" size="xs" onClick={() => setCreated(null)}>
              {t('monitoring.feeds.done')}
            </Button>
          </Group>
        </Stack>
      )}

      <ListTable
        query={feeds}
        items={items}
        columns={3}
        minWidth={520}
        emptyText={t('monitoring.feeds.empty')}
        head={
          <>
            <Table.Th>{t('monitoring.feeds.createdAt')}</Table.Th>
            <Table.Th>{t('monitoring.feeds.state')}</Table.Th>
            <ActionsHead w={null} />
          </>
        }
        row={(feed) => (
          <Table.Tr key={feed.id} data-testid="feed-row" data-revoked={feed.revoked_at ? true : undefined}>
            <Table.Td className="nowrap">
              <Text size="sm">{f.dateTime(feed.created_at)}</Text>
            </Table.Td>
            <Table.Td>
              {feed.revoked_at ? (
                <ToneBadge tone="neutral">{t('monitoring.feeds.revokedAt', { at: f.dateTime(feed.revoked_at) })}</ToneBadge>
              ) : (
                <ToneBadge tone="low">{t('monitoring.feeds.active')}</ToneBadge>
              )}
            </Table.Td>
            <Table.Td ta="right">
              {!feed.revoked_at && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={revoke.isPending && revoke.variables?.path.feed_id === feed.id}
                  onClick={() =>
                    confirmAction({
                      title: t('monitoring.feeds.revokeTitle'),
                      message: t('monitoring.feeds.revokeBody'),
                      confirmLabel: t('monitoring.feeds.revoke'),
                      danger: true,
                      onConfirm: () => revoke.mutate({ path: { feed_id: feed.id } }),
                    })
                  }
                >
                  {t('monitoring.feeds.revoke')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Paper>
  );
}
