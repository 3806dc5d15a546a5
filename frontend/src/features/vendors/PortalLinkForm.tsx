import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconLink, IconMailCheck } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { vendorsIssuePortalLinkMutation } from '../../client/@tanstack/react-query.gen';
import type { ContactRead } from '../../client/types.gen';
import { CopyField } from '../../components/CopyField';
import { useFormat } from '../../lib/format';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError } from '../../lib/notify';

/**
 * Give a vendor contact a single-use link into the portal (to report an incident now, say): an optional
 * message for the email, then the link to copy, whether it was mailed, and until when it works.
 */
export function PortalLinkForm({ vendorId, contact, onDone }: { vendorId: string; contact: ContactRead; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const form = useForm({
    initialValues: { message: '' },
    validate: { message: (v) => (v.length > 4000 ? t('validation.maxLength', { max: 4000 }) : null) },
  });
  const issue = useMutation({
    ...vendorsIssuePortalLinkMutation(),
    meta: { handlesErrors: true },
    onError: (err) => {
      if (!applyApiFieldErrors(form, err, t, ['message'])) notifyError(err);
    },
  });

  if (issue.data) {
    const issued = issue.data;
    return (
      <Stack gap="md" data-testid="portal-link-issued">
        {issued.emailed && contact.email ? (
          <Alert color="teal" variant="light" icon={<IconMailCheck size={18} />}>
            <Text size="sm">{t('vendors.contacts.portalLink.emailed', { email: contact.email })}</Text>
          </Alert>
        ) : (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            <Text size="sm">{t('vendors.contacts.portalLink.notEmailed', { name: contact.name })}</Text>
          </Alert>
        )}
        <CopyField label={t('vendors.contacts.portalLink.link')} value={issued.link} testId="contact-portal-link" />
        <Text size="xs" c="dimmed">
          {t('vendors.contacts.portalLink.expires', { time: format.dateTime(issued.expires_at) })}
        </Text>
        <Group justify="flex-end">
          <Button onClick={onDone}>{t('common.close')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        issue.mutate({ path: { vendor_id: vendorId, contact_id: contact.id }, body: { message: v.message.trim() || null } }),
      )}
    >
      <Stack gap="md">
        <Text size="sm">{t('vendors.contacts.portalLink.intro')}</Text>
        {!contact.email && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
            <Text size="sm">{t('vendors.contacts.portalLink.noEmail')}</Text>
          </Alert>
        )}
        {contact.email && (
          <Textarea
            label={t('vendors.contacts.portalLink.message')}
            description={t('vendors.contacts.portalLink.messageHint', { email: contact.email })}
            autosize
            minRows={3}
            maxRows={8}
            maxLength={4000}
            data-autofocus
            {...form.getInputProps('message')}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={issue.isPending} leftSection={<IconLink size={16} />}>
            {t('vendors.contacts.portalLink.issue')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
