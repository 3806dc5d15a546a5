import { Alert, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contractsListContractsOptions } from '../../client/@tanstack/react-query.gen';
import type { ContractRead, VendorRead } from '../../client/types.gen';
import { ContractStatusBadge } from '../../components/ContractStatusBadge';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ToneBadge } from '../../components/TierBadge';
import { useFormat } from '../../lib/format';
import { useCanEdit } from '../../lib/session';
import { ChildTab } from './ChildTab';

/**
 * Why the vendor's personal data lacks a contract, or null when nothing is missing: it has an active
 * contract, or is entrusted with no personal data. The same rule as the register's filter.
 */
export function contractGap(
  vendor: Pick<VendorRead, 'data_categories'>,
  contracts: readonly Pick<ContractRead, 'status'>[],
): 'none' | 'no_active' | null {
  // APPI Art. 25: an entrusting business must supervise the vendor; the contract is where the measures are agreed.
  if (vendor.data_categories.length === 0) return null;
  if (contracts.length === 0) return 'none';
  return contracts.some((c) => c.status === 'active') ? null : 'no_active';
}

/** The vendor's contracts: status, term, notice date, incident notice time, clauses, My Number, signed PDF. */
export function ContractsTab({ vendor }: { vendor: VendorRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const list = useQuery(contractsListContractsOptions({ query: { vendor_id: vendor.id, size: 100, sort: '-updated_at' } }));
  const contracts = list.data?.items;
  const gap = contracts ? contractGap(vendor, contracts) : null;
  const none = t('common.none');
  const day = (d: string | null) => (d ? f.day(d) : none);

  return (
    <ChildTab
      title={t('vendors.contracts.title')}
      actions={
        canEdit && (
          <ButtonLink to="/contracts/new" search={{ vendor: vendor.id }} size="xs" leftSection={<IconPlus size={14} />}>
            {t('vendors.contracts.add')}
          </ButtonLink>
        )
      }
      notice={
        gap && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title={gap === 'none' ? t('vendors.contracts.missingTitle') : t('vendors.contracts.noActiveTitle')}
            mb="md"
            data-testid="contract-gap"
          >
            <Text size="sm">{gap === 'none' ? t('vendors.contracts.missingBody') : t('vendors.contracts.noActiveBody')}</Text>
          </Alert>
        )
      }
      hideTable={gap === 'none'}
      query={list}
      items={contracts}
      columns={8}
      minWidth={960}
      nowrapHead
      emptyText={t('vendors.contracts.empty')}
      head={
        <>
          <Table.Th>{t('vendors.contracts.contractTitle')}</Table.Th>
          <Table.Th>{t('vendors.contracts.status')}</Table.Th>
          <Table.Th>{t('vendors.contracts.period')}</Table.Th>
          <Table.Th>{t('vendors.contracts.noticeDate')}</Table.Th>
          <Table.Th ta="right">{t('vendors.contracts.incidentNotice')}</Table.Th>
          <Table.Th ta="right">{t('vendors.contracts.clauses')}</Table.Th>
          <Table.Th>{t('vendors.contracts.myNumber')}</Table.Th>
          <Table.Th>{t('vendors.contracts.signedPdf')}</Table.Th>
        </>
      }
      row={(c) => (
        <Table.Tr key={c.id} data-testid="vendor-contract-row">
          <Table.Td>
            <AnchorLink to="/contracts/$contractId" params={{ contractId: c.id }} size="sm" fw={600}>
              {c.title}
            </AnchorLink>
            {c.number && (
              <Text size="xs" c="dimmed" className="mono">
                {c.number}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <ContractStatusBadge status={c.status} />
          </Table.Td>
          <Table.Td className="nowrap">
            <Text size="sm">
              {c.start_date || c.end_date ? t('vendors.contracts.periodValue', { start: day(c.start_date), end: day(c.end_date) }) : none}
            </Text>
          </Table.Td>
          <Table.Td className="nowrap">
            <Group gap={6} wrap="nowrap">
              <Text size="sm" c={c.renewal_due ? 'red.9' : undefined} fw={c.renewal_due ? 600 : undefined}>
                {day(c.notice_date)}
              </Text>
              {c.renewal_due && (
                <Tooltip label={t('vendors.contracts.renewalDueHint')} withArrow multiline w={280} events={{ hover: true, focus: true, touch: false }}>
                  <ToneBadge tone="high" miw="max-content" tabIndex={0} data-testid="renewal-due">
                    {t('vendors.contracts.renewalDue')}
                  </ToneBadge>
                </Tooltip>
              )}
            </Group>
            {c.auto_renewal && (
              <Text size="xs" c="dimmed">
                {t('vendors.contracts.autoRenewal')}
              </Text>
            )}
          </Table.Td>
          <Table.Td ta="right" className="nowrap">
            <Text size="sm">
              {c.incident_notice_hours === null ? none : t('vendors.contracts.incidentNoticeValue', { count: c.incident_notice_hours })}
            </Text>
          </Table.Td>
          <Table.Td ta="right">
            <Text size="sm">{f.number(c.clauses.length)}</Text>
          </Table.Td>
          <Table.Td className="nowrap">
            <Text size="sm">{c.covers_my_number ? t('vendors.contracts.myNumberCovered') : none}</Text>
          </Table.Td>
          <Table.Td className="nowrap">
            <Text size="sm" c={c.document_file_id ? undefined : 'dimmed'}>
              {c.document_file_id ? t('vendors.contracts.attached') : t('vendors.contracts.notAttached')}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}
