import { Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { assessmentsListAssessmentsOptions, findingsListFindingsOptions } from '../../client/@tanstack/react-query.gen';
import type { AssessmentSummary, VendorRead } from '../../client/types.gen';
import { AssessmentStatusBadge, DueDate, ScoreBand, SeverityBadge } from '../../components/AssessmentBadges';
import { AnchorLink, ButtonLink } from '../../components/links';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { useFormat } from '../../lib/format';
import { useCanEdit } from '../../lib/session';

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
        <Paper withBorder radius="md" p="md" data-testid="latest-assessment">
          <Title order={2} fz="lg" mb="sm">
            {t('assessments.vendorTab.latestTitle')}
          </Title>
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
        </Paper>
        <Paper withBorder radius="md" p="md" data-testid="vendor-open-findings">
          <Group justify="space-between" mb="sm">
            <Title order={2} fz="lg">
              {t('assessments.vendorTab.openFindingsTitle')}
            </Title>
            <AnchorLink to="/findings" search={{ vendor: vendor.id }} size="sm">
              {t('assessments.vendorTab.allFindings')}
            </AnchorLink>
          </Group>
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
        </Paper>
      </SimpleGrid>

      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="sm">
          <Title order={2} fz="lg">
            {t('assessments.vendorTab.historyTitle')}
          </Title>
          {canEdit && (
            <ButtonLink to="/assessments" search={{ vendor: vendor.id, new: true }} size="xs" leftSection={<IconPlus size={14} />}>
              {t('assessments.vendorTab.start')}
            </ButtonLink>
          )}
        </Group>
        {history.error ? (
          <QueryError error={history.error} onRetry={() => void history.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('assessments.columns.title')}</Table.Th>
                  <Table.Th>{t('assessments.columns.kind')}</Table.Th>
                  <Table.Th>{t('assessments.columns.status')}</Table.Th>
                  <Table.Th>{t('assessments.columns.due')}</Table.Th>
                  <Table.Th>{t('assessments.columns.score')}</Table.Th>
                  <Table.Th>{t('assessments.detail.validUntil')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <TableRows
                  columns={6}
                  loading={history.isPending}
                  empty={history.data?.items.length === 0}
                  emptyText={t('assessments.vendorTab.historyEmpty')}
                />
                {history.data?.items.map((a) => (
                  <Table.Tr key={a.id} data-testid="vendor-assessment-row">
                    <Table.Td>
                      <AnchorLink to="/assessments/$assessmentId" params={{ assessmentId: a.id }} size="sm" fw={600}>
                        {a.title}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td className="nowrap">
                      <Text size="sm">{t(`assessments.kinds.${a.kind}`)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <AssessmentStatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td>
                      <DueDate day={a.due_date} overdue={a.overdue} />
                    </Table.Td>
                    <Table.Td>
                      <ScoreBand score={a.score} band={a.band} questionnaireId={a.questionnaire_id} versionId={a.questionnaire_version_id} />
                    </Table.Td>
                    <Table.Td className="nowrap">
                      <Text size="sm">{a.valid_until ? f.day(a.valid_until) : t('common.none')}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
