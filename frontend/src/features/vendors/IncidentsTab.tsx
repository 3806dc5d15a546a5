import { Group, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { incidentsListIncidentsOptions } from '../../client/@tanstack/react-query.gen';
import type { VendorRead } from '../../client/types.gen';
import { DaysLeft } from '../../components/DaysLeft';
import { IncidentStatusBadge } from '../../components/IncidentStatusBadge';
import { AnchorLink, ButtonLink } from '../../components/links';
import { useFormat } from '../../lib/format';
import { useCanEdit } from '../../lib/session';
import { ChildTab } from './ChildTab';

/** The vendor's incidents, newest first, with their next deadline; a new one starts with this vendor chosen. */
export function IncidentsTab({ vendor }: { vendor: VendorRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const list = useQuery(incidentsListIncidentsOptions({ query: { vendor_id: vendor.id, size: 100, sort: '-aware_at' } }));
  return (
    <ChildTab
      title={t('incidents.vendorTab.title')}
      actions={
        canEdit && (
          <ButtonLink to="/incidents/new" search={{ vendor: vendor.id }} size="xs" leftSection={<IconPlus size={14} />}>
            {t('incidents.vendorTab.add')}
          </ButtonLink>
        )
      }
      query={list}
      items={list.data?.items}
      columns={4}
      minWidth={760}
      nowrapHead
      emptyText={t('incidents.vendorTab.empty')}
      head={
        <>
          <Table.Th>{t('incidents.columns.title')}</Table.Th>
          <Table.Th>{t('incidents.columns.status')}</Table.Th>
          <Table.Th>{t('incidents.fields.aware_at')}</Table.Th>
          <Table.Th>{t('incidents.columns.nextDeadline')}</Table.Th>
        </>
      }
      row={(i) => (
        <Table.Tr key={i.id} data-testid="vendor-incident-row">
          <Table.Td>
            <AnchorLink to="/incidents/$incidentId" params={{ incidentId: i.id }} size="sm" fw={600}>
              {i.title}
            </AnchorLink>
          </Table.Td>
          <Table.Td>
            <IncidentStatusBadge status={i.status} />
          </Table.Td>
          <Table.Td className="nowrap">
            <Text size="sm">{f.dateTime(i.aware_at)}</Text>
          </Table.Td>
          <Table.Td>
            {i.next_deadline ? (
              <Group gap={6} wrap="nowrap">
                <Text size="sm">
                  {t(`incidents.kindsShort.${i.next_deadline.kind}`)} {i.next_deadline.due_date ? f.day(i.next_deadline.due_date) : ''}
                </Text>
                <DaysLeft days={i.next_deadline.days_left} />
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('incidents.noDeadline')}
              </Text>
            )}
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}
