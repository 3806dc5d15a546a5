import { ActionIcon, Badge, Button, Group, Menu, Modal, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconDots, IconLogout, IconMail, IconPlus, IconSearch, IconUserCheck, IconUserOff, IconUserShield } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  usersListUsersOptions,
  usersResendInvitationMutation,
  usersSignOutUserMutation,
  usersUpdateUserMutation,
} from '../../client/@tanstack/react-query.gen';
import type { MemberRead, Role } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { asApiError } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';
import { useMe } from '../../lib/session';
import { ChangeRoleForm } from './ChangeRoleForm';
import { InvitationLink } from './InvitationLink';
import { InviteUserForm } from './InviteUserForm';
import { ROLES, STATUS_COLORS } from './roles';

const route = getRouteApi('/_app/settings/users');
const DEFAULT_SIZE = 25;

type Dialog =
  | { kind: 'invite' }
  | { kind: 'link'; title: string; message: string; url: string | null }
  | { kind: 'role'; member: MemberRead }
  | null;

export function UsersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const isAdmin = me.organization.role === 'admin';
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [q, setQ] = useState(search.q ?? '');

  const page = search.page ?? 1;
  const size = search.size ?? DEFAULT_SIZE;
  const list = useQuery({
    ...usersListUsersOptions({
      query: {
        page,
        size,
        sort: search.sort ?? 'name',
        q: search.q || undefined,
        role: search.role,
        is_active: search.access === undefined ? undefined : search.access === 'active',
      },
    }),
    placeholderData: keepPreviousData,
  });

  type Search = typeof search;
  const setSearch = (patch: Partial<Search>) =>
    void navigate({ search: (prev: Search) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const setQuery = useDebouncedCallback((value: string) => setSearch({ q: value.trim() || undefined }), 350);

  const refresh = () => invalidateOperations(queryClient, 'usersListUsers', 'auditEventsListAuditEvents');

  const update = useMutation({
    ...usersUpdateUserMutation(),
    meta: { handlesErrors: true },
    onError: (err) => {
      notifyError(err);
      if (asApiError(err).error === 'stale_version') void refresh();
    },
  });
  const resend = useMutation({
    ...usersResendInvitationMutation(),
    onSuccess: (link) => setDialog({ kind: 'link', title: t('users.resentTitle'), message: t('users.resentBody'), url: link.invitation_url }),
  });

  const changeRole = (m: MemberRead, role: Role) =>
    update.mutate(
      { path: { user_id: m.id }, body: { version: m.version, role } },
      {
        onSuccess: () => {
          setDialog(null);
          notifySuccess(t('users.roleChanged', { name: m.name, role: t(`roles.${role}`) }));
          void refresh();
        },
      },
    );

  const setActive = (m: MemberRead, active: boolean) =>
    confirmAction({
      title: active ? t('users.reactivateTitle') : t('users.deactivateTitle'),
      message: t(active ? 'users.reactivateBody' : 'users.deactivateBody', { name: m.name, email: m.email }),
      confirmLabel: active ? t('users.reactivate') : t('users.deactivate'),
      danger: !active,
      onConfirm: () =>
        update.mutate(
          { path: { user_id: m.id }, body: { version: m.version, is_active: active } },
          {
            onSuccess: () => {
              notifySuccess(t(active ? 'users.reactivated' : 'users.deactivated', { name: m.name }));
              void refresh();
            },
          },
        ),
    });

  const signOutMember = useMutation({
    ...usersSignOutUserMutation(),
    onSuccess: () => void refresh(),
  });
  const signOut = (m: MemberRead) =>
    confirmAction({
      title: t('users.signOutTitle', { name: m.name }),
      message: t('users.signOutBody', { name: m.name }),
      confirmLabel: t('users.signOut'),
      danger: true,
      onConfirm: () =>
        signOutMember.mutate(
          { path: { user_id: m.id } },
          { onSuccess: () => notifySuccess(t('users.signedOut', { name: m.name })) },
        ),
    });

  const columns = isAdmin ? 6 : 5;

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.subtitle')}
        actions={
          isAdmin && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ kind: 'invite' })}>
              {t('users.invite')}
            </Button>
          )
        }
      />

      <Paper withBorder radius="md" p="md">
        <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
          <TextInput
            label={t('users.searchLabel')}
            placeholder={t('users.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setQuery(e.currentTarget.value);
            }}
            style={{ flex: '1 1 240px' }}
          />
          <Select
            label={t('users.roleFilter')}
            placeholder={t('common.all')}
            clearable
            value={search.role ?? null}
            onChange={(v) => setSearch({ role: (v as Role | null) ?? undefined })}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            w={160}
          />
          <Select
            label={t('users.accessFilter')}
            placeholder={t('common.all')}
            clearable
            value={search.access ?? null}
            onChange={(v) => setSearch({ access: v === 'active' || v === 'deactivated' ? v : undefined })}
            data={[
              { value: 'active', label: t('users.accessActive') },
              { value: 'deactivated', label: t('users.accessDeactivated') },
            ]}
            w={140}
          />
          <Select
            label={t('users.sort')}
            allowDeselect={false}
            value={search.sort ?? 'name'}
            onChange={(v) => setSearch({ sort: (v as Search['sort']) ?? undefined })}
            data={[
              { value: 'name', label: t('users.sortName') },
              { value: 'email', label: t('users.sortEmail') },
              { value: '-created_at', label: t('users.sortNewest') },
              { value: 'created_at', label: t('users.sortOldest') },
            ]}
            w={180}
          />
          {(search.q || search.role || search.access) && (
            <Button
              variant="subtle"
              onClick={() => {
                setQ('');
                setSearch({ q: undefined, role: undefined, access: undefined });
              }}
            >
              {t('common.clearFilters')}
            </Button>
          )}
        </Group>

        {list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.name')}</Table.Th>
                  <Table.Th>{t('users.email')}</Table.Th>
                  <Table.Th>{t('users.role')}</Table.Th>
                  <Table.Th>{t('users.status')}</Table.Th>
                  <Table.Th>{t('users.joined')}</Table.Th>
                  {isAdmin && (
                    <Table.Th w={56}>
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <TableRows
                  columns={columns}
                  loading={list.isPending}
                  empty={list.data?.items.length === 0}
                  emptyText={search.q || search.role || search.access ? t('common.noResults') : t('users.empty')}
                />
                {list.data?.items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={500}>
                          {m.name}
                        </Text>
                        {m.id === me.user?.id && (
                          <Badge size="xs" variant="outline" color="gray">
                            {t('users.you')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{m.email}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`roles.${m.role}`)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={STATUS_COLORS[m.status]} size="sm">
                        {t(`users.statuses.${m.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td className="nowrap">
                      <Text size="sm">{f.date(m.created_at)}</Text>
                    </Table.Td>
                    {isAdmin && (
                      <Table.Td>
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <ActionIcon variant="subtle" color="gray" aria-label={t('users.rowActions', { name: m.name })}>
                              <IconDots size={18} />
                            </ActionIcon>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item
                              leftSection={<IconUserShield size={16} />}
                              onClick={() => setDialog({ kind: 'role', member: m })}
                            >
                              {t('users.changeRole')}
                            </Menu.Item>
                            {m.status === 'invited' && (
                              <Menu.Item
                                leftSection={<IconMail size={16} />}
                                onClick={() => resend.mutate({ path: { user_id: m.id } })}
                              >
                                {t('users.resendInvitation')}
                              </Menu.Item>
                            )}
                            {m.status === 'active' && (
                              <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => signOut(m)}>
                                {t('users.signOut')}
                              </Menu.Item>
                            )}
                            {m.status === 'deactivated' ? (
                              <Menu.Item leftSection={<IconUserCheck size={16} />} onClick={() => setActive(m, true)}>
                                {t('users.reactivate')}
                              </Menu.Item>
                            ) : (
                              <Menu.Item
                                color="red"
                                leftSection={<IconUserOff size={16} />}
                                onClick={() => setActive(m, false)}
                              >
                                {t('users.deactivate')}
                              </Menu.Item>
                            )}
                          </Menu.Dropdown>
                        </Menu>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {list.data && (
          <Pager page={page} size={size} total={list.data.total} onPage={(p) => setSearch({ page: p === 1 ? undefined : p })} />
        )}
      </Paper>

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        size="lg"
        title={
          dialog?.kind === 'invite'
            ? t('users.inviteTitle')
            : dialog?.kind === 'link'
              ? dialog.title
              : dialog?.kind === 'role'
                ? t('users.changeRoleTitle', { name: dialog.member.name })
                : undefined
        }
      >
        {dialog?.kind === 'invite' && (
          <InviteUserForm
            onCancel={() => setDialog(null)}
            onInvited={(m) => {
              void refresh();
              setDialog({
                kind: 'link',
                title: t('users.invitedTitle'),
                url: m.invitation_url,
                message: m.invitation_url
                  ? t('users.invitedBody', { email: m.email })
                  : t('users.invitedExisting', { email: m.email }),
              });
            }}
          />
        )}
        {dialog?.kind === 'link' && (
          <InvitationLink message={dialog.message} url={dialog.url} onClose={() => setDialog(null)} />
        )}
        {dialog?.kind === 'role' && (
          <ChangeRoleForm
            member={dialog.member}
            pending={update.isPending}
            onCancel={() => setDialog(null)}
            onSubmit={(role) => changeRole(dialog.member, role)}
          />
        )}
      </Modal>
    </>
  );
}
