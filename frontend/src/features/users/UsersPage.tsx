import { ActionIcon, Badge, Button, Group, Menu, Modal, Paper, Table, Text } from '@mantine/core';
import { IconDots, IconLogout, IconMail, IconPlus, IconUserCheck, IconUserOff, IconUserShield } from '@tabler/icons-react';
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
import { ClearFilters, FilterBar, SearchFilter, SelectFilter, SortSelect } from '../../components/ListFilters';
import { ActionsHead, ListTable } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { asApiError } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { useListSearch } from '../../lib/listSearch';
import { notifyError, notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';
import { useMe } from '../../lib/session';
import { ChangeRoleForm } from './ChangeRoleForm';
import { InvitationLink } from './InvitationLink';
import { InviteUserForm } from './InviteUserForm';
import { ROLES, STATUS_COLORS } from './roles';

const route = getRouteApi('/_app/settings/users');
const FILTERS = ['q', 'role', 'access'] as const;
const ACCESS = ['active', 'deactivated'] as const;
const ACCESS_LABELS = { active: 'users.accessActive', deactivated: 'users.accessDeactivated' } as const;
const SORTS = ['name', 'email', '-created_at', 'created_at'] as const;
const SORT_LABELS = {
  name: 'users.sortName',
  email: 'users.sortEmail',
  '-created_at': 'users.sortNewest',
  created_at: 'users.sortOldest',
} as const;

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
  const { search, setSearch, filtered, clearFilters, paging } = useListSearch(route, { size: 25, filters: FILTERS });
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);

  const list = useQuery({
    ...usersListUsersOptions({
      query: {
        page: paging.page,
        size: paging.size,
        sort: search.sort ?? SORTS[0],
        q: search.q || undefined,
        role: search.role,
        is_active: search.access === undefined ? undefined : search.access === 'active',
      },
    }),
    placeholderData: keepPreviousData,
  });

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
        <FilterBar>
          <SearchFilter
            label={t('users.searchLabel')}
            placeholder={t('users.searchPlaceholder')}
            value={search.q}
            onChange={(q) => setSearch({ q })}
            minWidth={240}
          />
          <SelectFilter
            label={t('users.roleFilter')}
            value={search.role}
            onChange={(role) => setSearch({ role })}
            options={ROLES}
            optionLabel={(r) => t(`roles.${r}`)}
            w={160}
          />
          <SelectFilter
            label={t('users.accessFilter')}
            value={search.access}
            onChange={(access) => setSearch({ access })}
            options={ACCESS}
            optionLabel={(a) => t(ACCESS_LABELS[a])}
            w={140}
          />
          <SortSelect
            label={t('users.sort')}
            value={search.sort}
            onChange={(sort) => setSearch({ sort })}
            options={SORTS}
            optionLabel={(s) => t(SORT_LABELS[s])}
            w={180}
          />
          <ClearFilters shown={filtered} onClear={clearFilters} />
        </FilterBar>

        <ListTable
          query={list}
          items={list.data?.items}
          columns={isAdmin ? 6 : 5}
          minWidth={720}
          emptyText={t('users.empty')}
          filtered={filtered}
          paging={paging}
          count={list.data}
          head={
            <>
              <Table.Th>{t('users.name')}</Table.Th>
              <Table.Th>{t('users.email')}</Table.Th>
              <Table.Th>{t('users.role')}</Table.Th>
              <Table.Th>{t('users.status')}</Table.Th>
              <Table.Th>{t('users.joined')}</Table.Th>
              {isAdmin && (
                <ActionsHead />
              )}
            </>
          }
          row={(m) => (
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
          )}
        />
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
