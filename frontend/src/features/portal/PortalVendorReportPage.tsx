import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconDeviceFloppy,
  IconMessageQuestion,
  IconPlus,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  portalGetPortalVendorReportOptions,
  portalGetPortalVendorReportQueryKey,
  portalListPortalIncidentsOptions,
  portalListPortalVendorReportsQueryKey,
  portalSavePortalVendorReportMutation,
} from '../../client/@tanstack/react-query.gen';
import { AccessChange, type PortalIncident, type PortalVendorReport } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { enumValues } from '../../lib/enums';
import { asApiError, errorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { usePortal } from './context';
import { PortalSubPage } from './PortalFrame';
import { focusFirstError } from './focusFirstError';
import { FormSection } from './FormSection';
import { OverdueBadge, ReportStatusBadge, usePeriodLabel } from './monitoringLabels';
import {
  checkDraft,
  checkSubmit,
  emptyRow,
  isEditable,
  reportBody,
  reportRefusals,
  reportValues,
  sentRows,
  type ReportError,
  type ReportValues,
} from './periodicReport';
import { ReportAttachments } from './ReportAttachments';
import { useUploadLimit } from './Evidence';
import { isSessionEnded } from './session';

const CHANGES = enumValues(AccessChange);
const M = 'portalMonitoring.report';

/**
 * One periodic report (`/portal/reports/$itemId`): how the entrusted data was handled in the period,
 * incidents and near misses (a yes leads to the incident report), access-right changes of joiners and
 * leavers, changed security measures and attachments. Saved as a draft at any time, submitted after a
 * confirmation; read-only once submitted, open again when staff ask a question.
 */
export function PortalVendorReportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { headers, me } = usePortal();
  const { itemId } = useParams({ from: '/portal/reports/$itemId' });
  const options = portalGetPortalVendorReportOptions({ headers, path: { item_id: itemId } });
  // The form keeps what the contact typed; a refetch on focus would only move the version under it.
  const report = useQuery({ ...options, refetchOnWindowFocus: false });
  const periodLabel = usePeriodLabel();
  const organization = me?.organization_name ?? '';
  // A new generation of the form after a conflict: it starts again from what the server has.
  const [generation, setGeneration] = useState(0);

  let body: ReactNode;
  if (report.isPending) body = <PageLoader />;
  else if (report.isError) {
    body =
      asApiError(report.error).status === 404 ? (
        <Alert color="gray" variant="light" role="alert">
          {t(`${M}.notFound`)}
        </Alert>
      ) : isSessionEnded(report.error) ? null : (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      );
  } else {
    const r = report.data;
    body = (
      <>
        <div>
          <Group gap="xs" wrap="wrap" mb={6}>
            <ReportStatusBadge status={r.status} />
            {r.overdue && isEditable(r.status) && <OverdueBadge />}
          </Group>
          <Title order={1} fz={24} id="report-title">
            {periodLabel(r)}
          </Title>
          <Text size="sm" mt={6} c={r.overdue && isEditable(r.status) ? 'red.9' : undefined}>
            {t(`${M}.periodLine`, { from: format.day(r.period_start), to: format.day(r.period_end), due: format.day(r.due_date) })}
          </Text>
        </div>
        {isEditable(r.status) ? (
          <ReportForm
            key={`${r.item_id}-${generation}`}
            report={r}
            organization={organization}
            onReload={() => void report.refetch().then(() => setGeneration((g) => g + 1))}
            onFilesChanged={() => void report.refetch()}
          />
        ) : (
          <ReportView report={r} organization={organization} />
        )}
      </>
    );
  }

  return (
    <PortalSubPage back={t(`${M}.back`)}>
    {body}
    </PortalSubPage>
  );
}

// --- the form -------------------------------------------------------------------------------------------------------

type FormProps = {
  report: PortalVendorReport;
  organization: string;
  onReload: () => void;
  onFilesChanged: () => void;
};

function ReportForm({ report, organization, onReload, onFilesChanged }: FormProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { headers } = usePortal();
  const limit = useUploadLimit();
  const periodLabel = usePeriodLabel();
  const formId = useId();
  const itemId = report.item_id;
  const { incident: justReported } = useSearch({ from: '/portal/reports/$itemId' });
  const incidents = useQuery(portalListPortalIncidentsOptions({ headers }));

  const form = useForm<ReportValues>({
    mode: 'controlled',
    initialValues: (() => {
      const values = reportValues(report);
      // Back from the incident report: the incident just reported is the one this report names.
      if (justReported) return { ...values, incidents_occurred: 'yes' as const, incident_id: justReported };
      return values;
    })(),
  });
  const [problem, setProblem] = useState<'missing' | 'rows' | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const message = (e: ReportError) => t(`${M}.errors.${e}`);

  const save = useMutation({
    ...portalSavePortalVendorReportMutation(),
    meta: { handlesErrors: true },
    onSuccess: (saved) => {
      queryClient.setQueryData(portalGetPortalVendorReportQueryKey({ headers, path: { item_id: itemId } }), saved);
      void queryClient.invalidateQueries({ queryKey: portalListPortalVendorReportsQueryKey({ headers }) });
      setProblem(null);
    },
  });

  const showErrors = (errors: Record<string, ReportError>) => {
    form.setErrors(Object.fromEntries(Object.entries(errors).map(([path, e]) => [path, message(e)])));
    setProblem(Object.keys(errors).every((k) => k.startsWith('access_changes.')) ? 'rows' : 'missing');
    focusFirstError(formId);
  };

  /** Save the form (a draft, or the submission); resolves true when the server took it. */
  const send = async (submit: boolean): Promise<boolean> => {
    const values = form.getValues();
    const errors = submit ? checkSubmit(values) : checkDraft(values);
    form.clearErrors();
    if (Object.keys(errors).length > 0) {
      showErrors(errors);
      return false;
    }
    try {
      await save.mutateAsync({ headers, path: { item_id: itemId }, body: reportBody(values, report.version, submit) });
      if (!submit) setSavedAt(new Date());
      return true;
    } catch (err) {
      const e = asApiError(err);
      if (e.status === 422) {
        const refused = reportRefusals(e.detail, sentRows(values));
        if (refused.length > 0) showErrors(Object.fromEntries(refused));
      } else if (e.error === 'vendor_report_not_editable') {
        onReload();
      }
      return false;
    }
  };

  const submit = () => {
    const errors = checkSubmit(form.getValues());
    if (Object.keys(errors).length > 0) {
      form.clearErrors();
      showErrors(errors);
      return;
    }
    confirmAction({
      title: t(`${M}.submitTitle`),
      message: t(`${M}.submitBody`, { period: periodLabel(report), organization }),
      confirmLabel: t(`${M}.submitConfirm`),
      onConfirm: () => void send(true),
    });
  };

  const reportIncident = async () => {
    if (await send(false)) void navigate({ to: '/portal/incidents/new', search: { report: itemId } });
  };

  const values = form.getValues();
  const rows = values.access_changes;
  const errorCount = Object.keys(form.errors).length;
  // A 422 whose fields are marked on the form says enough there; anything else is said here.
  const onFields = save.isError && asApiError(save.error).status === 422 && reportRefusals(asApiError(save.error).detail, sentRows(values)).length > 0;
  const serverError = save.isError && !isSessionEnded(save.error) && !onFields ? save.error : null;
  const stale = serverError && asApiError(serverError).error === 'stale_version';
  const incidentOptions = (incidents.data ?? []).map((i: PortalIncident) => ({
    value: i.id,
    label: i.notified_at ? `${i.title}（${format.date(i.notified_at)}）` : i.title,
  }));

  return (
    <form
      id={formId}
      noValidate
      aria-labelledby="report-title"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        {report.status === 'queried' && report.question && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconMessageQuestion size={20} />}
            title={t(`${M}.queriedTitle`, { organization })}
            data-testid="report-question"
          >
            <Text size="sm" fw={600} style={{ whiteSpace: 'pre-wrap' }}>
              {report.question}
            </Text>
            <Text size="sm" mt={6}>
              {t(`${M}.queriedBody`)}
            </Text>
          </Alert>
        )}
        <Text size="sm">{t(`${M}.intro`, { organization })}</Text>

        <FormSection title={t(`${M}.sections.handling`)}>
          <Textarea
            label={t(`${M}.fields.handling`)}
            description={t(`${M}.fields.handlingHint`)}
            withAsterisk
            autosize
            minRows={3}
            maxRows={12}
            maxLength={10_000}
            {...form.getInputProps('handling')}
          />
        </FormSection>

        <FormSection title={t(`${M}.sections.incidents`)}>
          <YesNo
            label={t(`${M}.fields.incidentsOccurred`)}
            hint={t(`${M}.fields.incidentsHint`)}
            yes={t(`${M}.fields.incidentsYes`)}
            no={t(`${M}.fields.incidentsNo`)}
            inputProps={form.getInputProps('incidents_occurred')}
          />
          {values.incidents_occurred === 'yes' && (
            <>
              <Textarea
                label={t(`${M}.fields.incidentSummary`)}
                description={t(`${M}.fields.incidentSummaryHint`)}
                withAsterisk
                autosize
                minRows={3}
                maxRows={10}
                maxLength={10_000}
                {...form.getInputProps('incident_summary')}
              />
              {incidentOptions.length > 0 && (
                <Select
                  label={t(`${M}.fields.incidentLink`)}
                  description={t(`${M}.fields.incidentLinkHint`)}
                  placeholder={t(`${M}.fields.incidentNone`)}
                  data={incidentOptions}
                  clearable
                  allowDeselect
                  comboboxProps={{ withinPortal: true }}
                  {...form.getInputProps('incident_id')}
                  value={values.incident_id || null}
                  onChange={(v) => form.setFieldValue('incident_id', v ?? '')}
                />
              )}
              {!values.incident_id && (
                <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t(`${M}.fields.incidentFlowTitle`)}>
                  <Stack gap="xs">
                    <Text size="sm">{t(`${M}.fields.incidentFlow`, { organization })}</Text>
                    <Group>
                      <Button color="red" leftSection={<IconAlertTriangle size={16} />} loading={save.isPending} onClick={() => void reportIncident()}>
                        {t(`${M}.fields.incidentReport`)}
                      </Button>
                    </Group>
                  </Stack>
                </Alert>
              )}
            </>
          )}
        </FormSection>

        <FormSection title={t(`${M}.sections.access`)} hint={t(`${M}.fields.accessIntro`)} testId="access-changes">
          {rows.length === 0 && (
            <Text size="sm" c="dimmed">
              {t(`${M}.fields.accessNone`)}
            </Text>
          )}
          {rows.map((row, i) => (
            <Paper key={row.key} withBorder radius="sm" p="sm" bg="gray.0" data-testid="access-change">
              <Stack gap="sm">
                <Group justify="space-between" wrap="nowrap">
                  <Text fw={600} size="sm">
                    {t(`${M}.fields.rowTitle`, { n: i + 1 })}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t(`${M}.fields.removeRow`, { n: i + 1 })}
                    onClick={() => form.removeListItem('access_changes', i)}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput label={t(`${M}.fields.person`)} withAsterisk maxLength={200} {...form.getInputProps(`access_changes.${i}.person`)} />
                  <NativeSelect
                    label={t(`${M}.fields.change`)}
                    withAsterisk
                    data={[
                      { value: '', label: t(`${M}.fields.changePlaceholder`) },
                      ...CHANGES.map((c) => ({ value: c, label: t(`${M}.fields.changes.${c}`) })),
                    ]}
                    {...form.getInputProps(`access_changes.${i}.change`)}
                  />
                  <TextInput type="date" label={t(`${M}.fields.changedOn`)} withAsterisk {...form.getInputProps(`access_changes.${i}.changed_on`)} />
                </SimpleGrid>
                <Checkbox label={t(`${M}.fields.applied`)} {...form.getInputProps(`access_changes.${i}.applied`, { type: 'checkbox' })} />
                {row.applied && (
                  <TextInput type="date" label={t(`${M}.fields.appliedOn`)} maw={{ sm: 'calc(50% - 8px)' }} {...form.getInputProps(`access_changes.${i}.applied_on`)} />
                )}
              </Stack>
            </Paper>
          ))}
          <Group>
            <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('access_changes', emptyRow())}>
              {t(`${M}.fields.addRow`)}
            </Button>
          </Group>
          {rows.length > 0 && (
            <YesNo
              label={t(`${M}.fields.allApplied`)}
              yes={t(`${M}.fields.allAppliedYes`)}
              no={t(`${M}.fields.allAppliedNo`)}
              inputProps={form.getInputProps('access_changes_applied')}
            />
          )}
        </FormSection>

        <FormSection title={t(`${M}.sections.measures`)}>
          <YesNo
            label={t(`${M}.fields.measuresChanged`)}
            hint={t(`${M}.fields.measuresHint`)}
            yes={t(`${M}.fields.measuresYes`)}
            no={t(`${M}.fields.measuresNo`)}
            inputProps={form.getInputProps('measures_changed')}
          />
          {values.measures_changed === 'yes' && (
            <Textarea
              label={t(`${M}.fields.measuresChanges`)}
              description={t(`${M}.fields.measuresChangesHint`)}
              withAsterisk
              autosize
              minRows={3}
              maxRows={10}
              maxLength={10_000}
              {...form.getInputProps('measures_changes')}
            />
          )}
        </FormSection>

        <FormSection title={t(`${M}.sections.attachments`)} hint={t(`${M}.fields.attachmentsHint`, { size: limit.label })}>
          <ReportAttachments itemId={itemId} files={report.attachments} editable onChanged={onFilesChanged} />
        </FormSection>

        {problem && errorCount > 0 && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            role="alert"
            title={problem === 'missing' ? t(`${M}.missingTitle`) : undefined}
            data-testid="report-missing"
          >
            {problem === 'missing' ? t(`${M}.missingBody`, { count: errorCount }) : t(`${M}.fixRows`)}
          </Alert>
        )}
        {serverError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" data-testid="report-error">
            <Stack gap="xs">
              <Text size="sm">{stale ? t(`${M}.stale`) : errorMessage(t, serverError)}</Text>
              {stale && (
                <Group>
                  <Button size="xs" variant="white" color="red" onClick={onReload}>
                    {t('common.reload')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        <Group gap="sm" justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed" role="status" data-testid="report-saved">
            {savedAt ? t(`${M}.savedAt`, { time: format.dateTime(savedAt) }) : ''}
          </Text>
          <Group gap="sm" w={{ base: '100%', sm: 'auto' }}>
            <Button
              variant="default"
              size="md"
              leftSection={<IconDeviceFloppy size={18} />}
              loading={save.isPending && save.variables?.body.submit === false}
              onClick={() => void send(false)}
              w={{ base: '100%', sm: 'auto' }}
            >
              {t(`${M}.saveDraft`)}
            </Button>
            <Button
              type="submit"
              size="md"
              leftSection={<IconSend size={18} />}
              loading={save.isPending && save.variables?.body.submit === true}
              w={{ base: '100%', sm: 'auto' }}
            >
              {t(`${M}.submit`)}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

type InputProps = ReturnType<ReturnType<typeof useForm<ReportValues>>['getInputProps']>;

function YesNo({ label, hint, yes, no, inputProps }: { label: string; hint?: string; yes: string; no: string; inputProps: InputProps }) {
  return (
    <Radio.Group label={label} description={hint} withAsterisk {...inputProps}>
      <Group gap="lg" mt={8}>
        <Radio value="yes" label={yes} />
        <Radio value="no" label={no} />
      </Group>
    </Radio.Group>
  );
}

// --- read only ------------------------------------------------------------------------------------------------------

function ReportView({ report: r, organization }: { report: PortalVendorReport; organization: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { headers } = usePortal();
  const incidents = useQuery({ ...portalListPortalIncidentsOptions({ headers }), enabled: !!r.incident_id });
  const incident = incidents.data?.find((i) => i.id === r.incident_id);
  const heading = useRef<HTMLHeadingElement>(null);
  // After a submission the page turns read-only: say so where the eye (and the screen reader) is.
  useEffect(() => heading.current?.focus(), []);
  const accepted = r.status === 'accepted';
  const yesNo = (v: boolean | null, yes: string, no: string) => (v === null ? t(`${M}.view.notAnswered`) : v ? yes : no);

  return (
    <Stack gap="md" data-testid="report-view">
      <Alert color="teal" variant="light" icon={<IconCircleCheck size={20} />}>
        <Title order={2} fz="md" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          {accepted ? t(`${M}.acceptedTitle`) : t(`${M}.submittedTitle`)}
        </Title>
        <Text size="sm" mt={4}>
          {accepted
            ? t(`${M}.acceptedBody`, { organization })
            : t(`${M}.submittedBody`, { organization, date: r.submitted_at ? format.dateTime(r.submitted_at) : '' })}
        </Text>
      </Alert>

      <FormSection title={t(`${M}.sections.handling`)}>
        <Answer label={t(`${M}.fields.handling`)}>{r.handling ?? t(`${M}.view.notAnswered`)}</Answer>
      </FormSection>
      <FormSection title={t(`${M}.sections.incidents`)}>
        <Answer label={t(`${M}.fields.incidentsOccurred`)}>
          {yesNo(r.incidents_occurred, t(`${M}.fields.incidentsYes`), t(`${M}.fields.incidentsNo`))}
        </Answer>
        {r.incidents_occurred && r.incident_summary && <Answer label={t(`${M}.fields.incidentSummary`)}>{r.incident_summary}</Answer>}
        {r.incident_id && (
          <AnchorLink to="/portal/incidents/$incidentId" params={{ incidentId: r.incident_id }} size="sm">
            {t(`${M}.view.incidentLinked`, { title: incident?.title ?? '…' })}
          </AnchorLink>
        )}
      </FormSection>
      <FormSection title={t(`${M}.sections.access`)}>
        {r.access_changes.length === 0 ? (
          <Text size="sm">{t(`${M}.fields.accessNone`)}</Text>
        ) : (
          <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {r.access_changes.map((c, i) => (
              <Stack key={i} component="li" gap={2} py="xs" style={{ borderTop: i ? '1px solid var(--mantine-color-gray-3)' : undefined }} data-testid="access-change">
                <Text size="sm" fw={600}>
                  {c.person}
                </Text>
                <Text size="sm">
                  {t(`${M}.fields.changes.${c.change}`)} · {format.day(c.changed_on)} ·{' '}
                  {c.applied
                    ? c.applied_on
                      ? t(`${M}.view.applied`, { date: format.day(c.applied_on) })
                      : t(`${M}.view.appliedNoDate`)
                    : t(`${M}.view.notApplied`)}
                </Text>
              </Stack>
            ))}
          </Stack>
        )}
        {r.access_changes.length > 0 && (
          <Answer label={t(`${M}.fields.allApplied`)}>
            {yesNo(r.access_changes_applied, t(`${M}.fields.allAppliedYes`), t(`${M}.fields.allAppliedNo`))}
          </Answer>
        )}
      </FormSection>
      <FormSection title={t(`${M}.sections.measures`)}>
        <Answer label={t(`${M}.fields.measuresChanged`)}>
          {yesNo(r.measures_changed, t(`${M}.fields.measuresYes`), t(`${M}.fields.measuresNo`))}
        </Answer>
        {r.measures_changed && r.measures_changes && <Answer label={t(`${M}.fields.measuresChanges`)}>{r.measures_changes}</Answer>}
      </FormSection>
      <FormSection title={t(`${M}.sections.attachments`)}>
        <ReportAttachments itemId={r.item_id} files={r.attachments} editable={false} onChanged={() => undefined} />
      </FormSection>
      <Group>
        <ButtonLink to="/portal" variant="default">
          {t(`${M}.back`)}
        </ButtonLink>
      </Group>
    </Stack>
  );
}

function Answer({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}
