import { Alert, Button, Group, NumberInput, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconMailCheck } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assessmentsSendAssessmentMutation, vendorsListContactsOptions } from '../../client/@tanstack/react-query.gen';
import type { AssessmentRead, InvitationIssued } from '../../client/types.gen';
import { CopyField } from '../../components/CopyField';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../lib/format';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError } from '../../lib/notify';

const FIELDS = ['contact_id', 'expires_in_days', 'message'] as const;

/** The single-use link just issued: shown this once, with whether it went out by email. */
function IssuedLink({ issued, onDone }: { issued: InvitationIssued; onDone: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const inv = issued.invitation;
  return (
    <Stack gap="md">
      {issued.emailed && inv.emailed_to ? (
        <Alert color="teal" variant="light" icon={<IconMailCheck size={18} />}>
          <Text size="sm">{t('assessments.send.emailed', { email: inv.emailed_to })}</Text>
        </Alert>
      ) : (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
          <Text size="sm">{t('assessments.send.notEmailed', { name: inv.contact_name })}</Text>
        </Alert>
      )}
      <CopyField label={t('assessments.send.link')} value={issued.link} testId="portal-link" />
      <Text size="xs" c="dimmed">
        {t('assessments.send.onceWarning', { date: f.dateTime(inv.expires_at) })}
      </Text>
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('assessments.send.done')}</Button>
      </Group>
    </Stack>
  );
}

/** Send the assessment to one of the vendor's contacts (again: a reminder with a new link). */
export function SendForm({
  assessment,
  reminder,
  onSent,
  onDone,
}: {
  assessment: AssessmentRead;
  reminder: boolean;
  onSent: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const contacts = useQuery(vendorsListContactsOptions({ path: { vendor_id: assessment.vendor_id } }));
  const [issued, setIssued] = useState<InvitationIssued | null>(null);
  const form = useForm<{ contact_id: string | null; expires_in_days: number | string; message: string }>({
    initialValues: { contact_id: null, expires_in_days: 14, message: '' },
    validate: {
      contact_id: (v) => (v ? null : t('validation.choose')),
      expires_in_days: (v) => (Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 60 ? null : t('validation.range', { min: 1, max: 60 })),
      message: (v) => (v.length > 4000 ? t('validation.maxLength', { max: 4000 }) : null),
    },
  });
  const send = useMutation({
    ...assessmentsSendAssessmentMutation(),
    meta: { handlesErrors: true },
    onSuccess: (result) => {
      setIssued(result);
      onSent();
    },
    onError: (err) => {
      if (!applyApiFieldErrors(form, err, t, FIELDS)) notifyError(err);
    },
  });

  if (issued) return <IssuedLink issued={issued} onDone={onDone} />;
  const list = contacts.data ?? [];

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        send.mutate({
          path: { assessment_id: assessment.id },
          body: { contact_id: v.contact_id ?? '', expires_in_days: Number(v.expires_in_days), message: v.message.trim() || null },
        }),
      )}
    >
      <Stack gap="md">
        {reminder && (
          <Alert color="blue" variant="light">
            <Text size="sm">{t('assessments.send.remindNote')}</Text>
          </Alert>
        )}
        {contacts.error ? (
          <QueryError error={contacts.error} onRetry={() => void contacts.refetch()} />
        ) : contacts.data && list.length === 0 ? (
          <Alert color="orange" variant="light" role="alert">
            <Text size="sm">{t('assessments.send.noContacts')}</Text>
          </Alert>
        ) : (
          <Select
            label={t('assessments.send.contact')}
            description={t('assessments.send.contactHint')}
            required
            allowDeselect={false}
            data-autofocus
            data={list.map((c) => ({
              value: c.id,
              label: t('assessments.send.contactOption', {
                name: c.name,
                email: c.email ?? t('assessments.send.noEmail'),
                role: t(`vendors.contactRoles.${c.role}`),
              }),
            }))}
            {...form.getInputProps('contact_id')}
          />
        )}
        <NumberInput
          label={t('assessments.send.expires')}
          description={t('assessments.send.expiresHint')}
          min={1}
          max={60}
          allowDecimal={false}
          w={220}
          {...form.getInputProps('expires_in_days')}
        />
        <Textarea
          label={t('assessments.send.message')}
          description={t('assessments.send.messageHint')}
          autosize
          minRows={3}
          {...form.getInputProps('message')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={send.isPending} disabled={list.length === 0}>
            {reminder ? t('assessments.send.remindSubmit') : t('assessments.send.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
