import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  authAcceptPendingInvitationMutation,
  authDeclineInvitationMutation,
  authListInvitationsOptions,
} from '../../client/@tanstack/react-query.gen';
import type { PendingInvitation } from '../../client/types.gen';
import { useFormat } from '../../lib/format';
import { label } from '../../lib/labels';
import { notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';
import { meQuery } from '../../lib/session';

/**
 * Organisations that invited this account: nothing joins an account to an organisation until its owner accepts
 * here (or with the mailed link). Shown only when there is something to answer.
 */
export function PendingInvitations() {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const list = useQuery(authListInvitationsOptions());
  const answered = () => {
    void invalidateOperations(queryClient, 'authListInvitations');
    void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
  };
  const accept = useMutation({ ...authAcceptPendingInvitationMutation(), onSuccess: answered });
  const decline = useMutation({ ...authDeclineInvitationMutation(), onSuccess: answered });
  if (!list.data?.length) return null;

  const row = (i: PendingInvitation) => (
    <Group key={i.id} justify="space-between" wrap="wrap" gap="sm" data-testid="pending-invitation">
      <div>
        <Text fw={600}>{i.organization_name}</Text>
        <Text size="sm" c="dimmed">
          {t('profile.invitations.detail', { role: label(t, 'roles', i.role), at: f.date(i.invited_at) })}
        </Text>
      </div>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          loading={decline.isPending && decline.variables?.path.membership_id === i.id}
          onClick={() =>
            decline.mutate(
              { path: { membership_id: i.id } },
              { onSuccess: () => notifySuccess(t('profile.invitations.declined', { name: i.organization_name })) },
            )
          }
        >
          {t('profile.invitations.decline')}
        </Button>
        <Button
          size="xs"
          loading={accept.isPending && accept.variables?.path.membership_id === i.id}
          onClick={() =>
            accept.mutate(
              { path: { membership_id: i.id } },
              { onSuccess: () => notifySuccess(t('profile.invitations.accepted', { name: i.organization_name })) },
            )
          }
        >
          {t('profile.invitations.accept')}
        </Button>
      </Group>
    </Group>
  );

  return (
    <Paper withBorder radius="md" p="lg" data-testid="pending-invitations">
      <Title order={2} fz="lg" mb="xs">
        {t('profile.invitations.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md" maw={760}>
        {t('profile.invitations.intro')}
      </Text>
      <Stack gap="md">{list.data.map(row)}</Stack>
    </Paper>
  );
}
