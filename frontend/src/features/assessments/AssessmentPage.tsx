import { Alert, Badge, Button, Group, Menu, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  IconChecks,
  IconChevronDown,
  IconDownload,
  IconFileImport,
  IconPlayerPlay,
  IconPlus,
  IconSend,
  IconTrash,
  IconArrowBackUp,
  IconBellRinging,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  assessmentsDeleteAssessmentMutation,
  assessmentsGetAssessmentOptions,
  assessmentsGetAssessmentQueryKey,
  assessmentsStartAssessmentReviewMutation,
  findingsListFindingsOptions,
} from '../../client/@tanstack/react-query.gen';
import { assessmentsExportAssessmentWorkbook } from '../../client/sdk.gen';
import type { AssessmentRead } from '../../client/types.gen';
import { AssessmentStatusBadge, DueDate } from '../../components/AssessmentBadges';
import { confirmAction } from '../../components/confirm';
import { BackLink, DetailFrame, Fact } from '../../components/DetailParts';
import { AnchorLink } from '../../components/links';
import { textIn } from '../../lib/bilingual';
import { filenameFromResponse, saveBlob } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { assessmentActions, canReviewAnswers, type AssessmentAction } from './actions';
import { DecisionForm } from './DecisionForm';
import { FindingDrawer } from './FindingDrawer';
import { FindingForm } from './FindingForm';
import { FindingsTable } from './FindingsTable';
import { ImportWorkbook } from './ImportWorkbook';
import { InternalNotes } from './InternalNotes';
import { InvitationsCard } from './InvitationsCard';
import { QuestionList } from './QuestionList';
import { useRefreshAssessments } from './refresh';
import { ProgressCard, ScoreCard } from './ScoreCard';
import { SendForm } from './SendForm';

const route = getRouteApi('/_app/assessments/$assessmentId');

type Dialog = 'send' | 'remind' | 'return' | 'accept' | 'import' | { finding: string | null } | null;

const ICONS: Record<AssessmentAction, ReactNode> = {
  send: <IconSend size={16} />,
  remind: <IconBellRinging size={16} />,
  start_review: <IconPlayerPlay size={16} />,
  accept: <IconChecks size={16} />,
  return: <IconArrowBackUp size={16} />,
  import: <IconFileImport size={16} />,
  delete: <IconTrash size={16} />,
};

const LABELS: Record<AssessmentAction, 'send' | 'remind' | 'startReview' | 'accept' | 'return' | 'import' | 'delete'> = {
  send: 'send',
  remind: 'remind',
  start_review: 'startReview',
  accept: 'accept',
  return: 'return',
  import: 'import',
  delete: 'delete',
};

/** The reviewer's workspace: the answers with their evidence, score, links sent, findings and decisions. */
export function AssessmentPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const queryClient = useQueryClient();
  const refresh = useRefreshAssessments();
  const { assessmentId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const key = assessmentsGetAssessmentQueryKey({ path: { assessment_id: assessmentId } });
  const query = useQuery(assessmentsGetAssessmentOptions({ path: { assessment_id: assessmentId } }));
  const findings = useQuery(findingsListFindingsOptions({ query: { assessment_id: assessmentId, size: 100, sort: '-created_at' } }));
  const a = query.data;

  const changed = (updated?: AssessmentRead) => {
    if (updated) queryClient.setQueryData(key, updated);
    void refresh();
  };
  const startReview = useMutation({
    ...assessmentsStartAssessmentReviewMutation(),
    onSuccess: (updated) => {
      notifySuccess(t('assessments.decision.startedReview'));
      changed(updated);
    },
  });
  const remove = useMutation({
    ...assessmentsDeleteAssessmentMutation(),
    onSuccess: () => {
      notifySuccess(t('assessments.decision.deleted'));
      void refresh();
      void navigate({ to: '/assessments' });
    },
  });
  const exportXlsx = useMutation({
    mutationFn: async (lang: 'ja' | 'en') => {
      const { data, response } = await assessmentsExportAssessmentWorkbook({
        path: { assessment_id: assessmentId },
        query: { lang },
        parseAs: 'blob',
        throwOnError: true,
      });
      const name = filenameFromResponse(response, 'itaku-assessment.xlsx');
      saveBlob(data as Blob, name);
      return name;
    },
    onSuccess: (name) => notifySuccess(t('assessments.decision.exported', { name })),
  });

  const openFinding = (id: string | undefined) => void navigate({ search: { finding: id }, replace: !id });

  const back = <BackLink to="/assessments">{t('assessments.detail.backToList')}</BackLink>;
  if (query.error || !a) return <DetailFrame back={back} error={query.error} loading={!a} onRetry={() => void query.refetch()} />;

  const actions = assessmentActions(a, canEdit);
  const reviewable = canReviewAnswers(a, canEdit);

  const run = (action: AssessmentAction) => {
    if (action === 'start_review') startReview.mutate({ path: { assessment_id: a.id } });
    else if (action !== 'delete') setDialog(action);
    else if (action === 'delete')
      confirmAction({
        title: t('assessments.decision.deleteTitle'),
        message: t('assessments.decision.deleteBody', { title: a.title }),
        confirmLabel: t('common.delete'),
        danger: true,
        onConfirm: () => remove.mutate({ path: { assessment_id: a.id } }),
      });
  };
  // The next step stands out; the rest are plain buttons, deleting a draft sits in red text.
  const primary = actions.find((x) => x === 'start_review' || x === 'accept' || x === 'send') ?? null;

  return (
    <>
      {back}
      <Group justify="space-between" align="flex-end" mt={6} mb="md" gap="md" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 420px' }}>
          <Group gap="sm" align="center">
            <Title order={1} fz={24}>
              {a.title}
            </Title>
            <AssessmentStatusBadge status={a.status} size="lg" />
            <Badge variant="light" color="gray" size="lg">
              {t(`assessments.kinds.${a.kind}`)}
            </Badge>
          </Group>
          <Group gap="lg" wrap="wrap">
            <Fact term={t('assessments.detail.vendor')}>
              <AnchorLink to="/vendors/$vendorId" params={{ vendorId: a.vendor_id }} size="sm" fw={600}>
                {a.vendor_name}
              </AnchorLink>
            </Fact>
            <Fact term={t('assessments.detail.due')}>
              {a.due_date ? <DueDate day={a.due_date} overdue={a.overdue} /> : t('assessments.detail.noDue')}
            </Fact>
            <Fact term={t('assessments.detail.template')}>
              {t('assessments.detail.templateVersion', { title: textIn(a.definition.title, i18n.language), number: a.questionnaire_version_number })}
            </Fact>
            {a.sent_at && <Fact term={t('assessments.detail.sentAt')}>{f.dateTime(a.sent_at)}</Fact>}
            {a.submitted_at && <Fact term={t('assessments.detail.submittedAt')}>{f.dateTime(a.submitted_at)}</Fact>}
            {a.valid_until && <Fact term={t('assessments.detail.validUntil')}>{f.day(a.valid_until)}</Fact>}
          </Group>
          {a.reminder_count > 0 && a.last_reminded_at && (
            <Text size="xs" c="dimmed">
              {t('assessments.detail.reminders', { count: a.reminder_count, date: f.dateTime(a.last_reminded_at) })}
            </Text>
          )}
        </Stack>
        <Group gap="xs" role="group" aria-label={t('assessments.actions.label')}>
          {actions.map((x) => (
            <Button
              key={x}
              variant={x === primary ? 'filled' : x === 'delete' ? 'subtle' : 'default'}
              color={x === 'delete' ? 'red' : undefined}
              leftSection={ICONS[x]}
              loading={(x === 'start_review' && startReview.isPending) || (x === 'delete' && remove.isPending)}
              onClick={() => run(x)}
            >
              {t(`assessments.actions.${LABELS[x]}`)}
            </Button>
          ))}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} loading={exportXlsx.isPending}>
                {t('assessments.actions.export')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => exportXlsx.mutate('ja')}>{t('assessments.actions.exportJa')}</Menu.Item>
              <Menu.Item onClick={() => exportXlsx.mutate('en')}>{t('assessments.actions.exportEn')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>

      {a.status === 'returned' && (
        <Alert color="orange" variant="light" title={t('assessments.detail.returnedTitle')} mb="md" data-testid="decision">
          <Text size="sm">
            {t('assessments.detail.returnedBody', { who: a.decided_by_label ?? '', date: a.decided_at ? f.dateTime(a.decided_at) : '' })}
          </Text>
          {a.decision_comment && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {t('assessments.detail.decisionComment', { comment: a.decision_comment })}
            </Text>
          )}
        </Alert>
      )}
      {a.status === 'accepted' && (
        <Alert color="teal" variant="light" title={t('assessments.detail.acceptedTitle')} mb="md" data-testid="decision">
          <Text size="sm">
            {t('assessments.detail.acceptedBody', {
              who: a.decided_by_label ?? '',
              date: a.decided_at ? f.dateTime(a.decided_at) : '',
              until: a.valid_until ? f.day(a.valid_until) : t('common.none'),
            })}
          </Text>
          {a.decision_comment && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {t('assessments.detail.decisionComment', { comment: a.decision_comment })}
            </Text>
          )}
        </Alert>
      )}
      {a.status === 'submitted' && canEdit && (
        <Alert color="blue" variant="light" title={t('assessments.detail.submittedTitle')} mb="md">
          <Text size="sm">{t('assessments.detail.submittedBody')}</Text>
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
        <Stack gap="md" style={{ gridColumn: 'span 2', minWidth: 0 }}>
          <Paper withBorder radius="md" p="md" id="findings" data-testid="assessment-findings">
            <Group justify="space-between" mb="sm">
              <Title order={2} fz="lg">
                {t('assessments.findings.title')}
              </Title>
              {canEdit && (
                <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setDialog({ finding: null })}>
                  {t('assessments.findings.add')}
                </Button>
              )}
            </Group>
            <FindingsTable
              query={findings}
              findings={findings.data?.items}
              emptyText={t('assessments.findings.empty')}
              showVendor={false}
              onOpen={openFinding}
            />
          </Paper>
          <QuestionList
            assessment={a}
            findings={findings.data?.items ?? []}
            reviewable={reviewable}
            canEdit={canEdit}
            onReviewed={changed}
            onAddFinding={(q) => setDialog({ finding: q })}
            onOpenFinding={openFinding}
          />
        </Stack>
        <Stack gap="md">
          <ScoreCard assessment={a} />
          <ProgressCard assessment={a} />
          <InvitationsCard assessmentId={a.id} canEdit={canEdit} onChanged={() => changed()} />
          <InternalNotes key={a.id} assessment={a} canEdit={canEdit} onSaved={() => changed()} onStale={() => void query.refetch()} />
        </Stack>
      </SimpleGrid>

      <Modal
        opened={dialog === 'send' || dialog === 'remind'}
        onClose={() => setDialog(null)}
        size="lg"
        title={dialog === 'remind' ? t('assessments.send.remindTitle') : t('assessments.send.title')}
      >
        {(dialog === 'send' || dialog === 'remind') && (
          <SendForm assessment={a} reminder={dialog === 'remind'} onSent={() => changed()} onDone={() => setDialog(null)} />
        )}
      </Modal>
      <Modal
        opened={dialog === 'return' || dialog === 'accept'}
        onClose={() => setDialog(null)}
        size="lg"
        title={dialog === 'return' ? t('assessments.decision.returnTitle') : t('assessments.decision.acceptTitle')}
      >
        {(dialog === 'return' || dialog === 'accept') && (
          <DecisionForm
            assessment={a}
            decision={dialog}
            onCancel={() => setDialog(null)}
            onStale={() => {
              setDialog(null);
              void query.refetch();
            }}
            onDone={(updated) => {
              notifySuccess(dialog === 'return' ? t('assessments.decision.returned') : t('assessments.decision.accepted'));
              setDialog(null);
              changed(updated);
            }}
          />
        )}
      </Modal>
      <Modal opened={dialog === 'import'} onClose={() => setDialog(null)} size="xl" title={t('assessments.import.title')}>
        {dialog === 'import' && <ImportWorkbook assessment={a} onImported={(r) => changed(r.assessment)} onClose={() => setDialog(null)} />}
      </Modal>
      <Modal
        opened={typeof dialog === 'object' && dialog !== null}
        onClose={() => setDialog(null)}
        size="lg"
        title={t('assessments.findings.addTitle')}
      >
        {typeof dialog === 'object' && dialog !== null && (
          <FindingForm
            vendorId={a.vendor_id}
            assessment={{ id: a.id, definition: a.definition }}
            questionKey={dialog.finding ?? undefined}
            onCancel={() => setDialog(null)}
            onSaved={() => {
              notifySuccess(t('assessments.findings.added'));
              setDialog(null);
              changed();
            }}
          />
        )}
      </Modal>
      <FindingDrawer findingId={search.finding} onClose={() => openFinding(undefined)} onChanged={() => changed()} />
    </>
  );
}
