import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconCheck, IconDownload, IconMessageQuestion } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  monitoringGetVendorReportOptions,
  monitoringGetVendorReportQueryKey,
  monitoringReviewVendorReportMutation,
} from '../../client/@tanstack/react-query.gen';
import type { ReportStatus, VendorReportRead } from '../../client/types.gen';
import { BackLink, DetailFrame, Fact } from '../../components/DetailParts';
import { AnchorLink } from '../../components/links';
import { ToneBadge } from '../../components/TierBadge';
import { downloadStoredFile, formatBytes } from '../../lib/download';
import { asApiError } from '../../lib/errors';
import { intlLocale, useFormat } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { ReportStatusBadge } from '../../components/MonitoringBadges';
import { Prose, YesNoLine } from './parts';
import { useRefreshMonitoring } from './refresh';

const route = getRouteApi('/_app/monitoring/reports/$reportId');

/** Accept the report or ask the vendor a question (a comment is needed to ask); a stale version reloads it. */
function ReviewPanel({ report, onReviewed, onStale }: { report: VendorReportRead; onReviewed: (r: VendorReportRead) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const review = useMutation({
    ...monitoringReviewVendorReportMutation(),
    meta: { handlesErrors: true },
    onError: (err) => {
      notifyError(err);
      if (asApiError(err).status === 409) onStale();
    },
  });
  const decide = (decision: ReportStatus) => {
    const text = comment.trim();
    if (decision === 'queried' && !text) {
      setError(t('monitoring.review.commentRequired'));
      return;
    }
    review.mutate(
      { path: { report_id: report.id }, body: { version: report.version, decision, comment: text || null } },
      {
        onSuccess: (next) => {
          notifySuccess(decision === 'accepted' ? t('monitoring.review.accepted') : t('monitoring.review.queried'));
          setComment('');
          onReviewed(next);
        },
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="review-panel">
      <Title order={2} fz="lg" mb={4}>
        {t('monitoring.review.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('monitoring.review.hint')}
      </Text>
      <Textarea
        label={t('monitoring.review.comment')}
        description={t('monitoring.review.commentHint')}
        autosize
        minRows={3}
        maxLength={10000}
        value={comment}
        error={error}
        onChange={(e) => {
          setComment(e.currentTarget.value);
          setError(null);
        }}
      />
      <Group justify="flex-end" mt="md">
        <Button variant="default" leftSection={<IconMessageQuestion size={16} />} loading={review.isPending && review.variables?.body.decision === 'queried'} onClick={() => decide('queried')}>
          {t('monitoring.review.query')}
        </Button>
        <Button leftSection={<IconCheck size={16} />} loading={review.isPending && review.variables?.body.decision === 'accepted'} onClick={() => decide('accepted')}>
          {t('monitoring.review.accept')}
        </Button>
      </Group>
    </Paper>
  );
}

/** One periodic report: everything the vendor wrote, and the review. */
export function ReportPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const queryClient = useQueryClient();
  const refresh = useRefreshMonitoring();
  const { reportId } = route.useParams();
  const query = useQuery(monitoringGetVendorReportOptions({ path: { report_id: reportId } }));
  const download = useMutation({ mutationFn: (id: string) => downloadStoredFile(id), meta: { handlesErrors: true }, onError: notifyError });
  const r = query.data;

  return (
    <DetailFrame back={<BackLink to="/monitoring/reports">{t('monitoring.reports.backToList')}</BackLink>} error={query.error} loading={!r} onRetry={() => void query.refetch()}>
      {r && (
        <>
          <Group justify="space-between" align="flex-start" mt={6} mb="md" gap="md" wrap="wrap">
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Group gap="sm" align="center">
                <Title order={1} fz={24}>
                  {t('monitoring.reports.reportTitle', { from: f.day(r.period_start), to: f.day(r.period_end) })}
                </Title>
                <ReportStatusBadge status={r.status} size="lg" />
              </Group>
              <AnchorLink to="/vendors/$vendorId" params={{ vendorId: r.vendor_id }} search={{ tab: 'monitoring' }} fw={600} size="sm">
                {r.vendor_name}
              </AnchorLink>
            </Stack>
          </Group>

          {r.status === 'queried' && r.review_comment && (
            <Alert color="yellow" variant="light" mb="md" title={t('monitoring.review.askedTitle')}>
              <Prose text={r.review_comment} />
            </Alert>
          )}

          <Paper withBorder radius="md" p="md" mb="md">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <Fact term={t('monitoring.reports.dueDate')}>{f.day(r.due_date)}</Fact>
              <Fact term={t('monitoring.reports.submittedBy')}>
                {r.submitted_at ? `${f.dateTime(r.submitted_at)} ・ ${r.submitted_by ?? ''}` : t('monitoring.reports.notSubmitted')}
              </Fact>
              <Fact term={t('monitoring.reports.reviewedBy')}>
                {r.reviewed_at ? `${f.dateTime(r.reviewed_at)} ・ ${r.reviewed_by ?? ''}` : t('common.none')}
              </Fact>
              {r.status === 'accepted' && r.review_comment && <Fact term={t('monitoring.review.comment')}>{r.review_comment}</Fact>}
            </SimpleGrid>
          </Paper>

          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <Title order={2} fz="lg" mb="xs">
                {t('monitoring.reports.handling')}
              </Title>
              <Prose text={r.handling} />
            </Paper>

            <Paper withBorder radius="md" p="md">
              <Title order={2} fz="lg" mb="xs">
                {t('monitoring.reports.incidents')}
              </Title>
              <YesNoLine question={t('monitoring.reports.incidentsQuestion')} value={r.incidents_occurred} tones={['critical', 'low']} badgeTestId="incidents-answer" />
              {r.incidents_occurred && <Prose text={r.incident_summary} />}
              {r.incident_id && (
                <AnchorLink to="/incidents/$incidentId" params={{ incidentId: r.incident_id }} size="sm" mt="xs" display="inline-block">
                  {t('monitoring.reports.linkedIncident')}
                </AnchorLink>
              )}
            </Paper>

            <Paper withBorder radius="md" p="md">
              <Title order={2} fz="lg" mb="xs">
                {t('monitoring.reports.accessChanges')}
              </Title>
              <YesNoLine question={t('monitoring.reports.allApplied')} value={r.access_changes_applied} tones={['low', 'critical']} mb="sm" />
              <Table.ScrollContainer minWidth={640}>
                <Table data-testid="access-changes">
                  <Table.Thead>
                    <Table.Tr className="nowrap">
                      <Table.Th>{t('monitoring.reports.person')}</Table.Th>
                      <Table.Th>{t('monitoring.reports.change')}</Table.Th>
                      <Table.Th>{t('monitoring.reports.changedOn')}</Table.Th>
                      <Table.Th>{t('monitoring.reports.applied')}</Table.Th>
                      <Table.Th>{t('monitoring.reports.appliedOn')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {r.access_change_list.length === 0 && (
                      <Table.Tr>
                        <Table.Td colSpan={5}>
                          <Text size="sm" c="dimmed" ta="center" py="sm">
                            {t('monitoring.reports.noAccessChanges')}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    )}
                    {r.access_change_list.map((c, i) => (
                      <Table.Tr key={i} data-testid="access-change">
                        <Table.Td>
                          <Text size="sm">{c.person}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{t(`monitoring.reports.changes.${c.change}`)}</Text>
                        </Table.Td>
                        <Table.Td className="nowrap">
                          <Text size="sm">{f.day(c.changed_on)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <ToneBadge tone={c.applied ? 'low' : 'critical'}>{c.applied ? t('monitoring.reports.appliedYes') : t('monitoring.reports.appliedNo')}</ToneBadge>
                        </Table.Td>
                        <Table.Td className="nowrap">
                          <Text size="sm">{c.applied_on ? f.day(c.applied_on) : t('common.none')}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>

            <Paper withBorder radius="md" p="md">
              <Title order={2} fz="lg" mb="xs">
                {t('monitoring.reports.measures')}
              </Title>
              <YesNoLine question={t('monitoring.reports.measuresQuestion')} value={r.measures_changed} tones={['high', 'neutral']} />
              {r.measures_changed && <Prose text={r.measures_changes} />}
            </Paper>

            <Paper withBorder radius="md" p="md">
              <Title order={2} fz="lg" mb="xs">
                {t('monitoring.reports.attachments')}
              </Title>
              {r.attachments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('monitoring.reports.noAttachments')}
                </Text>
              ) : (
                <Stack gap={6}>
                  {r.attachments.map((a) => (
                    <Group key={a.id} gap="sm" wrap="nowrap">
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        leftSection={<IconDownload size={14} />}
                        loading={download.isPending && download.variables === a.id}
                        onClick={() => download.mutate(a.id)}
                      >
                        {t('common.fileWithSize', { name: a.filename, size: formatBytes(a.size, intlLocale(i18n.language)) })}
                      </Button>
                    </Group>
                  ))}
                </Stack>
              )}
            </Paper>

            {canEdit && r.status === 'submitted' && (
              <ReviewPanel
                key={r.version}
                report={r}
                onReviewed={(next) => {
                  queryClient.setQueryData(monitoringGetVendorReportQueryKey({ path: { report_id: r.id } }), next);
                  void refresh();
                }}
                onStale={() => void query.refetch()}
              />
            )}
            {r.status === 'accepted' && (
              <Alert color="teal" variant="light" icon={<IconCheck size={18} />} data-testid="report-accepted">
                {t('monitoring.review.acceptedNote')}
              </Alert>
            )}
          </Stack>
        </>
      )}
    </DetailFrame>
  );
}
