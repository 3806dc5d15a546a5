import { Anchor, Table, Text } from '@mantine/core';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindingRead } from '../../client/types.gen';
import { DueDate, FindingStatusBadge, SeverityBadge } from '../../components/AssessmentBadges';
import { AnchorLink } from '../../components/links';
import { ListTable } from '../../components/ListTable';
import { useFormat } from '../../lib/format';

/** Findings as rows, with the read's states (and the pager when given); the title opens the finding's drawer. */
export function FindingsTable({
  findings,
  showVendor,
  onOpen,
  ...list
}: Omit<ComponentProps<typeof ListTable<FindingRead>>, 'items' | 'columns' | 'minWidth' | 'head' | 'row'> & {
  findings: FindingRead[] | undefined;
  showVendor: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <ListTable
      {...list}
      items={findings}
      columns={showVendor ? 6 : 5}
      minWidth={showVendor ? 900 : 680}
      head={
        <>
          <Table.Th>{t('assessments.findings.severity')}</Table.Th>
          <Table.Th>{t('assessments.findings.titleField')}</Table.Th>
          {showVendor && <Table.Th>{t('assessments.findings.vendor')}</Table.Th>}
          <Table.Th>{t('assessments.findings.status')}</Table.Th>
          <Table.Th>{t('assessments.findings.due')}</Table.Th>
          <Table.Th>{t('assessments.findings.created')}</Table.Th>
        </>
      }
      row={(x) => (
        <Table.Tr key={x.id} data-testid="finding-row">
          <Table.Td>
            <SeverityBadge severity={x.severity} />
          </Table.Td>
          <Table.Td>
            <Anchor component="button" type="button" size="sm" fw={600} ta="left" onClick={() => onOpen(x.id)}>
              {x.title}
            </Anchor>
            {x.vendor_proposed_plan && !x.remediation_plan && (
              <Text size="xs" c="dimmed">
                {t('assessments.findings.vendorPlan')}
              </Text>
            )}
          </Table.Td>
          {showVendor && (
            <Table.Td>
              <AnchorLink to="/vendors/$vendorId" params={{ vendorId: x.vendor_id }} size="sm" c="inherit">
                {x.vendor_name}
              </AnchorLink>
            </Table.Td>
          )}
          <Table.Td>
            <FindingStatusBadge status={x.status} />
          </Table.Td>
          <Table.Td>
            <DueDate day={x.due_date} overdue={x.overdue} hint={t('assessments.findings.overdueHint')} />
          </Table.Td>
          <Table.Td className="nowrap">
            <Text size="sm">{f.date(x.created_at)}</Text>
          </Table.Td>
        </Table.Tr>
      )}
    />
  );
}
