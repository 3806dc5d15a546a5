import { Button, Group, Modal, Paper, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vendorsDeleteCertificationMutation, vendorsListCertificationsOptions } from '../../client/@tanstack/react-query.gen';
import type { CertificationRead, VendorRead } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { ToneBadge } from '../../components/TierBadge';
import { downloadStoredFile } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { CertificationForm } from './CertificationForm';
import { useRefreshVendors } from './refresh';
import { RowMenu } from './RowMenu';
import { CERTIFICATION_TONES } from './vocabulary';

export function CertificationsTab({ vendor }: { vendor: VendorRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const refresh = useRefreshVendors();
  const list = useQuery(vendorsListCertificationsOptions({ path: { vendor_id: vendor.id } }));
  const [editing, setEditing] = useState<CertificationRead | 'new' | null>(null);
  const remove = useMutation({ ...vendorsDeleteCertificationMutation() });
  const download = useMutation({ mutationFn: downloadStoredFile, meta: { handlesErrors: true }, onError: notifyError });
  const name = (c: CertificationRead) => (c.kind === 'other' && c.name ? c.name : t(`vendors.certificationKinds.${c.kind}`));

  const confirmDelete = (c: CertificationRead) =>
    confirmAction({
      title: t('vendors.certifications.deleteTitle'),
      message: t('vendors.certifications.deleteBody', { name: name(c) }),
      confirmLabel: t('common.delete'),
      danger: true,
      onConfirm: () =>
        remove.mutate(
          { path: { vendor_id: vendor.id, certification_id: c.id } },
          {
            onSuccess: () => {
              notifySuccess(t('vendors.certifications.deleted'));
              void refresh();
            },
          },
        ),
    });

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg">
          {t('vendors.certifications.title')}
        </Title>
        {canEdit && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
            {t('vendors.certifications.add')}
          </Button>
        )}
      </Group>
      {list.error ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('vendors.certifications.kind')}</Table.Th>
                <Table.Th>{t('vendors.certifications.number')}</Table.Th>
                <Table.Th>{t('vendors.certifications.scope')}</Table.Th>
                <Table.Th>{t('vendors.certifications.issued')}</Table.Th>
                <Table.Th>{t('vendors.certifications.expiry')}</Table.Th>
                <Table.Th>{t('vendors.certifications.state')}</Table.Th>
                <Table.Th>{t('vendors.certifications.evidence')}</Table.Th>
                {canEdit && (
                  <Table.Th w={56}>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <TableRows
                columns={canEdit ? 8 : 7}
                loading={list.isPending}
                empty={list.data?.length === 0}
                emptyText={t('vendors.certifications.empty')}
              />
              {list.data?.map((c) => (
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
                      <RowMenu label={t('vendors.certifications.rowActions', { name: name(c) })} onEdit={() => setEditing(c)} onDelete={() => confirmDelete(c)} />
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
        title={editing === 'new' ? t('vendors.certifications.addTitle') : t('vendors.certifications.editTitle')}
      >
        {editing !== null && (
          <CertificationForm
            vendorId={vendor.id}
            certification={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onStale={() => {
              setEditing(null);
              void refresh();
            }}
            onSaved={() => {
              notifySuccess(editing === 'new' ? t('vendors.certifications.added') : t('vendors.certifications.saved'));
              setEditing(null);
              void refresh();
            }}
          />
        )}
      </Modal>
    </Paper>
  );
}
