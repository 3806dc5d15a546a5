import { Alert, Anchor, Button, Group, Menu, Modal, Paper, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconLink, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vendorsDeleteContactMutation, vendorsListContactsOptions } from '../../client/@tanstack/react-query.gen';
import type { ContactRead, VendorRead } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { ToneBadge } from '../../components/TierBadge';
import { notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { ContactForm } from './ContactForm';
import { PortalLinkForm } from './PortalLinkForm';
import { useRefreshVendors } from './refresh';
import { RowMenu } from './RowMenu';

export function ContactsTab({ vendor }: { vendor: VendorRead }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const refresh = useRefreshVendors();
  const list = useQuery(vendorsListContactsOptions({ path: { vendor_id: vendor.id } }));
  const [editing, setEditing] = useState<ContactRead | 'new' | null>(null);
  const [linkFor, setLinkFor] = useState<ContactRead | null>(null);
  const remove = useMutation({ ...vendorsDeleteContactMutation() });

  const confirmDelete = (c: ContactRead) =>
    confirmAction({
      title: t('vendors.contacts.deleteTitle'),
      message: t('vendors.contacts.deleteBody', { name: c.name }),
      confirmLabel: t('common.delete'),
      danger: true,
      onConfirm: () =>
        remove.mutate(
          { path: { vendor_id: vendor.id, contact_id: c.id } },
          {
            onSuccess: () => {
              notifySuccess(t('vendors.contacts.deleted'));
              void refresh();
            },
          },
        ),
    });

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg">
          {t('vendors.contacts.title')}
        </Title>
        {canEdit && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
            {t('vendors.contacts.add')}
          </Button>
        )}
      </Group>
      {vendor.missing_incident_contact && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('vendors.contacts.missingIncidentTitle')} mb="md">
          <Text size="sm">{t('vendors.contacts.missingIncident')}</Text>
        </Alert>
      )}
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('vendors.contacts.name')}</Table.Th>
                <Table.Th>{t('vendors.contacts.role')}</Table.Th>
                <Table.Th>{t('vendors.contacts.email')}</Table.Th>
                <Table.Th>{t('vendors.contacts.phone')}</Table.Th>
                <Table.Th>{t('vendors.contacts.notes')}</Table.Th>
                {canEdit && (
                  <Table.Th w={56}>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <TableRows columns={canEdit ? 6 : 5} loading={list.isPending} empty={list.data?.length === 0} emptyText={t('vendors.contacts.empty')} />
              {list.data?.map((c) => (
                <Table.Tr key={c.id} bg={c.role === 'incident_contact' ? 'teal.0' : undefined}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {c.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ToneBadge tone={c.role === 'incident_contact' ? 'low' : 'neutral'}>{t(`vendors.contactRoles.${c.role}`)}</ToneBadge>
                  </Table.Td>
                  <Table.Td>
                    {c.email ? (
                      <Anchor href={`mailto:${c.email}`} size="sm">
                        {c.email}
                      </Anchor>
                    ) : (
                      <Text size="sm">{t('common.none')}</Text>
                    )}
                  </Table.Td>
                  <Table.Td className="nowrap">
                    <Text size="sm">{c.phone ?? t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {c.notes ?? t('common.none')}
                    </Text>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <RowMenu label={t('vendors.contacts.rowActions', { name: c.name })} onEdit={() => setEditing(c)} onDelete={() => confirmDelete(c)}>
                        <Menu.Item leftSection={<IconLink size={16} />} onClick={() => setLinkFor(c)}>
                          {t('vendors.contacts.portalLink.action')}
                        </Menu.Item>
                      </RowMenu>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={editing === 'new' ? t('vendors.contacts.addTitle') : t('vendors.contacts.editTitle')}
      >
        {editing !== null && (
          <ContactForm
            vendorId={vendor.id}
            contact={editing === 'new' ? undefined : editing}
            defaultRole={vendor.missing_incident_contact ? 'incident_contact' : 'account_manager'}
            onCancel={() => setEditing(null)}
            onStale={() => {
              setEditing(null);
              void refresh();
            }}
            onSaved={() => {
              notifySuccess(editing === 'new' ? t('vendors.contacts.added') : t('vendors.contacts.saved'));
              setEditing(null);
              void refresh();
            }}
          />
        )}
      </Modal>
      <Modal
        opened={linkFor !== null}
        onClose={() => setLinkFor(null)}
        size="lg"
        title={linkFor ? t('vendors.contacts.portalLink.title', { name: linkFor.name }) : ''}
      >
        {linkFor && <PortalLinkForm vendorId={vendor.id} contact={linkFor} onDone={() => setLinkFor(null)} />}
      </Modal>
    </Paper>
  );
}
