import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  assessmentsListAssessmentInvitationsOptions,
  assessmentsRevokeAssessmentInvitationMutation,
} from '../../client/@tanstack/react-query.gen';
import type { InvitationRead } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { QueryError } from '../../components/QueryError';
import { ToneBadge, type Tone } from '../../components/TierBadge';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';

const STATES = ['open', 'used', 'expired', 'revoked'] as const;
type State = (typeof STATES)[number];
const TONES: Record<State, Tone> = { open: 'info', used: 'low', expired: 'neutral', revoked: 'neutral' };

function state(inv: InvitationRead): State {
  return (STATES as readonly string[]).includes(inv.state) ? (inv.state as State) : 'expired';
}

/** Every link sent for this assessment, newest first; an unused one can be revoked. */
export function InvitationsCard({ assessmentId, canEdit, onChanged }: { assessmentId: string; canEdit: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useQuery(assessmentsListAssessmentInvitationsOptions({ path: { assessment_id: assessmentId } }));
  const revoke = useMutation({ ...assessmentsRevokeAssessmentInvitationMutation() });

  const confirmRevoke = (inv: InvitationRead) =>
    confirmAction({
      title: t('assessments.invitations.revokeTitle'),
      message: t('assessments.invitations.revokeBody', { name: inv.contact_name }),
      confirmLabel: t('assessments.invitations.revoke'),
      danger: true,
      onConfirm: () =>
        revoke.mutate(
          { path: { assessment_id: assessmentId, invitation_id: inv.id } },
          {
            onSuccess: () => {
              notifySuccess(t('assessments.invitations.revoked'));
              onChanged();
            },
          },
        ),
    });

  const items = [...(list.data ?? [])].sort((a, b) => b.created_at.localeCompare(a.created_at));
  return (
    <Paper withBorder radius="md" p="md" data-testid="invitations-card">
      <Title order={2} fz="lg" mb="sm">
        {t('assessments.invitations.title')}
      </Title>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data && items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('assessments.invitations.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          {items.map((inv) => {
            const s = state(inv);
            return (
              <div key={inv.id} data-testid="invitation">
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <div style={{ minWidth: 0 }}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500} truncate>
                        {inv.contact_name}
                      </Text>
                      <ToneBadge tone={TONES[s]}>{t(`assessments.invitations.states.${s}`)}</ToneBadge>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t('assessments.invitations.createdAt')} {f.dateTime(inv.created_at)}
                      {' / '}
                      {t('assessments.invitations.expiresAt')} {f.dateTime(inv.expires_at)}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {inv.emailed_to ?? ''} {t('assessments.invitations.by', { who: inv.created_by_label })}
                    </Text>
                  </div>
                  {canEdit && s === 'open' && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      style={{ flexShrink: 0 }}
                      onClick={() => confirmRevoke(inv)}
                      aria-label={t('assessments.invitations.revokeLabel', { name: inv.contact_name })}
                    >
                      {t('assessments.invitations.revoke')}
                    </Button>
                  )}
                </Group>
              </div>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}
