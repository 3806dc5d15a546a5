import { Alert, Button, Divider, Drawer, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowDown } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  assessmentsGetAssessmentOptions,
  findingsGetFindingOptions,
  findingsGetFindingQueryKey,
  findingsUpdateFindingMutation,
  usersListUsersOptions,
} from '../../client/@tanstack/react-query.gen';
import type { FindingRead, FindingStatus, Severity } from '../../client/types.gen';
import { FindingStatusBadge, SEVERITIES, SeverityBadge } from '../../components/AssessmentBadges';
import { DayInput } from '../../components/DayInput';
import { AnchorLink } from '../../components/links';
import { QueryError } from '../../components/QueryError';
import { textIn } from '../../lib/bilingual';
import { asApiError } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { questionNumbers } from '../../lib/questions';
import { useCanEdit } from '../../lib/session';
import { findQuestion } from './answers';

const blank = (v: string) => (v.trim() === '' ? null : v.trim());

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {term}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

type EditValues = { severity: Severity; title: string; description: string; remediation_plan: string; due_date: string | null };

/** The finding's content: what was found, how it is to be fixed and by when. */
function EditForm({ finding, onSaved, onStale }: { finding: FindingRead; onSaved: (f: FindingRead) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const form = useForm<EditValues>({
    initialValues: {
      severity: finding.severity,
      title: finding.title,
      description: finding.description ?? '',
      remediation_plan: finding.remediation_plan ?? '',
      due_date: finding.due_date,
    },
    validate: {
      title: (v) => (!v.trim() ? t('validation.required') : v.length > 300 ? t('validation.maxLength', { max: 300 }) : null),
    },
  });
  const save = useMutation({
    ...findingsUpdateFindingMutation(),
    meta: { handlesErrors: true },
    onSuccess: (f) => {
      notifySuccess(t('assessments.findings.saved'));
      onSaved(f);
    },
    onError: (err) => {
      if (asApiError(err).error === 'stale_version') {
        notifyError(err);
        onStale();
      } else if (!applyApiFieldErrors(form, err, t, ['severity', 'title', 'description', 'remediation_plan', 'due_date'])) notifyError(err);
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        save.mutate({
          path: { finding_id: finding.id },
          body: {
            version: finding.version,
            severity: v.severity,
            title: v.title.trim(),
            description: blank(v.description),
            remediation_plan: blank(v.remediation_plan),
            due_date: v.due_date,
          },
        }),
      )}
    >
      <Stack gap="sm">
        <TextInput label={t('assessments.findings.titleField')} required {...form.getInputProps('title')} />
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label={t('assessments.findings.severity')}
            allowDeselect={false}
            data={SEVERITIES.map((s) => ({ value: s, label: t(`assessments.findings.severities.${s}`) }))}
            {...form.getInputProps('severity')}
          />
          <DayInput label={t('assessments.findings.due')} {...form.getInputProps('due_date')} />
        </SimpleGrid>
        <Textarea label={t('assessments.findings.description')} autosize minRows={2} {...form.getInputProps('description')} />
        {finding.vendor_proposed_plan && (
          <Paper withBorder radius="sm" p="sm" bg="blue.0" data-testid="vendor-plan">
            <Text size="xs" fw={600}>
              {t('assessments.findings.vendorPlan')}
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {t('assessments.findings.vendorPlanHint')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {finding.vendor_proposed_plan}
            </Text>
            <Group justify="flex-end" mt={6}>
              <Button
                size="compact-sm"
                variant="white"
                leftSection={<IconArrowDown size={14} />}
                onClick={() => form.setFieldValue('remediation_plan', finding.vendor_proposed_plan ?? '')}
                disabled={form.values.remediation_plan === finding.vendor_proposed_plan}
              >
                {t('assessments.findings.usePlan')}
              </Button>
            </Group>
          </Paper>
        )}
        <Textarea label={t('assessments.findings.remediationPlan')} autosize minRows={3} {...form.getInputProps('remediation_plan')} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Move the finding on: accepting a risk needs a reason and a manager or administrator who approves it. */
function StatusForm({ finding, onSaved, onStale }: { finding: FindingRead; onSaved: (f: FindingRead) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const people = useQuery(usersListUsersOptions({ query: { size: 100, sort: 'name', is_active: true } }));
  const approvers = (people.data?.items ?? []).filter((p) => p.status === 'active' && (p.role === 'admin' || p.role === 'manager'));
  const form = useForm<{ status: FindingStatus | null; resolution: string; approver: string | null }>({
    initialValues: { status: null, resolution: '', approver: null },
    validate: {
      status: (v) => (v ? null : t('validation.choose')),
      resolution: (v, all) =>
        all.status === 'risk_accepted' && !v.trim() ? t('validation.required') : v.length > 4000 ? t('validation.maxLength', { max: 4000 }) : null,
      approver: (v, all) => (all.status === 'risk_accepted' && !v ? t('validation.choose') : null),
    },
  });
  const change = useMutation({
    ...findingsUpdateFindingMutation(),
    meta: { handlesErrors: true },
    onSuccess: (f) => {
      notifySuccess(t('assessments.findings.statusChanged', { status: t(`assessments.findings.statuses.${f.status}`) }));
      form.reset();
      onSaved(f);
    },
    onError: (err) => {
      if (asApiError(err).error === 'stale_version') {
        notifyError(err);
        onStale();
      } else if (!applyApiFieldErrors(form, err, t, ['status', 'resolution', 'approver'], { risk_accepted_by_user_id: 'approver' })) {
        notifyError(err);
      }
    },
  });
  const next = form.values.status;
  const closing = next === 'closed' || next === 'risk_accepted';
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        change.mutate({
          path: { finding_id: finding.id },
          body: {
            version: finding.version,
            status: v.status,
            resolution: closing ? blank(v.resolution) : null,
            risk_accepted_by_user_id: v.status === 'risk_accepted' ? v.approver : null,
          },
        }),
      )}
    >
      <Stack gap="sm">
        <Select
          label={t('assessments.findings.moveTo')}
          allowDeselect={false}
          data={finding.allowed_status_transitions.map((s) => ({ value: s, label: t(`assessments.findings.statuses.${s}`) }))}
          {...form.getInputProps('status')}
        />
        {closing && (
          <Textarea
            label={next === 'risk_accepted' ? t('assessments.findings.resolutionRisk') : t('assessments.findings.resolutionClose')}
            required={next === 'risk_accepted'}
            autosize
            minRows={2}
            {...form.getInputProps('resolution')}
          />
        )}
        {next === 'risk_accepted' && (
          <Select
            label={t('assessments.findings.approver')}
            description={t('assessments.findings.approverHint')}
            required
            searchable
            data={approvers.map((p) => ({ value: p.id, label: t('assessments.findings.approverOption', { name: p.name, role: t(`roles.${p.role}`) }) }))}
            {...form.getInputProps('approver')}
          />
        )}
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={change.isPending} disabled={!next}>
            {t('assessments.findings.applyStatus')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One finding in a side panel: its facts, the vendor's proposal, editing and the status change. */
export function FindingDrawer({
  findingId,
  onClose,
  onChanged,
}: {
  findingId: string | undefined;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const queryClient = useQueryClient();
  const options = findingsGetFindingOptions({ path: { finding_id: findingId ?? '' } });
  const query = useQuery({ ...options, enabled: !!findingId });
  const people = useQuery({ ...usersListUsersOptions({ query: { size: 100, sort: 'name' } }), enabled: !!query.data?.risk_accepted_by_user_id });
  const finding = query.data;
  // The assessment names the finding's source and question (already cached on the assessment's page).
  const source = useQuery({
    ...assessmentsGetAssessmentOptions({ path: { assessment_id: finding?.assessment_id ?? '' } }),
    enabled: !!finding?.assessment_id,
  });
  const question = finding?.question_key && source.data ? findQuestion(source.data.definition, finding.question_key) : undefined;
  const questionNumber = question && source.data ? questionNumbers(source.data.definition.sections).get(question.key) : undefined;
  const saved = (updated: FindingRead) => {
    queryClient.setQueryData(findingsGetFindingQueryKey({ path: { finding_id: updated.id } }), updated);
    onChanged();
  };
  const stale = () => void query.refetch();
  const approver = people.data?.items.find((p) => p.id === finding?.risk_accepted_by_user_id);

  return (
    <Drawer opened={!!findingId} onClose={onClose} position="right" size="lg" title={t('assessments.findings.editTitle')}>
      {query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !finding ? (
        <Stack gap="sm">
          <Skeleton height={24} width="70%" />
          <Skeleton height={120} />
        </Stack>
      ) : (
        <Stack gap="md" data-testid="finding-drawer">
          <div>
            <Group gap={6} mb={4}>
              <SeverityBadge severity={finding.severity} />
              <FindingStatusBadge status={finding.status} />
              {finding.overdue && (
                <Text size="xs" c="red.9" fw={600}>
                  {t('assessments.overdue')}
                </Text>
              )}
            </Group>
            <Title order={3} fz="lg">
              {finding.title}
            </Title>
          </div>
          <SimpleGrid cols={2} spacing="sm">
            <Item term={t('assessments.findings.vendor')}>
              <AnchorLink to="/vendors/$vendorId" params={{ vendorId: finding.vendor_id }} size="sm">
                {finding.vendor_name}
              </AnchorLink>
            </Item>
            <Item term={t('assessments.findings.source')}>{t(`assessments.findings.sources.${finding.source}`)}</Item>
            {finding.assessment_id && (
              <Item term={t('assessments.findings.assessment')}>
                <AnchorLink to="/assessments/$assessmentId" params={{ assessmentId: finding.assessment_id }} size="sm">
                  {source.data?.title ?? t('assessments.findings.openAssessment')}
                </AnchorLink>
              </Item>
            )}
            {finding.question_key && (
              <Item term={t('assessments.findings.question')}>
                {question
                  ? `${t('common.questionNumber', { number: questionNumber })} ${textIn(question.text, i18n.language)}`
                  : finding.question_key}
              </Item>
            )}
            <Item term={t('assessments.findings.created')}>{f.dateTime(finding.created_at)}</Item>
            <Item term={t('assessments.findings.due')}>{finding.due_date ? f.day(finding.due_date) : t('common.none')}</Item>
            {finding.closed_at && <Item term={t('assessments.findings.closedAt')}>{f.dateTime(finding.closed_at)}</Item>}
          </SimpleGrid>
          {finding.resolution && (
            <Alert color="gray" variant="light" title={t('assessments.findings.resolution')}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {finding.resolution}
              </Text>
              {finding.risk_accepted_by_user_id && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t('assessments.findings.riskAcceptedBy', { name: approver?.name ?? '' })}
                </Text>
              )}
            </Alert>
          )}
          {canEdit ? (
            <>
              <Divider label={t('assessments.findings.details')} labelPosition="left" />
              <EditForm key={`${finding.id}-${finding.version}`} finding={finding} onSaved={saved} onStale={stale} />
              {finding.allowed_status_transitions.length > 0 && (
                <>
                  <Divider label={t('assessments.findings.changeStatus')} labelPosition="left" />
                  <StatusForm key={`${finding.id}-${finding.version}-status`} finding={finding} onSaved={saved} onStale={stale} />
                </>
              )}
            </>
          ) : (
            <Stack gap="sm">
              {finding.description && <Item term={t('assessments.findings.description')}>{finding.description}</Item>}
              {finding.vendor_proposed_plan && <Item term={t('assessments.findings.vendorPlan')}>{finding.vendor_proposed_plan}</Item>}
              <Item term={t('assessments.findings.remediationPlan')}>{finding.remediation_plan ?? t('common.none')}</Item>
            </Stack>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
