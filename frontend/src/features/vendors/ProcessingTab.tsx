import { Button, Group, Modal, Paper, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconPlus, IconWorld } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vendorsDeleteProcessingMutation, vendorsListProcessingOptions } from '../../client/@tanstack/react-query.gen';
import type { ProcessingRead, VendorRead } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { ToneBadge } from '../../components/TierBadge';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { CategoryBadges } from './CategoryBadges';
import { ProcessingForm } from './ProcessingForm';
import { useRefreshVendors } from './refresh';
import { RowMenu } from './RowMenu';

export function ProcessingTab({ vendor }: { vendor: VendorRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const refresh = useRefreshVendors();
  const list = useQuery(vendorsListProcessingOptions({ path: { vendor_id: vendor.id } }));
  const [editing, setEditing] = useState<ProcessingRead | 'new' | null>(null);
  const remove = useMutation({ ...vendorsDeleteProcessingMutation() });
  const name = (p: ProcessingRead) => p.service || t('vendors.processing.unnamed');

  const confirmDelete = (p: ProcessingRead) =>
    confirmAction({
      title: t('vendors.processing.deleteTitle'),
      message: t('vendors.processing.deleteBody', { service: name(p) }),
      confirmLabel: t('common.delete'),
      danger: true,
      onConfirm: () =>
        remove.mutate(
          { path: { vendor_id: vendor.id, processing_id: p.id } },
          {
            onSuccess: () => {
              notifySuccess(t('vendors.processing.deleted'));
              void refresh();
            },
          },
        ),
    });

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg">
          {t('vendors.processing.title')}
        </Title>
        {canEdit && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing('new')}>
            {t('vendors.processing.add')}
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
                <Table.Th>{t('vendors.processing.service')}</Table.Th>
                <Table.Th>{t('vendors.processing.dataCategories')}</Table.Th>
                <Table.Th ta="right">{t('vendors.persons')}</Table.Th>
                <Table.Th>{t('vendors.processing.access')}</Table.Th>
                <Table.Th>{t('vendors.processing.storage')}</Table.Th>
                <Table.Th>{t('vendors.processing.retention')}</Table.Th>
                {canEdit && (
                  <Table.Th w={56}>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              <TableRows
                columns={canEdit ? 7 : 6}
                loading={list.isPending}
                empty={list.data?.length === 0}
                emptyText={t('vendors.processing.empty')}
              />
              {list.data?.map((p) => (
                <Table.Tr key={p.id} data-testid="processing-row">
                  <Table.Td>
                    <Text size="sm" fw={500} c={p.service ? undefined : 'dimmed'}>
                      {name(p)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <CategoryBadges categories={p.data_categories} />
                  </Table.Td>
                  <Table.Td ta="right" className="nowrap">
                    <Text size="sm">{f.number(p.persons_estimate)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`vendors.accessTypes.${p.access_type}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">
                        {p.storage_country} · {t(`vendors.storageTypes.${p.storage_type}`)}
                        {p.cloud_provider ? ` (${p.cloud_provider})` : ''}
                      </Text>
                      {p.leaves_japan && (
                        <Tooltip label={p.foreign_regime_notes || t('vendors.processing.leavesJapanHint')} withArrow multiline maw={320}>
                          <ToneBadge tone="info" leftSection={<IconWorld size={12} />} tabIndex={0}>
                            {t('vendors.processing.abroad')}
                          </ToneBadge>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.retention ?? t('common.none')}</Text>
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <RowMenu
                        label={t('vendors.processing.rowActions', { service: name(p) })}
                        onEdit={() => setEditing(p)}
                        onDelete={() => confirmDelete(p)}
                      />
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
        title={editing === 'new' ? t('vendors.processing.addTitle') : t('vendors.processing.editTitle')}
      >
        {editing !== null && (
          <ProcessingForm
            vendorId={vendor.id}
            processing={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onStale={() => {
              setEditing(null);
              void refresh();
            }}
            onSaved={() => {
              notifySuccess(editing === 'new' ? t('vendors.processing.added') : t('vendors.processing.saved'));
              setEditing(null);
              void refresh();
            }}
          />
        )}
      </Modal>
    </Paper>
  );
}
