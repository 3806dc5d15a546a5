import { Group, Table, Text, Tooltip } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { vendorsDeleteProcessingMutation, vendorsListProcessingOptions } from '../../client/@tanstack/react-query.gen';
import type { ProcessingRead, VendorRead } from '../../client/types.gen';
import { CategoryBadges } from '../../components/CategoryBadges';
import { ActionsHead } from '../../components/ListTable';
import { ToneBadge } from '../../components/TierBadge';
import { useFormat } from '../../lib/format';
import { useCanEdit } from '../../lib/session';
import { ChildTab, EditDialog, useConfirmDelete, useEditing } from './ChildTab';
import { ProcessingForm } from './ProcessingForm';
import { RowMenu } from './RowMenu';

export function ProcessingTab({ vendor }: { vendor: VendorRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const list = useQuery(vendorsListProcessingOptions({ path: { vendor_id: vendor.id } }));
  const editor = useEditing<ProcessingRead>();
  const confirmDelete = useConfirmDelete(vendorsDeleteProcessingMutation());
  const name = (p: ProcessingRead) => p.service || t('vendors.processing.unnamed');

  return (
    <ChildTab
      title={t('vendors.processing.title')}
      add={{ label: t('vendors.processing.add'), onClick: () => editor.setEditing('new') }}
      query={list}
      items={list.data}
      columns={canEdit ? 7 : 6}
      minWidth={900}
      emptyText={t('vendors.processing.empty')}
      head={
        <>
          <Table.Th>{t('vendors.processing.service')}</Table.Th>
          <Table.Th>{t('vendors.processing.dataCategories')}</Table.Th>
          <Table.Th ta="right">{t('vendors.persons')}</Table.Th>
          <Table.Th>{t('vendors.processing.access')}</Table.Th>
          <Table.Th>{t('vendors.processing.storage')}</Table.Th>
          <Table.Th>{t('vendors.processing.retention')}</Table.Th>
          {canEdit && (
            <ActionsHead />
          )}
        </>
      }
      row={(p) => (
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
                onEdit={() => editor.setEditing(p)}
                onDelete={() =>
                  confirmDelete({
                    title: t('vendors.processing.deleteTitle'),
                    message: t('vendors.processing.deleteBody', { service: name(p) }),
                    done: t('vendors.processing.deleted'),
                    variables: { path: { vendor_id: vendor.id, processing_id: p.id } },
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
        titles={{ add: t('vendors.processing.addTitle'), edit: t('vendors.processing.editTitle') }}
      >
        {(processing) => (
          <ProcessingForm
            vendorId={vendor.id}
            processing={processing}
            onCancel={editor.close}
            onStale={() => editor.done()}
            onSaved={() => editor.done(processing ? t('vendors.processing.saved') : t('vendors.processing.added'))}
          />
        )}
      </EditDialog>
    </ChildTab>
  );
}
