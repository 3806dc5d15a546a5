import { Alert, Button, Collapse, Grid, Group, List, Modal, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronDown, IconChevronRight, IconEdit, IconLock, IconPlus, IconSettings, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contractsDeleteClauseRequirementMutation, contractsListClauseRequirementsOptions } from '../../client/@tanstack/react-query.gen';
import { type ClauseRequirementRead, Profile } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { textIn } from '../../lib/bilingual';
import { enumValues } from '../../lib/enums';
import { asApiError } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useIsAdmin } from '../../lib/session';
import { LevelBadge, OwnRequirementBadge } from './badges';
import { policyText } from './ClausePicker';
import { ContractsNav } from './ContractsNav';
import { useRefreshLibrary } from './refresh';
import { RequirementForm } from './RequirementForm';

const PROFILES = enumValues(Profile);

/** The 409 clause_requirement_in_use detail: how many contracts state the clause. */
function contractsStating(detail: unknown): number | null {
  const n = detail && typeof detail === 'object' ? (detail as { contracts?: unknown }).contracts : undefined;
  return typeof n === 'number' ? n : null;
}

function Label({ children }: { children: string }) {
  return (
    <Text size="xs" c="dimmed" fw={500} mb={2}>
      {children}
    </Text>
  );
}

function RequirementCard({
  r,
  canManage,
  onEdit,
  onDelete,
}: {
  r: ClauseRequirementRead;
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [wordingOpen, wording] = useDisclosure(false);
  const wordingId = useId();
  const title = textIn(r.title, i18n.language);
  const text = textIn(r.standard_wording, i18n.language);
  return (
    <Paper withBorder radius="md" p="md" component="article" data-testid="requirement" data-key={r.key} aria-label={title}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Title order={3} fz="md">
              {title}
            </Title>
            {r.custom && <OwnRequirementBadge />}
          </Group>
          <Text size="xs" c="dimmed" className="mono">
            {r.key}
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap">
          <Button
            variant="subtle"
            size="xs"
            leftSection={wordingOpen ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            onClick={wording.toggle}
            aria-expanded={wordingOpen}
            aria-controls={wordingId}
          >
            {wordingOpen ? t('contracts.library.hideWording') : t('contracts.library.showWording')}
          </Button>
          {canManage && r.custom && (
            <>
              <Button variant="subtle" size="xs" leftSection={<IconEdit size={14} />} onClick={onEdit} aria-label={t('contracts.library.editLabel', { title })}>
                {t('contracts.library.edit')}
              </Button>
              <Button variant="subtle" color="red" size="xs" leftSection={<IconTrash size={14} />} onClick={onDelete} aria-label={t('contracts.library.deleteLabel', { title })}>
                {t('contracts.library.delete')}
              </Button>
            </>
          )}
        </Group>
      </Group>

      <Grid mt="sm" gap="md">
        <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
          <Label>{t('contracts.library.levelHere')}</Label>
          <Stack gap={2} align="flex-start">
            <LevelBadge level={r.level} />
            {r.required_for_my_number && r.level !== 'required' && (
              <Text size="xs" c="grape.9" fw={500}>
                {t('contracts.library.myNumber')}
              </Text>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
          <Label>{t('contracts.library.levelsByProfile')}</Label>
          <Stack gap={0} data-testid="profile-levels">
            {PROFILES.map((p) => (
              <Text size="sm" key={p}>
                {t('contracts.library.profileLevel', {
                  profile: t(`contracts.profiles.${p}`),
                  level: r.levels[p] ? t(`contracts.levels.${r.levels[p]}`) : t('contracts.levels.notApplied'),
                })}
              </Text>
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Label>{t('contracts.library.parameters')}</Label>
          {r.parameters.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('contracts.library.noParameters')}
            </Text>
          ) : (
            <List size="sm" spacing={0}>
              {r.parameters.map((p) => {
                const hint = policyText(t, p);
                return (
                  <List.Item key={p.name}>
                    {textIn(p.title, i18n.language)}
                    {hint && (
                      <Text span size="sm" c="dimmed">
                        {' — '}
                        {hint}
                      </Text>
                    )}
                    {p.only_when_my_number && (
                      <Text span size="xs" c="grape.9">
                        {' '}({t('contracts.library.onlyWhenMyNumber')})
                      </Text>
                    )}
                  </List.Item>
                );
              })}
            </List>
          )}
        </Grid.Col>
      </Grid>

      <Collapse expanded={wordingOpen} id={wordingId}>
        <Text size="sm" mt="sm" p="sm" bg="gray.0" style={{ whiteSpace: 'pre-wrap', borderRadius: 'var(--mantine-radius-sm)' }} c={text ? undefined : 'dimmed'}>
          {text || t('contracts.library.noWording')}
        </Text>
      </Collapse>
    </Paper>
  );
}

/**
 * The clause library: every requirement with its level here and under each profile, the values it checks with
 * the policy limit, and its standard wording. Administrators add, edit and delete the organisation's own.
 */
export function ClauseLibraryPage() {
  const { t, i18n } = useTranslation();
  const isAdmin = useIsAdmin();
  const refresh = useRefreshLibrary();
  const requirements = useQuery(contractsListClauseRequirementsOptions());
  const [editing, setEditing] = useState<ClauseRequirementRead | 'new' | null>(null);
  const [blocked, setBlocked] = useState<{ title: string; count: number } | null>(null);

  const remove = useMutation({
    ...contractsDeleteClauseRequirementMutation(),
    meta: { handlesErrors: true },
  });
  const askDelete = (r: ClauseRequirementRead) => {
    const title = textIn(r.title, i18n.language);
    if (!r.id) return;
    const id = r.id;
    confirmAction({
      title: t('contracts.library.deleteTitle'),
      message: t('contracts.library.deleteBody', { title }),
      confirmLabel: t('common.delete'),
      danger: true,
      onConfirm: () =>
        remove.mutate(
          { path: { requirement_id: id } },
          {
            onSuccess: () => {
              setBlocked(null);
              notifySuccess(t('contracts.library.deleted', { title }));
              void refresh();
            },
            onError: (err) => {
              const e = asApiError(err);
              const count = e.error === 'clause_requirement_in_use' ? contractsStating(e.detail) : null;
              if (count !== null) setBlocked({ title, count });
              else notifyError(err);
            },
          },
        ),
    });
  };

  const all = requirements.data ?? [];
  const own = all.filter((r) => r.custom);
  const builtin = all.filter((r) => !r.custom);
  const card = (r: ClauseRequirementRead) => (
    <RequirementCard key={r.key} r={r} canManage={isAdmin} onEdit={() => setEditing(r)} onDelete={() => askDelete(r)} />
  );

  return (
    <>
      <ContractsNav current="library" />
      <PageHeader
        title={t('contracts.library.title')}
        description={t('contracts.library.subtitle')}
        actions={
          <>
            <ButtonLink to="/contracts/policy" variant="default" leftSection={<IconSettings size={16} />}>
              {t('contracts.policyLink')}
            </ButtonLink>
            {isAdmin && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
                {t('contracts.library.add')}
              </Button>
            )}
          </>
        }
      />

      {blocked && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={t('contracts.library.inUseTitle')}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setBlocked(null)}
          mb="md"
          role="alert"
          data-testid="requirement-in-use"
        >
          {t('contracts.library.inUse', { title: blocked.title, count: blocked.count })}
        </Alert>
      )}

      {requirements.error ? (
        <QueryError error={requirements.error} onRetry={() => void requirements.refetch()} />
      ) : !requirements.data ? (
        <Skeleton height={480} radius="md" />
      ) : (
        <Stack gap="xl">
          <section aria-labelledby="library-own">
            <Title order={2} fz="lg" id="library-own">
              {t('contracts.library.ownSection')} ({own.length})
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('contracts.library.ownSectionHint')}
            </Text>
            {!isAdmin && (
              <Alert color="gray" variant="light" icon={<IconLock size={18} />} mb="sm">
                {t('contracts.library.readOnly')}
              </Alert>
            )}
            {own.length === 0 ? (
              <Paper withBorder radius="md" p="lg">
                <Text size="sm" c="dimmed" ta="center">
                  {t('contracts.library.ownEmpty')}
                </Text>
              </Paper>
            ) : (
              <Stack gap="sm">{own.map(card)}</Stack>
            )}
          </section>
          <section aria-labelledby="library-builtin">
            <Title order={2} fz="lg" id="library-builtin">
              {t('contracts.library.builtinSection')} ({builtin.length})
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('contracts.library.builtinSectionHint')}
            </Text>
            <Stack gap="sm">{builtin.map(card)}</Stack>
          </section>
        </Stack>
      )}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={editing === 'new' ? t('contracts.library.addTitle') : t('contracts.library.editTitle')}
      >
        {editing !== null && (
          <RequirementForm
            requirement={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onStale={() => {
              setEditing(null);
              void refresh();
            }}
            onSaved={(r, created) => {
              const title = textIn(r.title, i18n.language);
              notifySuccess(created ? t('contracts.library.created', { title }) : t('contracts.library.saved', { title }));
              setEditing(null);
              void refresh();
            }}
          />
        )}
      </Modal>
    </>
  );
}
