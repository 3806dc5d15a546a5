import { Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { assessmentsListAssessmentsOptions, findingsListFindingsOptions } from '../../client/@tanstack/react-query.gen';
import type { AssessmentSummary, VendorRead } from '../../client/types.gen';
import { AssessmentCells, DueDate, ScoreBand, SeverityBadge } from '../../components/AssessmentBadges';
import { AnchorLink, ButtonLink } from '../../components/links';
import { QueryError } from '../../components/QueryError';
import { SectionCard } from '../../components/SectionCard';
import { useFormat } from '../../lib/format';
import { useCanEdit } from '../../lib/session';
import { ChildTab } from './ChildTab';

/** The accepted assessment decided last: the one whose result and validity currently stand. */
export function latestAccepted(items: AssessmentSummary[]): AssessmentSummary | undefined {
  return items
    .filter((a) => a.status === 'accepted')
    .sort((x, y) => (y.decided_at ?? '').localeCompare(x.decided_at ?? ''))[0];
}

/** The vendor's security assessments: the result that stands, the open findings, and the history. */
export function AssessmentsTab({ vendor }: { vendor: VendorRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const history = useQuery(assessmentsListAssessmentsOptions({ query: { vendor_id: vendor.id, size: 100, sort: '-created_at' } }));
  const findings = useQuery(
    findingsListFindingsOptions({ query: { vendor_id: vendor.id, status: ['open', 'in_remediation'], sort: 'due_date', size: 20 } }),
  );
  const latest = latestAccepted(history.data?.items ?? []);
  const lapsed = !!latest?.valid_until && latest.valid_until < f.today();

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <SectionCard title={t('assessments.vendorTab.latestTitle')} data-testid="latest-assessment">
          {history.error ? (
            <QueryError error={history.error} onRetry={() => void history.refetch()} />
          ) : !latest ? (
            <Text size="sm" c="dimmed">
              {history.data ? t('assessments.vendorTab.latestNone') : '\u00a0'}
            </Text>
          ) : (
            <Stack gap={6}>
              <AnchorLink to="/assessments/$assessmentId" params={{ assessmentId: latest.id }} fw={600} size="sm">
                {latest.title}
              </AnchorLink>
              <ScoreBand score={latest.score} band={latest.band} questionnaireId={latest.questionnaire_id} versionId={latest.questionnaire_version_id} />
              {latest.valid_until && (
                <Text size="sm" c={lapsed ? 'red.9' : undefined} fw={lapsed ? 600 : undefined}>
                  {lapsed
                    ? t('assessments.vendorTab.lapsed', { date: f.day(latest.valid_until) })
                    : t('assessments.vendorTab.validUntil', { date: f.day(latest.valid_until) })}
                </Text>
              )}
            </Stack>
          )}
        </SectionCard>
        <SectionCard
          title={t('assessments.vendorTab.openFindingsTitle')}
          actions={
            <AnchorLink to="/findings" search={{ vendor: vendor.id }} size="sm">
              {t('assessments.vendorTab.allFindings')}
            </AnchorLink>
          }
          data-testid="vendor-open-findings"
        >
          {findings.error ? (
            <QueryError error={findings.error} onRetry={() => void findings.refetch()} />
          ) : findings.data?.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('assessments.vendorTab.openFindingsEmpty')}
            </Text>
          ) : (
            <Stack gap={6}>
              {findings.data?.items.map((x) => (
                <Group key={x.id} gap="xs" wrap="nowrap" justify="space-between">
                  <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                    <SeverityBadge severity={x.severity} />
                    <AnchorLink to="/findings" search={{ vendor: vendor.id, finding: x.id }} size="sm" truncate>
                      {x.title}
                    </AnchorLink>
                  </Group>
                  <DueDate day={x.due_date} overdue={x.overdue} hint={t('assessments.findings.overdueHint')} />
                </Group>
              ))}
            </Stack>
          )}
        </SectionCard>
      </SimpleGrid>

      <ChildTab
        title={t('assessments.vendorTab.historyTitle')}
        actions={
          canEdit && (
            <ButtonLink to="/assessments" search={{ vendor: vendor.id, new: true }} size="xs" leftSection={<IconPlus size={14} />}>
              {t('assessments.vendorTab.start')}
            </ButtonLink>
          )
        }
        query={history}
        items={history.data?.items}
        columns={6}
        minWidth={820}
        emptyText={t('assessments.vendorTab.historyEmpty')}
        head={
          <>
            <Table.Th>{t('assessments.columns.title')}</Table.Th>
            <Table.Th>{t('assessments.columns.kind')}</Table.Th>
            <Table.Th>{t('assessments.columns.status')}</Table.Th>
            <Table.Th>{t('assessments.columns.due')}</Table.Th>
            <Table.Th>{t('assessments.columns.score')}</Table.Th>
            <Table.Th>{t('assessments.detail.validUntil')}</Table.Th>
          </>
        }
        row={(a) => (
          <Table.Tr key={a.id} data-testid="vendor-assessment-row">
            <Table.Td>
              <AnchorLink to="/assessments/$assessmentId" params={{ assessmentId: a.id }} size="sm" fw={600}>
                {a.title}
              </AnchorLink>
            </Table.Td>
            <AssessmentCells a={a} />
            <Table.Td className="nowrap">
              <Text size="sm">{a.valid_until ? f.day(a.valid_until) : t('common.none')}</Text>
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
