import { Button, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { vendorsDeleteCertificationMutation, vendorsListCertificationsOptions } from '../../client/@tanstack/react-query.gen';
import type { CertificationRead, VendorRead } from '../../client/types.gen';
import { ActionsHead } from '../../components/ListTable';
import { ToneBadge } from '../../components/TierBadge';
import { downloadStoredFile } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { CertificationForm } from './CertificationForm';
import { ChildTab, EditDialog, useConfirmDelete, useEditing } from './ChildTab';
import { RowMenu } from './RowMenu';
import { CERTIFICATION_TONES } from './vocabulary';

export function CertificationsTab({ vendor }: { vendor: VendorRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const list = useQuery(vendorsListCertificationsOptions({ path: { vendor_id: vendor.id } }));
  const editor = useEditing<CertificationRead>();
  const confirmDelete = useConfirmDelete(vendorsDeleteCertificationMutation());
  const download = useMutation({ mutationFn: downloadStoredFile, meta: { handlesErrors: true }, onError: notifyError });
  const name = (c: CertificationRead) => (c.kind === 'other' && c.name ? c.name : t(`vendors.certificationKinds.${c.kind}`));

  return (
    <ChildTab
      title={t('vendors.certifications.title')}
      add={{ label: t('vendors.certifications.add'), onClick: () => editor.setEditing('new') }}
      query={list}
      items={list.data}
      columns={canEdit ? 8 : 7}
      minWidth={900}
      emptyText={t('vendors.certifications.empty')}
      head={
        <>
          <Table.Th>{t('vendors.certifications.kind')}</Table.Th>
          <Table.Th>{t('vendors.certifications.number')}</Table.Th>
          <Table.Th>{t('vendors.certifications.scope')}</Table.Th>
          <Table.Th>{t('vendors.certifications.issued')}</Table.Th>
          <Table.Th>{t('vendors.certifications.expiry')}</Table.Th>
          <Table.Th>{t('vendors.certifications.state')}</Table.Th>
          <Table.Th>{t('vendors.certifications.evidence')}</Table.Th>
          {canEdit && (
            <ActionsHead />
          )}
        </>
      }
      row={(c) => (
        <Table.Tr key={c.id} data-testid="certification-row">
          <Table.Td>
            <Text size="sm" fw={500}>
              {name(c)}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" className="mono">
              {c.number ?? t('common.none')}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" lineClamp={2} maw={260}>
              {c.scope ?? t('common.none')}
            </Text>
          </Table.Td>
          <Table.Td className="nowrap">
            <Text size="sm">{c.issued_date ? f.day(c.issued_date) : t('common.none')}</Text>
          </Table.Td>
          <Table.Td className="nowrap">
            <Text size="sm">{c.expiry_date ? f.day(c.expiry_date) : t('common.none')}</Text>
          </Table.Td>
          <Table.Td>
            <ToneBadge tone={CERTIFICATION_TONES[c.state]}>{t(`vendors.certificationStatesShort.${c.state}`)}</ToneBadge>
          </Table.Td>
          <Table.Td>
            {c.evidence_file_id ? (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconDownload size={14} />}
                loading={download.isPending && download.variables === c.evidence_file_id}
                onClick={() => c.evidence_file_id && download.mutate(c.evidence_file_id)}
                aria-label={`${t('vendors.certifications.download')}: ${name(c)}`}
              >
                {t('vendors.certifications.download')}
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                {t('vendors.certifications.noEvidence')}
              </Text>
            )}
          </Table.Td>
          {canEdit && (
            <Table.Td>
              <RowMenu
                label={t('vendors.certifications.rowActions', { name: name(c) })}
                onEdit={() => editor.setEditing(c)}
                onDelete={() =>
                  confirmDelete({
                    title: t('vendors.certifications.deleteTitle'),
                    message: t('vendors.certifications.deleteBody', { name: name(c) }),
                    done: t('vendors.certifications.deleted'),
                    variables: { path: { vendor_id: vendor.id, certification_id: c.id } },
                  })
                }
              />
            </Table.Td>
          )}
        </Table.Tr>
      )}
    >
      <EditDialog
        editing={editor.editing}
        onClose={editor.close}
        titles={{ add: t('vendors.certifications.addTitle'), edit: t('vendors.certifications.editTitle') }}
      >
        {(certification) => (
          <CertificationForm
            vendorId={vendor.id}
            certification={certification}
            onCancel={editor.close}
            onStale={() => editor.done()}
            onSaved={() => editor.done(certification ? t('vendors.certifications.saved') : t('vendors.certifications.added'))}
          />
        )}
      </EditDialog>
    </ChildTab>
  );
}
