import { Alert, Button, Checkbox, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm, type GetInputPropsReturnType } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck, IconScale, IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { portalListPortalIncidentsQueryKey, portalReportPortalIncidentMutation } from '../../client/@tanstack/react-query.gen';
import type { PortalIncident } from '../../client/types.gen';
import { DATA_CATEGORIES } from '../../components/CategoryBadges';
import { ButtonLink } from '../../components/links';
import { asApiError, errorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { applyApiFieldErrors } from '../../lib/forms';
import { usePortal } from './context';
import { PortalSubPage } from './PortalFrame';
import { CountInputs } from './CountInputs';
import {
  checkReport,
  emptyReport,
  incidentRefusals,
  isoToWall,
  REPORT_FIELDS,
  reportBody,
  type ReportError,
  type ReportValues,
} from './incidentReport';
import { focusFirstError } from './focusFirstError';
import { FormSection } from './FormSection';
import { isSessionEnded } from './session';


/**
 * The vendor's report of an incident in the standard format (when, what and how many, cause, where it
 * stands, next steps, a contact point). Sending it is the vendor's notice to the company: the incident
 * exists from then on, at "suspected", and the company's clocks run.
 */
export function PortalIncidentNewPage() {
  const { t } = useTranslation();
  const { me } = usePortal();
  const [reported, setReported] = useState<PortalIncident | null>(null);
  const organization = me?.organization_name ?? '';

  return (
    <PortalSubPage back={t('portal.incidents.form.back')}>
    {reported ? <Reported incident={reported} organization={organization} /> : <ReportForm organization={organization} onReported={setReported} />}
    </PortalSubPage>
  );
}

function ReportForm({ organization, onReported }: { organization: string; onReported: (incident: PortalIncident) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const { headers, me } = usePortal();
  const message = (e: ReportError) => t(`portal.incidents.form.errors.${e}`);
  const form = useForm<ReportValues>({
    mode: 'controlled',
    initialValues: emptyReport(),
    validate: (values) => {
      const found = checkReport(values, format.timeZone);
      return Object.fromEntries(Object.entries(found).map(([field, e]) => [field, message(e)]));
    },
  });
  const [failed, setFailed] = useState(false);
  const formId = useId();

  // The contact point starts as the contact who reports, once the portal knows who that is.
  const prefilled = useRef(false);
  useEffect(() => {
    if (!me || prefilled.current) return;
    prefilled.current = true;
    if (form.getValues().contact_point) return;
    form.setFieldValue(
      'contact_point',
      me.contact_email ? t('portal.incidents.form.contactDefault', { name: me.contact_name, email: me.contact_email }) : me.contact_name,
    );
  }, [me, form, t]);

  const report = useMutation({
    ...portalReportPortalIncidentMutation(),
    meta: { handlesErrors: true },
    onSuccess: (incident) => {
      void queryClient.invalidateQueries({ queryKey: portalListPortalIncidentsQueryKey({ headers }) });
      onReported(incident);
    },
    onError: (err) => {
      applyApiFieldErrors(form, err, t, REPORT_FIELDS);
      for (const [field, e] of incidentRefusals(asApiError(err).detail)) form.setFieldError(field, message(e));
      focusFirstError(formId);
    },
  });

  const [now] = useState(() => isoToWall(Date.now(), format.timeZone));
  const submit = form.onSubmit(
    (values) => {
      setFailed(false);
      report.mutate({ headers, body: reportBody(values, format.timeZone) });
    },
    () => {
      setFailed(true);
      focusFirstError(formId);
    },
  );
  const serverFailed = report.isError && !isSessionEnded(report.error);
  const hasErrors = Object.keys(form.errors).length > 0;

  return (
    <form id={formId} onSubmit={submit} noValidate aria-labelledby="report-title">
      <Stack gap="md">
        <div>
          <Title order={1} fz={24} id="report-title">
            {t('portal.incidents.form.title')}
          </Title>
          <Text size="sm" mt={6}>
            {t('portal.incidents.form.intro')}
          </Text>
          {organization && (
            <Text size="sm" mt={4} fw={600}>
              {t('portal.incidents.form.recipient', { organization })}
            </Text>
          )}
        </div>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <TextInput
            label={t('portal.incidents.form.fields.title')}
            description={t('portal.incidents.form.fields.titleHint')}
            withAsterisk
            maxLength={300}
            {...form.getInputProps('title')}
          />
        </Paper>

        <FormSection title={t('portal.incidents.form.sections.when')} hint={t('portal.incidents.form.timeZone')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput type="datetime-local" label={t('portal.incidents.form.fields.occurredAt')} max={now} {...form.getInputProps('occurred_at')} />
            <TextInput type="datetime-local" label={t('portal.incidents.form.fields.discoveredAt')} withAsterisk max={now} {...form.getInputProps('discovered_at')} />
          </SimpleGrid>
        </FormSection>

        <FormSection title={t('portal.incidents.form.sections.what')}>
          <Textarea
            label={t('portal.incidents.form.fields.description')}
            description={t('portal.incidents.form.fields.descriptionHint')}
            withAsterisk
            autosize
            minRows={3}
            maxRows={12}
            maxLength={9000}
            {...form.getInputProps('description')}
          />
          <Checkbox.Group
            label={t('portal.incidents.form.fields.dataCategories')}
            description={t('portal.incidents.form.fields.dataCategoriesHint')}
            {...form.getInputProps('data_categories')}
          >
            <Stack gap={8} mt={6}>
              {DATA_CATEGORIES.map((c) => (
                <Checkbox key={c} value={c} label={t(`portal.incidents.form.categories.${c}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Textarea
            label={t('portal.incidents.form.fields.dataItems')}
            description={t('portal.incidents.form.fields.dataItemsHint')}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={10_000}
            {...form.getInputProps('data_items')}
          />
          <CountInputs inputProps={form.getInputProps} />
          <Choice
            form={form}
            field="strongly_encrypted"
            label={t('portal.incidents.form.fields.encrypted')}
            hint={t('portal.incidents.form.fields.encryptedHint')}
            yes={t('portal.incidents.form.fields.encryptedYes')}
            no={t('portal.incidents.form.fields.encryptedNo')}
          />
        </FormSection>

        <FormSection title={t('portal.incidents.form.sections.cause')}>
          <Textarea label={t('portal.incidents.form.fields.cause')} autosize minRows={2} maxRows={10} maxLength={10_000} {...form.getInputProps('cause')} />
          <Choice
            form={form}
            field="wrongful_intent_possible"
            label={t('portal.incidents.form.fields.wrongfulIntent')}
            hint={t('portal.incidents.form.fields.wrongfulIntentHint')}
            yes={t('portal.incidents.form.fields.wrongfulIntentYes')}
            no={t('portal.incidents.form.fields.wrongfulIntentNo')}
          />
          <Textarea
            label={t('portal.incidents.form.fields.containment')}
            description={t('portal.incidents.form.fields.containmentHint')}
            autosize
            minRows={2}
            maxRows={10}
            maxLength={10_000}
            {...form.getInputProps('containment')}
          />
        </FormSection>

        <FormSection title={t('portal.incidents.form.sections.next')}>
          <Textarea label={t('portal.incidents.form.fields.nextSteps')} autosize minRows={2} maxRows={10} maxLength={10_000} {...form.getInputProps('next_steps')} />
          <TextInput
            label={t('portal.incidents.form.fields.contactPoint')}
            description={t('portal.incidents.form.fields.contactPointHint')}
            maxLength={500}
            {...form.getInputProps('contact_point')}
          />
        </FormSection>

        {failed && hasErrors && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {t('portal.incidents.form.fixErrors')}
          </Alert>
        )}
        {serverFailed && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" data-testid="report-error">
            {errorMessage(t, report.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" color="red" size="md" loading={report.isPending} leftSection={<IconSend size={18} />} w={{ base: '100%', sm: 'auto' }}>
            {t('portal.incidents.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Form = { getInputProps: (path: keyof ReportValues) => GetInputPropsReturnType };

function Choice({
  form,
  field,
  label,
  hint,
  yes,
  no,
}: {
  form: Form;
  field: 'wrongful_intent_possible' | 'strongly_encrypted';
  label: string;
  hint: string;
  yes: string;
  no: string;
}) {
  return (
    <Radio.Group label={label} description={hint} withAsterisk {...form.getInputProps(field)}>
      <Stack gap={8} mt={6}>
        <Radio value="yes" label={yes} />
        <Radio value="no" label={no} />
      </Stack>
    </Radio.Group>
  );
}

/** After sending: the report arrived, the company's staff were told, and what that means for the vendor's own duty. */
function Reported({ incident, organization }: { incident: PortalIncident; organization: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Came from a periodic report ("a yes opens the incident flow"): back there, with this incident picked.
  const { report } = useSearch({ from: '/portal/incidents/new' });
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} data-testid="incident-reported">
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconCircleCheck size={32} color="var(--mantine-color-teal-8)" aria-hidden style={{ flexShrink: 0 }} />
          <Title order={1} fz={22} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
            {t('portal.incidents.reported.title')}
          </Title>
        </Group>
        <Text fw={600} role="status">
          {t('portal.incidents.reported.staffTold', {
            organization,
            time: format.dateTime(incident.notified_at ?? new Date()),
          })}
        </Text>
        <Alert color="blue" variant="light" icon={<IconScale size={18} />} title={t('portal.incidents.reported.dutyTitle')}>
          <Text size="sm">{t('portal.incidents.reported.duty', { organization })}</Text>
        </Alert>
        <Text size="sm">{t('portal.incidents.reported.keepGoing', { organization })}</Text>
        <Group gap="sm">
          {report && (
            <ButtonLink to="/portal/reports/$itemId" params={{ itemId: report }} search={{ incident: incident.id }}>
              {t('portalMonitoring.report.backFromIncident')}
            </ButtonLink>
          )}
          <ButtonLink to="/portal/incidents/$incidentId" params={{ incidentId: incident.id }} variant={report ? 'default' : 'filled'}>
            {t('portal.incidents.reported.view')}
          </ButtonLink>
          <ButtonLink to="/portal" variant="default">
            {t('portal.incidents.reported.home')}
          </ButtonLink>
        </Group>
      </Stack>
    </Paper>
  );
}
