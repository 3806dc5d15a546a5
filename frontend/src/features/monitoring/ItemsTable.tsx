import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitoringItemRead } from '../../client/types.gen';
import { DaysLeft } from '../../components/DaysLeft';
import { AnchorLink } from '../../components/links';
import { SettleLink, StageBadge } from '../../components/MonitoringItem';
import { ListTable } from '../../components/ListTable';
import { TierBadge } from '../../components/TierBadge';
import { textIn } from '../../lib/bilingual';
import { useFormat } from '../../lib/format';

/** Items of the review calendar as rows (with the read's states and the pager): when, what, whose, how late, and the link to what settles it. */
export function ItemsTable({
  waiting,
  showVendor = true,
  ...list
}: Omit<ComponentProps<typeof ListTable<MonitoringItemRead>>, 'columns' | 'minWidth' | 'head' | 'row'> & {
  /** Reports submitted and waiting for review: their items are the reviewer's to settle, not the vendor's. */
  waiting: ReadonlySet<string>;
  showVendor?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  return (
    <ListTable
      {...list}
      columns={showVendor ? 6 : 5}
      minWidth={showVendor ? 1040 : 760}
      verticalSpacing="xs"
      nowrapHead
      head={
        <>
          <Table.Th>{t('monitoring.columns.due')}</Table.Th>
          <Table.Th>{t('monitoring.columns.item')}</Table.Th>
          {showVendor && <Table.Th>{t('monitoring.columns.vendor')}</Table.Th>}
          <Table.Th>{t('monitoring.columns.stage')}</Table.Th>
          <Table.Th>{t('monitoring.columns.when')}</Table.Th>
          <Table.Th>{t('monitoring.columns.action')}</Table.Th>
        </>
      }
      row={(i) => (
        <Table.Tr key={i.id} data-testid="monitoring-item" data-stage={i.stage} data-kind={i.kind}>
          <Table.Td className="nowrap">
            <Text size="sm">{f.day(i.due_date)}</Text>
          </Table.Td>
          <Table.Td miw={260} maw={400}>
            <Text size="sm" fw={600} style={{ wordBreak: 'keep-all', overflowWrap: 'break-word' }}>
              {textIn(i.title, i18n.language)}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`monitoring.kinds.${i.kind}`)}
            </Text>
          </Table.Td>
          {showVendor && (
            <Table.Td miw={200} maw={280}>
              <AnchorLink to="/vendors/$vendorId" params={{ vendorId: i.vendor_id }} search={{ tab: 'monitoring' }} size="sm" c="inherit" display="block">
                {i.vendor_name}
              </AnchorLink>
              <TierBadge tier={i.vendor_tier} size="xs" />
            </Table.Td>
          )}
          <Table.Td>
            <Group gap={6} wrap="nowrap">
              <StageBadge stage={i.stage} />
              {i.report_id && waiting.has(i.report_id) && (
                <Badge size="sm" variant="light" color="navy" miw="max-content" data-testid="waiting-review">
                  {t('monitoring.waitingReview')}
                </Badge>
              )}
            </Group>
          </Table.Td>
          <Table.Td className="nowrap">
            {i.stage === 'done' ? (
              <Stack gap={0}>
                <Text size="sm">{i.done_at ? f.date(i.done_at) : t('common.none')}</Text>
                {i.done_by && (
                  <Text size="xs" c="dimmed" truncate maw={200}>
                    {i.done_by}
                  </Text>
                )}
              </Stack>
            ) : (
              <DaysLeft days={i.days_left} overdue={i.stage === 'overdue'} />
            )}
          </Table.Td>
          <Table.Td className="nowrap">
            <SettleLink item={i} />
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}
