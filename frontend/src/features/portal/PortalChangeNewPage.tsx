import { Alert, Button, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCircleCheck, IconScale, IconSend } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { portalCreatePortalChangeRequestMutation, portalListPortalChangeRequestsQueryKey } from '../../client/@tanstack/react-query.gen';
import type { PortalChangeRequest } from '../../client/types.gen';
import { ButtonLink } from '../../components/links';
import { errorMessage } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { CHANGE_FIELDS, changeBody, checkChange, emptyChange, type ChangeError, type ChangeValues } from './changeRequest';
import { usePortal } from './context';
import { PortalSubPage } from './PortalFrame';
import { focusFirstError } from './focusFirstError';
import { FormSection } from './FormSection';
import { isSessionEnded } from './session';

const M = 'portalMonitoring.change';

/**
 * Asking for approval before a change (`/portal/changes/new`): a new subcontractor (who, its corporate
 * number and country, which work, what data) or changed security measures (what, when). Re-entrustment
 * needs the principal's prior approval (REGULATION.md §2.4); the page says why in a sentence.
 */
export function PortalChangeNewPage() {
  const { t } = useTranslation();
  const { me } = usePortal();
  const [sent, setSent] = useState<PortalChangeRequest | null>(null);
  const organization = me?.organization_name ?? '';

  return (
    <PortalSubPage back={t(`${M}.back`)}>
    {sent ? <Sent request={sent} organization={organization} /> : <ChangeForm organization={organization} onSent={setSent} />}
    </PortalSubPage>
  );
}

function ChangeForm({ organization, onSent }: { organization: string; onSent: (request: PortalChangeRequest) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { headers } = usePortal();
  const formId = useId();
  const message = (e: ChangeError) => t(`${M}.errors.${e}`);
  const form = useForm<ChangeValues>({
    mode: 'controlled',
    initialValues: emptyChange(),
    validate: (values) => Object.fromEntries(Object.entries(checkChange(values)).map(([field, e]) => [field, message(e)])),
  });
  const [failed, setFailed] = useState(false);

  const create = useMutation({
    ...portalCreatePortalChangeRequestMutation(),
    meta: { handlesErrors: true },
    onSuccess: (request) => {
      void queryClient.invalidateQueries({ queryKey: portalListPortalChangeRequestsQueryKey({ headers }) });
      onSent(request);
    },
    onError: (err) => {
      applyApiFieldErrors(form, err, t, CHANGE_FIELDS);
      focusFirstError(formId);
    },
  });

  const submit = form.onSubmit(
    (values) => {
      setFailed(false);
      create.mutate({ headers, body: changeBody(values, (name) => t(`${M}.subcontractorTitle`, { name })) });
    },
    () => {
      setFailed(true);
      focusFirstError(formId);
    },
  );
  const kind = form.getValues().kind;
  const sub = kind === 'new_subcontractor';
  const serverFailed = create.isError && !isSessionEnded(create.error);
  const hasErrors = Object.keys(form.errors).length > 0;

  return (
    <form id={formId} onSubmit={submit} noValidate aria-labelledby="change-title">
      <Stack gap="md">
        <div>
          <Title order={1} fz={24} id="change-title">
            {t(`${M}.title`)}
          </Title>
          <Text size="sm" mt={6}>
            {t(`${M}.intro`, { organization })}
          </Text>
        </div>
        <Alert color="blue" variant="light" icon={<IconScale size={18} />}>
          <Text size="sm">{t(`${M}.why`)}</Text>
        </Alert>

        <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
          <Radio.Group label={t(`${M}.kind`)} withAsterisk {...form.getInputProps('kind')}>
            <Stack gap="sm" mt={8}>
              <Radio value="new_subcontractor" label={t(`${M}.kindSubcontractor`)} description={t(`${M}.kindSubcontractorHint`)} />
              <Radio value="measures_change" label={t(`${M}.kindMeasures`)} description={t(`${M}.kindMeasuresHint`)} />
            </Stack>
          </Radio.Group>
        </Paper>

        {sub && (
          <FormSection title={t(`${M}.sections.subcontractor`)}>
            <TextInput label={t(`${M}.fields.subcontractorName`)} withAsterisk maxLength={200} {...form.getInputProps('subcontractor_name')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t(`${M}.fields.corporateNumber`)}
                description={t(`${M}.fields.corporateNumberHint`)}
                inputMode="numeric"
                autoComplete="off"
                maxLength={20}
                {...form.getInputProps('subcontractor_corporate_number')}
              />
              <TextInput
                label={t(`${M}.fields.country`)}
                description={t(`${M}.fields.countryHint`)}
                maxLength={2}
                autoComplete="country"
                {...form.getInputProps('subcontractor_country')}
                onChange={(e) => form.setFieldValue('subcontractor_country', e.currentTarget.value.toUpperCase())}
              />
            </SimpleGrid>
            <TextInput
              label={t(`${M}.fields.work`)}
              description={t(`${M}.fields.workHint`)}
              withAsterisk
              maxLength={300}
              {...form.getInputProps('work')}
            />
            <Textarea
              label={t(`${M}.fields.dataHandled`)}
              description={t(`${M}.fields.dataHandledHint`)}
              autosize
              minRows={2}
              maxRows={8}
              maxLength={10_000}
              {...form.getInputProps('data_handled')}
            />
          </FormSection>
        )}

        {kind && (
          <FormSection title={t(`${M}.sections.change`)}>
            <TextInput
              label={sub ? t(`${M}.fields.titleOptional`) : t(`${M}.fields.title`)}
              description={sub ? undefined : t(`${M}.fields.titleHint`)}
              withAsterisk={!sub}
              maxLength={300}
              {...form.getInputProps('title')}
            />
            <Textarea
              label={t(`${M}.fields.details`)}
              description={sub ? t(`${M}.fields.detailsHintSubcontractor`) : t(`${M}.fields.detailsHintMeasures`)}
              withAsterisk
              autosize
              minRows={4}
              maxRows={14}
              maxLength={20_000}
              {...form.getInputProps('details')}
            />
            <TextInput type="date" label={t(`${M}.fields.plannedDate`)} maw={{ sm: 240 }} {...form.getInputProps('planned_date')} />
          </FormSection>
        )}

        {failed && hasErrors && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {t(`${M}.fixErrors`)}
          </Alert>
        )}
        {serverFailed && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" data-testid="change-error">
            {errorMessage(t, create.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" size="md" loading={create.isPending} leftSection={<IconSend size={18} />} w={{ base: '100%', sm: 'auto' }}>
            {t(`${M}.send`)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Sent({ request, organization }: { request: PortalChangeRequest; organization: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} data-testid="change-sent">
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconCircleCheck size={32} color="var(--mantine-color-teal-8)" aria-hidden style={{ flexShrink: 0 }} />
          <Title order={1} fz={22} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
            {t(`${M}.sentTitle`)}
          </Title>
        </Group>
        <Text role="status">{t(`${M}.sentBody`, { organization })}</Text>
        <Group gap="sm">
          <ButtonLink to="/portal/changes/$requestId" params={{ requestId: request.id }}>
            {t(`${M}.viewSent`)}
          </ButtonLink>
          <ButtonLink to="/portal" variant="default">
            {t(`${M}.back`)}
          </ButtonLink>
        </Group>
      </Stack>
    </Paper>
  );
}
