import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailForward } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { portalRequestPortalLinksMutation } from '../../client/@tanstack/react-query.gen';
import { errorMessage } from '../../lib/errors';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * For a contact whose link is spent or whose session ended: new links are mailed to the address the
 * company has on record. The answer is the same whatever the address, so the page says only that.
 */
export function RequestLink() {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '' },
    validate: { email: (v) => (EMAIL.test(v.trim()) ? null : t('portal.requestLink.invalidEmail')) },
  });
  const request = useMutation({ ...portalRequestPortalLinksMutation(), meta: { handlesErrors: true } });

  if (request.isSuccess) {
    return (
      <Alert color="teal" icon={<IconMailForward size={18} />} title={t('portal.requestLink.sentTitle')} w="100%" role="status">
        {t('portal.requestLink.sent')}
      </Alert>
    );
  }
  return (
    <form
      style={{ width: '100%' }}
      onSubmit={form.onSubmit(({ email }) => request.mutate({ body: { email: email.trim() } }))}
      noValidate
    >
      <Stack gap="xs">
        <Text fw={600}>{t('portal.requestLink.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('portal.requestLink.intro')}
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('portal.requestLink.email')}
            type="email"
            autoComplete="email"
            style={{ flex: '1 1 220px' }}
            key={form.key('email')}
            {...form.getInputProps('email')}
          />
          <Button type="submit" loading={request.isPending} leftSection={<IconMailForward size={16} />}>
            {t('portal.requestLink.submit')}
          </Button>
        </Group>
        {request.isError && (
          <Text size="sm" c="red.8" role="alert">
            {errorMessage(t, request.error)}
          </Text>
        )}
      </Stack>
    </form>
  );
}
