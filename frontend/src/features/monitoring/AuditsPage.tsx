import { Paper, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { monitoringListAuditsOptions } from '../../client/@tanstack/react-query.gen';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ListTable } from '../../components/ListTable';
import { AuditStatusBadge } from '../../components/MonitoringBadges';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';
import { useListSearch } from '../../lib/listSearch';
import { useCanEdit } from '../../lib/session';
import { MonitoringNav } from './MonitoringNav';
import { VendorStatusFilters } from './QueuePage';
import { AUDIT_STATUSES } from './vocabulary';

const route = getRouteApi('/_app/monitoring/audits');

/** Audits of vendors, latest planned date first, with their open findings. */
export function AuditsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const list = useListSearch(route, { filters: ['vendor', 'status'] });
  const { search, paging } = list;
  const audits = useQuery({
    ...monitoringListAuditsOptions({
      query: { page: paging.page, size: paging.size, vendor_id: search.vendor, status: search.status, sort: '-planned_date' },
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('monitoring.audits.title')}
        description={t('monitoring.audits.subtitle')}
        actions={
          canEdit && (
            <ButtonLink to="/monitoring/audits/new" search={{ vendor: search.vendor }} leftSection={<IconPlus size={16} />}>
              {t('monitoring.audits.new')}
            </ButtonLink>
          )
        }
      />
      <MonitoringNav current="audits" />
      <Paper withBorder radius="md" p="md">
        <VendorStatusFilters
          list={list}
          statusLabel={t('monitoring.audits.fields.status')}
          statuses={AUDIT_STATUSES}
          statusText={(s) => t(`monitoring.audits.statuses.${s}`)}
        />
        <ListTable
          query={audits}
          items={audits.data?.items}
          columns={7}
          minWidth={900}
          verticalSpacing="xs"
          nowrapHead
          emptyText={t('monitoring.audits.empty')}
          filtered={list.filtered}
          paging={paging}
          count={audits.data}
          head={
            <>
              <Table.Th>{t('monitoring.audits.fields.title')}</Table.Th>
              <Table.Th>{t('monitoring.columns.vendor')}</Table.Th>
              <Table.Th>{t('monitoring.audits.fields.kind')}</Table.Th>
              <Table.Th>{t('monitoring.audits.fields.status')}</Table.Th>
              <Table.Th>{t('monitoring.audits.fields.planned_date')}</Table.Th>
              <Table.Th>{t('monitoring.audits.fields.auditor')}</Table.Th>
              <Table.Th ta="right">{t('monitoring.audits.findingsOpen')}</Table.Th>
            </>
          }
          row={(a) => (
            <Table.Tr key={a.id} data-testid="audit-row">
              <Table.Td maw={320}>
                <AnchorLink to="/monitoring/audits/$auditId" params={{ auditId: a.id }} size="sm" fw={600}>
                  {a.title}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <AnchorLink to="/vendors/$vendorId" params={{ vendorId: a.vendor_id }} search={{ tab: 'monitoring' }} size="sm" c="inherit">
                  {a.vendor_name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`monitoring.audits.kinds.${a.kind}`)}</Text>
              </Table.Td>
              <Table.Td>
                <AuditStatusBadge status={a.status} />
              </Table.Td>
              <Table.Td className="nowrap">
                <Text size="sm">{f.day(a.completed_date ?? a.planned_date)}</Text>
                {a.completed_date && (
                  <Text size="xs" c="dimmed">
                    {t('monitoring.audits.completedOn')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.auditor ?? t('common.none')}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={a.findings_open ? 700 : undefined} c={a.findings_open ? 'red.9' : 'dimmed'}>
                  {f.number(a.findings_open)}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Paper>
    </>
  );
}
