import { Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { monitoringListChangeRequestsOptions } from '../../client/@tanstack/react-query.gen';
import { AnchorLink } from '../../components/links';
import { ChangeStatusBadge } from '../../components/MonitoringBadges';
import { useFormat } from '../../lib/format';
import { useListSearch } from '../../lib/listSearch';
import { QueuePage } from './QueuePage';
import { CHANGE_STATUSES } from './vocabulary';

const route = getRouteApi('/_app/monitoring/changes');

/** The change-request queue: requests waiting for a decision first (oldest first), then every request. */
export function ChangesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useListSearch(route, { filters: ['vendor', 'status'] });
  const { search, paging } = list;
  const pending = useQuery(
    monitoringListChangeRequestsOptions({ query: { status: ['pending'], vendor_id: search.vendor, sort: 'requested_at', size: 100 } }),
  );
  const all = useQuery({
    ...monitoringListChangeRequestsOptions({
      query: { status: search.status, vendor_id: search.vendor, sort: '-requested_at', page: paging.page, size: paging.size },
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <QueuePage
      current="changes"
      testId="pending-changes"
      texts={{
        title: t('monitoring.changes.title'),
        subtitle: t('monitoring.changes.subtitle'),
        waitingTitle: t('monitoring.changes.pendingTitle'),
        waitingEmpty: t('monitoring.changes.nonePending'),
        allTitle: t('monitoring.changes.allTitle'),
        empty: t('monitoring.changes.empty'),
        status: t('monitoring.changes.fields.status'),
      }}
      waiting={pending}
      all={all}
      list={list}
      statuses={CHANGE_STATUSES}
      statusText={(s) => t(`monitoring.changes.statuses.${s}`)}
      table={{
        columns: 6,
        minWidth: 900,
        head: (
          <>
            <Table.Th>{t('monitoring.changes.fields.title')}</Table.Th>
            <Table.Th>{t('monitoring.columns.vendor')}</Table.Th>
            <Table.Th>{t('monitoring.changes.fields.kind')}</Table.Th>
            <Table.Th>{t('monitoring.changes.fields.requested')}</Table.Th>
            <Table.Th>{t('monitoring.changes.fields.planned_date')}</Table.Th>
            <Table.Th>{t('monitoring.changes.fields.status')}</Table.Th>
          </>
        ),
        row: (c) => (
          <Table.Tr key={c.id} data-testid="change-row" data-status={c.status}>
            <Table.Td maw={340}>
              <AnchorLink to="/monitoring/changes/$requestId" params={{ requestId: c.id }} size="sm" fw={600}>
                {c.title}
              </AnchorLink>
              {c.subcontractor_name && (
                <Text size="xs" c="dimmed">
                  {c.subcontractor_name}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <AnchorLink to="/vendors/$vendorId" params={{ vendorId: c.vendor_id }} search={{ tab: 'monitoring' }} size="sm" c="inherit">
                {c.vendor_name}
              </AnchorLink>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t(`monitoring.changes.kinds.${c.kind}`)}</Text>
            </Table.Td>
            <Table.Td className="nowrap">
              <Text size="sm">{f.dateTime(c.requested_at)}</Text>
            </Table.Td>
            <Table.Td className="nowrap">
              <Text size="sm">{c.planned_date ? f.day(c.planned_date) : t('common.none')}</Text>
            </Table.Td>
            <Table.Td>
              <ChangeStatusBadge status={c.status} />
            </Table.Td>
          </Table.Tr>
        ),
      }}
    />
  );
}
