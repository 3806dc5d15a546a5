import {
  Alert,
  Box,
  Button,
  Collapse,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconChevronDown, IconChevronUp, IconCircleCheck, IconMessage, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  portalGetPortalIncidentOptions,
  portalListPortalIncidentsQueryKey,
  portalUpdatePortalIncidentMutation,
} from '../../client/@tanstack/react-query.gen';
import type { PortalIncident } from '../../client/types.gen';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { asApiError, errorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { applyApiFieldErrors } from '../../lib/forms';
import { usePortal } from './context';
import { PortalSubPage } from './PortalFrame';
import { CountInputs } from './CountInputs';
import { IncidentStatusBadge } from './IncidentStatusBadge';
import {
  checkUpdate,
  followUps,
  incidentRefusals,
  UPDATE_FIELDS,
  updateBody,
  updateValues,
  type ReportError,
  type UpdateValues,
} from './incidentReport';
import { focusFirstError } from './focusFirstError';
import { isSessionEnded } from './session';

/** One incident the vendor reported: where it stands, the report as it now reads, the timeline, and a follow-up. */
export function PortalIncidentPage() {
  const { t } = useTranslation();
  const { incidentId } = useParams({ from: '/portal/incidents/$incidentId' });
  const { headers } = usePortal();
  const incident = useQuery(portalGetPortalIncidentOptions({ path: { incident_id: incidentId }, headers }));

  return (
    <PortalSubPage back={t('portal.incidents.detail.back')}>
    {incident.isPending || (incident.isError && isSessionEnded(incident.error)) ? (
      <PageLoader />
    ) : incident.isError ? (
      asApiError(incident.error).status === 404 ? (
        <Alert color="orange" variant="light" role="alert">
          {t('portal.incidents.detail.notFound')}
        </Alert>
      ) : (
        <QueryError error={incident.error} onRetry={() => void incident.refetch()} />
      )
    ) : (
      <IncidentView incident={incident.data} />
    )}
    </PortalSubPage>
  );
}

function IncidentView({ incident: i }: { incident: PortalIncident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { me } = usePortal();
  const organization = me?.organization_name ?? '';
  return (
    <>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Title order={1} fz={22} lh={1.4}>
            {i.title}
          </Title>
          <IncidentStatusBadge status={i.status} />
        </Group>
        {organization && (
          <Text size="sm" data-testid="incident-status-help">
            {t(`portal.incidents.statusHelp.${i.status}`, { organization })}
          </Text>
        )}
        {i.notified_at && (
          <Text size="xs" c="dimmed">
            {t('portal.incidents.detail.reportedAt', { time: format.dateTime(i.notified_at) })}
          </Text>
        )}
      </Stack>
      <Report incident={i} organization={organization} />
      <History incident={i} />
      <UpdateForm incident={i} organization={organization} />
    </>
  );
}

/** The report as it reads now: the first report, with what follow-ups changed. */
function Report({ incident: i, organization }: { incident: PortalIncident; organization: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const f = (key: string) => t(`portal.incidents.form.fields.${key}` as 'portal.incidents.form.fields.title');
  const time = (v: string | null) => (v ? format.dateTime(v) : null);
  const count = (v: number | null) => (v === null ? null : `${format.number(v)} ${t('portal.incidents.form.fields.people')}`);
  const rows: [string, ReactNode][] = [
    [t('portal.incidents.detail.occurredAt'), time(i.occurred_at)],
    [f('discoveredAt'), time(i.discovered_at)],
    [t('portal.incidents.detail.notifiedAt', { organization }), time(i.notified_at)],
    [f('description'), i.description],
    [
      f('dataCategories'),
      i.data_categories.length ? i.data_categories.map((c) => t(`portal.incidents.form.categories.${c}`)).join(t('common.listSeparator')) : null,
    ],
    [f('dataItems'), i.data_items],
    [f('estimate'), count(i.affected_persons_estimate)],
    [f('max'), count(i.affected_persons_max)],
    [f('encrypted'), i.strongly_encrypted ? f('encryptedYes') : f('encryptedNo')],
    [t('portal.incidents.detail.cause'), i.cause],
    [f('wrongfulIntent'), i.wrongful_intent_possible ? f('wrongfulIntentYes') : f('wrongfulIntentNo')],
    [f('containment'), i.containment],
    [f('nextSteps'), i.next_steps],
    [t('portal.incidents.form.contactLabel'), i.contact_point],
  ];
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="incident-report-title">
      <Title order={2} fz={18} id="incident-report-title">
        {t('portal.incidents.detail.report')}
      </Title>
      {followUps(i).length > 0 && (
        <Text size="xs" c="dimmed" mt={2}>
          {t('portal.incidents.detail.reportHint')}
        </Text>
      )}
      <Box component="dl" m={0} mt="sm" data-testid="incident-report">
        {rows.map(([label, value]) => (
          <SimpleGrid key={label} cols={{ base: 1, sm: 3 }} spacing={2} py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Text component="dt" size="sm" fw={600} c="gray.8">
              {label}
            </Text>
            <Text
              component="dd"
              m={0}
              size="sm"
              c={value ? undefined : 'dimmed'}
              style={{ whiteSpace: 'pre-wrap', gridColumn: 'span 2', overflowWrap: 'anywhere' }}
            >
              {value || t('portal.incidents.detail.unknown')}
            </Text>
          </SimpleGrid>
        ))}
      </Box>
    </Paper>
  );
}

function History({ incident: i }: { incident: PortalIncident }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (i.updates.length === 0) return null;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="incident-timeline-title">
      <Title order={2} fz={18} id="incident-timeline-title" mb="md">
        {t('portal.incidents.detail.timeline')}
      </Title>
      <Timeline bulletSize={22} lineWidth={2} active={i.updates.length - 1} color="navy" data-testid="incident-timeline">
        {i.updates.map((u, n) => (
          <Timeline.Item
            key={`${u.at}-${n}`}
            bullet={u.kind === 'created' ? <IconAlertTriangle size={12} /> : <IconMessage size={12} />}
            title={
              <Text size="sm" fw={600} component="span">
                {t(`portal.incidents.detail.kinds.${u.kind}` as 'portal.incidents.detail.kinds.created', { defaultValue: u.kind })}
              </Text>
            }
            data-testid="incident-update"
          >
            <Text size="xs" c="dimmed">
              {format.dateTime(u.at)} · {u.author}
            </Text>
            {u.message && u.kind !== 'created' && (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {u.message}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

function UpdateForm({ incident, organization }: { incident: PortalIncident; organization: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { headers } = usePortal();
  const [factsOpen, setFactsOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const formId = useId();
  const message = (e: ReportError) => t(`portal.incidents.form.errors.${e}`);
  const form = useForm<UpdateValues>({
    mode: 'controlled',
    initialValues: updateValues(incident),
    validate: (values) => Object.fromEntries(Object.entries(checkUpdate(incident, values)).map(([k, e]) => [k, message(e)])),
  });

  const update = useMutation({
    ...portalUpdatePortalIncidentMutation(),
    meta: { handlesErrors: true },
    onSuccess: (updated) => {
      queryClient.setQueryData(portalGetPortalIncidentOptions({ path: { incident_id: updated.id }, headers }).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: portalListPortalIncidentsQueryKey({ headers }) });
      form.setValues(updateValues(updated));
      form.resetDirty(updateValues(updated));
      setFactsOpen(false);
      setSent(true);
    },
    onError: (err) => {
      applyApiFieldErrors(form, err, t, UPDATE_FIELDS);
      const refusals = incidentRefusals(asApiError(err).detail);
      for (const [field, e] of refusals) form.setFieldError(field, message(e));
      // A refused fact is inside the fold: open it, or the message would be hidden.
      if (asApiError(err).status === 422) setFactsOpen(true);
      focusFirstError(formId);
    },
  });

  const submit = form.onSubmit(
    (values) => {
      setSent(false);
      update.mutate({ path: { incident_id: incident.id }, headers, body: updateBody(incident, values) });
    },
    (errors) => {
      if (Object.keys(errors).some((k) => k !== 'message')) setFactsOpen(true);
      focusFirstError(formId);
    },
  );
  const f = (key: string) => t(`portal.incidents.form.fields.${key}` as 'portal.incidents.form.fields.title');

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="incident-update-title">
      <form id={formId} onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} fz={18} id="incident-update-title">
              {t('portal.incidents.update.title')}
            </Title>
            <Text size="sm" mt={4}>
              {t('portal.incidents.update.intro', { organization })}
            </Text>
          </div>
          <Textarea
            label={t('portal.incidents.update.message')}
            description={t('portal.incidents.update.messageHint')}
            withAsterisk
            autosize
            minRows={3}
            maxRows={12}
            maxLength={10_000}
            {...form.getInputProps('message')}
            onChange={(e) => {
              setSent(false);
              form.getInputProps('message').onChange(e);
            }}
          />
          <Box>
            <Button
              variant="subtle"
              px={4}
              onClick={() => setFactsOpen((o) => !o)}
              aria-expanded={factsOpen}
              aria-controls="incident-update-facts"
              leftSection={factsOpen ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
            >
              {factsOpen ? t('portal.incidents.update.hideFacts') : t('portal.incidents.update.facts')}
            </Button>
            <Collapse expanded={factsOpen} id="incident-update-facts">
              <Stack gap="md" pt="sm">
                <Text size="xs" c="dimmed">
                  {t('portal.incidents.update.factsHint')}
                </Text>
                <CountInputs inputProps={form.getInputProps} />
                <Textarea label={f('dataItems')} autosize minRows={2} maxRows={8} maxLength={10_000} {...form.getInputProps('data_items')} />
                <Textarea label={f('cause')} autosize minRows={2} maxRows={8} maxLength={10_000} {...form.getInputProps('cause')} />
                <Radio.Group label={f('wrongfulIntent')} description={f('wrongfulIntentHint')} {...form.getInputProps('wrongful_intent_possible')}>
                  <Stack gap={8} mt={6}>
                    <Radio value="yes" label={f('wrongfulIntentYes')} />
                    <Radio value="no" label={f('wrongfulIntentNo')} />
                  </Stack>
                </Radio.Group>
                <Textarea label={f('containment')} autosize minRows={2} maxRows={8} maxLength={10_000} {...form.getInputProps('containment')} />
                <Textarea label={f('nextSteps')} autosize minRows={2} maxRows={8} maxLength={10_000} {...form.getInputProps('next_steps')} />
              </Stack>
            </Collapse>
          </Box>
          {update.isError && !isSessionEnded(update.error) && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
              {errorMessage(t, update.error)}
            </Alert>
          )}
          {sent && (
            <Group gap={6} role="status" wrap="nowrap" data-testid="update-sent">
              <IconCircleCheck size={18} color="var(--mantine-color-teal-9)" aria-hidden style={{ flexShrink: 0 }} />
              <Text size="sm" c="teal.9">
                {t('portal.incidents.update.sent', { organization })}
              </Text>
            </Group>
          )}
          <Group>
            <Button type="submit" loading={update.isPending} leftSection={<IconSend size={16} />} w={{ base: '100%', sm: 'auto' }}>
              {t('portal.incidents.update.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
