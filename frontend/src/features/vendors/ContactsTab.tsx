import { Alert, Anchor, Menu, Modal, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconLink } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vendorsDeleteContactMutation, vendorsListContactsOptions } from '../../client/@tanstack/react-query.gen';
import type { ContactRead, VendorRead } from '../../client/types.gen';
import { ActionsHead } from '../../components/ListTable';
import { ToneBadge } from '../../components/TierBadge';
import { useCanEdit } from '../../lib/session';
import { ChildTab, EditDialog, useConfirmDelete, useEditing } from './ChildTab';
import { ContactForm } from './ContactForm';
import { PortalLinkForm } from './PortalLinkForm';
import { RowMenu } from './RowMenu';

export function ContactsTab({ vendor }: { vendor: VendorRead }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const list = useQuery(vendorsListContactsOptions({ path: { vendor_id: vendor.id } }));
  const editor = useEditing<ContactRead>();
  const [linkFor, setLinkFor] = useState<ContactRead | null>(null);
  const confirmDelete = useConfirmDelete(vendorsDeleteContactMutation());

  return (
    <ChildTab
      title={t('vendors.contacts.title')}
      add={{ label: t('vendors.contacts.add'), onClick: () => editor.setEditing('new') }}
      notice={
        vendor.missing_incident_contact && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('vendors.contacts.missingIncidentTitle')} mb="md">
            <Text size="sm">{t('vendors.contacts.missingIncident')}</Text>
          </Alert>
        )
      }
      query={list}
      items={list.data}
      columns={canEdit ? 6 : 5}
      minWidth={760}
      emptyText={t('vendors.contacts.empty')}
      head={
        <>
          <Table.Th>{t('vendors.contacts.name')}</Table.Th>
          <Table.Th>{t('vendors.contacts.role')}</Table.Th>
          <Table.Th>{t('vendors.contacts.email')}</Table.Th>
          <Table.Th>{t('vendors.contacts.phone')}</Table.Th>
          <Table.Th>{t('vendors.contacts.notes')}</Table.Th>
          {canEdit && (
            <ActionsHead />
          )}
        </>
      }
      row={(c) => (
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
              <RowMenu
                label={t('vendors.contacts.rowActions', { name: c.name })}
                onEdit={() => editor.setEditing(c)}
                onDelete={() =>
                  confirmDelete({
                    title: t('vendors.contacts.deleteTitle'),
                    message: t('vendors.contacts.deleteBody', { name: c.name }),
                    done: t('vendors.contacts.deleted'),
                    variables: { path: { vendor_id: vendor.id, contact_id: c.id } },
                  })
                }
              >
                <Menu.Item leftSection={<IconLink size={16} />} onClick={() => setLinkFor(c)}>
                  {t('vendors.contacts.portalLink.action')}
                </Menu.Item>
              </RowMenu>
            </Table.Td>
          )}
        </Table.Tr>
      )}
    >
      <EditDialog
        editing={editor.editing}
        onClose={editor.close}
        titles={{ add: t('vendors.contacts.addTitle'), edit: t('vendors.contacts.editTitle') }}
      >
        {(contact) => (
          <ContactForm
            vendorId={vendor.id}
            contact={contact}
            defaultRole={vendor.missing_incident_contact ? 'incident_contact' : 'account_manager'}
            onCancel={editor.close}
            onStale={() => editor.done()}
            onSaved={() => editor.done(contact ? t('vendors.contacts.saved') : t('vendors.contacts.added'))}
          />
        )}
      </EditDialog>
      <Modal
        opened={linkFor !== null}
        onClose={() => setLinkFor(null)}
        size="lg"
        title={linkFor ? t('vendors.contacts.portalLink.title', { name: linkFor.name }) : ''}
      >
        {linkFor && <PortalLinkForm vendorId={vendor.id} contact={linkFor} onDone={() => setLinkFor(null)} />}
      </Modal>
    </ChildTab>
  );
}
