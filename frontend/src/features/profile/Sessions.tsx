import { Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  authEndSessionMutation,
  authListSessionsOptions,
  authSignOutEverywhereMutation,
} from '../../client/@tanstack/react-query.gen';
import type { SessionRead } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { ActionsHead, ListTable } from '../../components/ListTable';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';
import { endSession } from '../../lib/session';

// In the order to test them: Edge's and Chrome's agents also name Safari, Android's names Linux.
const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/Chrom(e|ium)\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad/, 'iOS'],
  [/Android/, 'Android'],
  [/Mac OS X/, 'macOS'],
  [/Linux/, 'Linux'],
];

/** A device as people recognise it: the browser and system its user agent names, else the raw string. */
export function deviceOf(userAgent: string | null | undefined): string {
  if (!userAgent) return '';
  const named = (list: [RegExp, string][]) => list.find(([pattern]) => pattern.test(userAgent))?.[1];
  const browser = named(BROWSERS);
  const system = named(SYSTEMS);
  return browser && system ? `${browser} · ${system}` : userAgent.slice(0, 60);
}

/** Where you are signed in: each session with when it started and was last used; end one, or all at once. */
export function Sessions() {
  const { t } = useTranslation();
  const f = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery(authListSessionsOptions());
  const end = useMutation({
    ...authEndSessionMutation(),
    onSuccess: () => {
      notifySuccess(t('profile.sessions.ended'));
      void invalidateOperations(queryClient, 'authListSessions');
    },
  });
  const everywhere = useMutation({
    ...authSignOutEverywhereMutation(),
    onSuccess: async () => {
      endSession();
      await navigate({ to: '/sign-in' });
      queryClient.clear();
      notifySuccess(t('profile.sessions.endedEverywhere'));
    },
  });

  const row = (s: SessionRead) => (
    <Table.Tr key={s.id} data-testid="session-row" data-current={s.current || undefined}>
      <Table.Td>
        <Text size="sm">{deviceOf(s.user_agent) || t('profile.sessions.unknownDevice')}</Text>
        <Text size="xs" c="dimmed">
          {s.ip ?? ''}
        </Text>
      </Table.Td>
      <Table.Td className="nowrap">
        <Text size="sm">{f.dateTime(s.created_at)}</Text>
      </Table.Td>
      <Table.Td className="nowrap">
        <Text size="sm">{f.dateTime(s.refreshed_at)}</Text>
      </Table.Td>
      <Table.Td ta="right">
        {s.current ? (
          <Badge variant="light" color="teal">
            {t('profile.sessions.current')}
          </Badge>
        ) : (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            loading={end.isPending && end.variables?.path.session_id === s.id}
            onClick={() => end.mutate({ path: { session_id: s.id } })}
            aria-label={`${t('profile.sessions.end')}: ${deviceOf(s.user_agent)} ${f.dateTime(s.created_at)}`}
          >
            {t('profile.sessions.end')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );

  return (
    <Paper withBorder radius="md" p="lg" data-testid="sessions">
      <Group justify="space-between" align="flex-start" mb="xs" gap="sm">
        <Title order={2} fz="lg">
          {t('profile.sessions.title')}
        </Title>
        <Button
          size="sm"
          variant="default"
          color="red"
          loading={everywhere.isPending}
          onClick={() =>
            confirmAction({
              title: t('profile.sessions.everywhereTitle'),
              message: t('profile.sessions.everywhereBody'),
              confirmLabel: t('profile.sessions.everywhere'),
              danger: true,
              onConfirm: () => everywhere.mutate({}),
            })
          }
        >
          {t('profile.sessions.everywhere')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="md" maw={760}>
        {t('profile.sessions.intro')}
      </Text>
      <ListTable
        query={list}
        items={list.data}
        columns={4}
        minWidth={560}
        emptyText=""
        head={
          <>
            <Table.Th>{t('profile.sessions.device')}</Table.Th>
            <Table.Th>{t('profile.sessions.signedInAt')}</Table.Th>
            <Table.Th>{t('profile.sessions.lastUsed')}</Table.Th>
            <ActionsHead w={null} />
          </>
        }
        row={row}
      />
    </Paper>
  );
}
