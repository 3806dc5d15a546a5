import { Button, FileButton, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  filesGetFileOptions,
  filesUploadFileMutation,
  monitoringGetAuditOptions,
  monitoringGetAuditQueryKey,
  monitoringUpdateAuditMutation,
} from '../../client/@tanstack/react-query.gen';
import type { AuditKind, AuditRead, AuditStatus } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { DayInput } from '../../components/DayInput';
import { BackLink, DetailFrame, Fact } from '../../components/DetailParts';
import { AnchorLink } from '../../components/links';
import { downloadStoredFile, formatBytes } from '../../lib/download';
import { asApiError } from '../../lib/errors';
import { intlLocale, useFormat } from '../../lib/format';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { AuditStatusBadge } from '../../components/MonitoringBadges';

import { useRefreshMonitoring } from './refresh';
import { AUDIT_KINDS } from './vocabulary';

const route = getRouteApi('/_app/monitoring/audits/$auditId');
const FIELDS = ['title', 'kind', 'planned_date', 'auditor', 'scope', 'started_date', 'completed_date', 'results'] as const;

type Values = {
  title: string;
  kind: AuditKind;
  planned_date: string | null;
  auditor: string;
  scope: string;
  started_date: string | null;
  completed_date: string | null;
  results: string;
};

function useAuditUpdate(audit: AuditRead, onStale: () => void, onFieldErrors?: (err: unknown) => boolean) {
  const queryClient = useQueryClient();
  const refresh = useRefreshMonitoring();
  return useMutation({
    ...monitoringUpdateAuditMutation(),
    meta: { handlesErrors: true },
    onSuccess: (next) => {
      queryClient.setQueryData(monitoringGetAuditQueryKey({ path: { audit_id: audit.id } }), next);
      void refresh();
    },
    onError: (err) => {
      if (onFieldErrors?.(err)) return;
      notifyError(err);
      if (asApiError(err).status === 409) onStale();
    },
  });
}

/** The moves the API allows from here, as buttons; completing settles the audit's calendar item. */
function StatusActions({ audit, onStale }: { audit: AuditRead; onStale: () => void }) {
  const { t } = useTranslation();
  const update = useAuditUpdate(audit, onStale);
  const move = (to: AuditStatus) => {
    const go = () =>
      update.mutate(
        { path: { audit_id: audit.id }, body: { version: audit.version, status: to } },
        { onSuccess: () => notifySuccess(t('monitoring.audits.statusChanged', { status: t(`monitoring.audits.statuses.${to}`) })) },
      );
    if (to === 'completed' || to === 'cancelled') {
      confirmAction({
        title: t(`monitoring.audits.confirm.${to}.title`),
        message: t(`monitoring.audits.confirm.${to}.body`),
        confirmLabel: t(`monitoring.audits.moves.${to}`),
        danger: to === 'cancelled',
        onConfirm: go,
      });
    } else go();
  };
  return (
    <Group gap="xs">
      {audit.allowed_statuses.map((s) => (
        <Button
          key={s}
          size="sm"
          variant={s === 'completed' || (s === 'in_progress' && audit.status === 'planned') ? 'filled' : 'default'}
          color={s === 'cancelled' ? 'red' : undefined}
          loading={update.isPending && update.variables?.body.status === s}
          onClick={() => move(s)}
        >
          {audit.status === 'completed' && s === 'in_progress' ? t('monitoring.audits.moves.reopen') : t(`monitoring.audits.moves.${s}`)}
        </Button>
      ))}
    </Group>
  );
}

/** The audit's report: download what is attached, upload (or replace) one. */
function AuditReport({ audit, canEdit, onStale }: { audit: AuditRead; canEdit: boolean; onStale: () => void }) {
  const { t, i18n } = useTranslation();
  const file = useQuery({ ...filesGetFileOptions({ path: { file_id: audit.report_file_id ?? '' } }), enabled: !!audit.report_file_id });
  const update = useAuditUpdate(audit, onStale);
  const upload = useMutation({
    ...filesUploadFileMutation(),
    onSuccess: (stored) =>
      update.mutate(
        { path: { audit_id: audit.id }, body: { version: audit.version, report_file_id: stored.id } },
        { onSuccess: () => notifySuccess(t('monitoring.audits.reportUploaded')) },
      ),
  });
  const download = useMutation({ mutationFn: (id: string) => downloadStoredFile(id), meta: { handlesErrors: true }, onError: notifyError });
  return (
    <Group gap="sm" wrap="wrap" data-testid="audit-report">
      {audit.report_file_id ? (
        <Button
          variant="light"
          size="xs"
          leftSection={<IconDownload size={14} />}
          loading={download.isPending}
          onClick={() => download.mutate(audit.report_file_id ?? '')}
        >
          {file.data
            ? t('common.fileWithSize', { name: file.data.filename, size: formatBytes(file.data.size, intlLocale(i18n.language)) })
            : t('monitoring.audits.downloadReport')}
        </Button>
      ) : (
        <Text size="sm" c="dimmed">
          {t('monitoring.audits.noReport')}
        </Text>
      )}
      {canEdit && (
        <FileButton onChange={(f) => f && upload.mutate({ body: { file: f } })} accept="application/pdf,image/png,image/jpeg,.xlsx,.docx">
          {(props) => (
            <Button {...props} size="xs" variant="default" leftSection={<IconUpload size={14} />} loading={upload.isPending || update.isPending}>
              {audit.report_file_id ? t('monitoring.audits.replaceReport') : t('monitoring.audits.uploadReport')}
            </Button>
          )}
        </FileButton>
      )}
    </Group>
  );
}

function AuditForm({ audit, onStale }: { audit: AuditRead; onStale: () => void }) {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const form = useForm<Values>({
    initialValues: {
      title: audit.title,
      kind: audit.kind,
      planned_date: audit.planned_date,
      auditor: audit.auditor ?? '',
      scope: audit.scope ?? '',
      started_date: audit.started_date,
      completed_date: audit.completed_date,
      results: audit.results ?? '',
    },
    validate: {
      title: (v) => (v.trim() ? null : t('validation.required')),
      planned_date: (v) => (v ? null : t('validation.required')),
    },
  });
  const update = useAuditUpdate(audit, onStale, (err) => applyApiFieldErrors(form, err, t, FIELDS));
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        update.mutate(
          {
            path: { audit_id: audit.id },
            body: {
              version: audit.version,
              title: v.title.trim(),
              kind: v.kind,
              planned_date: v.planned_date,
              auditor: v.auditor.trim() || null,
              scope: v.scope.trim() || null,
              started_date: v.started_date,
              completed_date: v.completed_date,
              results: v.results.trim() || null,
            },
          },
          { onSuccess: () => notifySuccess(t('monitoring.audits.saved')) },
        ),
      )}
    >
      <Stack gap="md">
        <TextInput label={t('monitoring.audits.fields.title')} required readOnly={!canEdit} maxLength={300} {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
          <Select
            label={t('monitoring.audits.fields.kind')}
            allowDeselect={false}
            readOnly={!canEdit}
            data={AUDIT_KINDS.map((k) => ({ value: k, label: t(`monitoring.audits.kinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <DayInput label={t('monitoring.audits.fields.planned_date')} required readOnly={!canEdit} {...form.getInputProps('planned_date')} />
          <DayInput label={t('monitoring.audits.fields.started_date')} readOnly={!canEdit} {...form.getInputProps('started_date')} />
          <DayInput label={t('monitoring.audits.fields.completed_date')} readOnly={!canEdit} {...form.getInputProps('completed_date')} />
        </SimpleGrid>
        <TextInput label={t('monitoring.audits.fields.auditor')} readOnly={!canEdit} maxLength={300} {...form.getInputProps('auditor')} />
        <Textarea label={t('monitoring.audits.fields.scope')} autosize minRows={2} readOnly={!canEdit} maxLength={10000} {...form.getInputProps('scope')} />
        <Textarea
          label={t('monitoring.audits.fields.results')}
          description={t('monitoring.audits.resultsHint')}
          autosize
          minRows={4}
          readOnly={!canEdit}
          maxLength={20000}
          {...form.getInputProps('results')}
        />
        {canEdit && (
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

/** One audit: where it stands, its checklist and findings, the results and the report. */
export function AuditPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const { auditId } = route.useParams();
  const query = useQuery(monitoringGetAuditOptions({ path: { audit_id: auditId } }));
  const a = query.data;
  const stale = () => void query.refetch();

  return (
    <DetailFrame back={<BackLink to="/monitoring/audits">{t('monitoring.audits.backToList')}</BackLink>} error={query.error} loading={!a} onRetry={stale}>
      {a && (
        <>
          <Group justify="space-between" align="flex-start" mt={6} mb="md" gap="md" wrap="wrap">
            <Stack gap={4} style={{ minWidth: 0, flex: '1 1 420px' }}>
              <Group gap="sm" align="center">
                <Title order={1} fz={24}>
                  {a.title}
                </Title>
                <AuditStatusBadge status={a.status} size="lg" />
              </Group>
              <AnchorLink to="/vendors/$vendorId" params={{ vendorId: a.vendor_id }} search={{ tab: 'monitoring' }} fw={600} size="sm">
                {a.vendor_name}
              </AnchorLink>
            </Stack>
            {canEdit && a.allowed_statuses.length > 0 && <StatusActions audit={a} onStale={stale} />}
          </Group>

          <Paper withBorder radius="md" p="md" mb="md">
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
              <Fact term={t('monitoring.audits.fields.kind')}>{t(`monitoring.audits.kinds.${a.kind}`)}</Fact>
              <Fact term={t('monitoring.audits.fields.planned_date')}>{f.day(a.planned_date)}</Fact>
              <Fact term={t('monitoring.audits.calendarItem')}>
                {a.item_id ? (
                  <AnchorLink to="/monitoring" search={{ view: 'list', vendor: a.vendor_id, kind: ['audit'] }} size="sm">
                    {t('monitoring.audits.onCalendar')}
                  </AnchorLink>
                ) : (
                  t('monitoring.audits.notOnCalendar')
                )}
              </Fact>
              <Fact term={t('monitoring.audits.checklist')}>
                {a.assessment_id ? (
                  <Stack gap={0}>
                    <AnchorLink to="/assessments/$assessmentId" params={{ assessmentId: a.assessment_id }} size="sm" data-testid="audit-checklist">
                      {t('monitoring.audits.openChecklist')}
                    </AnchorLink>
                    <Text size="xs" fw={a.findings_open ? 700 : undefined} c={a.findings_open ? 'red.9' : 'dimmed'} data-testid="audit-findings-open">
                      {t('monitoring.audits.findingsCount', { count: a.findings_open })}
                    </Text>
                  </Stack>
                ) : (
                  t('monitoring.audits.noChecklist')
                )}
              </Fact>
            </SimpleGrid>
          </Paper>

          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <Title order={2} fz="lg" mb="xs">
                {t('monitoring.audits.reportTitle')}
              </Title>
              <AuditReport audit={a} canEdit={canEdit} onStale={stale} />
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Title order={2} fz="lg" mb="sm">
                {t('monitoring.audits.detailsTitle')}
              </Title>
              <AuditForm key={a.version} audit={a} onStale={stale} />
            </Paper>
          </Stack>
        </>
      )}
    </DetailFrame>
  );
}
