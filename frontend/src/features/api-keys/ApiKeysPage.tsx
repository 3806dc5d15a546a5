import { Alert, Badge, Button, Group, Modal, Paper, Switch, Table, Text, Tooltip } from '@mantine/core';
import { IconKeyOff, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiKeysListApiKeysOptions, apiKeysRevokeApiKeyMutation } from '../../client/@tanstack/react-query.gen';
import type { ApiKeyCreated, ApiKeyRead } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { PageHeader } from '../../components/PageHeader';
import { ActionsHead, ListTable } from '../../components/ListTable';
import { useFormat } from '../../lib/format';
import { label } from '../../lib/labels';
import { useListSearch } from '../../lib/listSearch';
import { notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';
import { useMe } from '../../lib/session';
import { CreateApiKeyForm } from './CreateApiKeyForm';
import { ApiKeySecret } from './ApiKeySecret';

const route = getRouteApi('/_app/settings/api-keys');

export function ApiKeysPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const { search, setSearch, paging } = useListSearch(route, { size: 25 });
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const isAdmin = me.organization.role === 'admin';

  const includeRevoked = search.revoked ?? true;
  const list = useQuery({
    ...apiKeysListApiKeysOptions({ query: { page: paging.page, size: paging.size, include_revoked: includeRevoked } }),
    placeholderData: keepPreviousData,
    enabled: isAdmin,
  });
  const refresh = () => invalidateOperations(queryClient, 'apiKeysListApiKeys', 'auditEventsListAuditEvents');
  const revoke = useMutation({ ...apiKeysRevokeApiKeyMutation(), onSettled: () => void refresh() });

  const askRevoke = (key: ApiKeyRead) =>
    confirmAction({
      title: t('apiKeys.revokeTitle'),
      message: t('apiKeys.revokeBody', { name: key.name, prefix: key.prefix }),
      confirmLabel: t('apiKeys.revoke'),
      danger: true,
      onConfirm: () =>
        revoke.mutate({ path: { api_key_id: key.id } }, { onSuccess: () => notifySuccess(t('apiKeys.revoked', { name: key.name })) }),
    });

  if (!isAdmin) {
    return (
      <>
        <PageHeader title={t('apiKeys.title')} description={t('apiKeys.subtitle')} />
        <Alert color="gray">{t('apiKeys.adminOnly')}</Alert>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('apiKeys.title')}
        description={t('apiKeys.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('apiKeys.create')}
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md">
        <Group mb="md">
          <Switch
            label={t('apiKeys.showRevoked')}
            checked={includeRevoked}
            onChange={(e) => setSearch({ revoked: e.currentTarget.checked ? undefined : false })}
          />
        </Group>
        <ListTable
          query={list}
          items={list.data?.items}
          columns={7}
          minWidth={760}
          emptyText={t('apiKeys.empty')}
          paging={paging}
          count={list.data}
          head={
            <>
              <Table.Th>{t('apiKeys.name')}</Table.Th>
              <Table.Th>{t('apiKeys.prefix')}</Table.Th>
              <Table.Th>{t('apiKeys.scopes')}</Table.Th>
              <Table.Th>{t('apiKeys.created')}</Table.Th>
              <Table.Th>{t('apiKeys.lastUsed')}</Table.Th>
              <Table.Th>{t('apiKeys.status')}</Table.Th>
              <ActionsHead w={120} />
            </>
          }
          row={(k) => (
            <Table.Tr key={k.id} data-revoked={k.revoked_at ? 'true' : undefined}>
              <Table.Td>
                <Text size="sm" fw={500} c={k.revoked_at ? 'dimmed' : undefined}>
                  {k.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text className="mono">{k.prefix}…</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {k.scopes.map((s) => (
                    <Badge key={s} size="sm" variant="outline" color={s === 'write' ? 'orange' : 'navy'}>
                      {label(t, 'apiKeys.scopeNames', s)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td className="nowrap">
                <Text size="sm">{f.dateTime(k.created_at)}</Text>
              </Table.Td>
              <Table.Td className="nowrap">
                <Text size="sm" c={k.last_used_at ? undefined : 'dimmed'}>
                  {k.last_used_at ? f.dateTime(k.last_used_at) : t('apiKeys.neverUsed')}
                </Text>
              </Table.Td>
              <Table.Td>
                {k.revoked_at ? (
                  <Badge color="gray" variant="light" size="sm">
                    {t('apiKeys.revokedAt', { date: f.dateTime(k.revoked_at) })}
                  </Badge>
                ) : (k.effective_scopes ?? k.scopes).length === 0 ? (
                  <Tooltip label={t('apiKeys.creatorLeftHint')} multiline w={260} withArrow>
                    <Badge color="red" variant="light" size="sm">
                      {t('apiKeys.creatorLeft')}
                    </Badge>
                  </Tooltip>
                ) : (k.effective_scopes ?? k.scopes).length < k.scopes.length ? (
                  <Tooltip label={t('apiKeys.readOnlyNowHint')} multiline w={260} withArrow>
                    <Badge color="orange" variant="light" size="sm">
                      {t('apiKeys.readOnlyNow')}
                    </Badge>
                  </Tooltip>
                ) : (
                  <Badge color="teal" variant="light" size="sm">
                    {t('apiKeys.active')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {!k.revoked_at && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    leftSection={<IconKeyOff size={14} />}
                    onClick={() => askRevoke(k)}
                    aria-label={`${t('apiKeys.revoke')}: ${k.name}`}
                  >
                    {t('apiKeys.revoke')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Paper>

      <Modal opened={creating} onClose={() => setCreating(false)} title={t('apiKeys.createTitle')} size="md">
        <CreateApiKeyForm
          onCancel={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
            void refresh();
          }}
        />
      </Modal>
      <Modal
        opened={created !== null}
        onClose={() => setCreated(null)}
        title={t('apiKeys.secretTitle')}
        size="lg"
        closeOnClickOutside={false}
      >
        {created && <ApiKeySecret apiKey={created} onDone={() => setCreated(null)} />}
      </Modal>
    </>
  );
}
