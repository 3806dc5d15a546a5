import { Alert, Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailForward } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { portalRequestPortalLinksMutation } from '../../client/@tanstack/react-query.gen';
import type { PortalLinkRequest } from '../../client/types.gen';
import { errorMessage } from '../../lib/errors';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type LinkPurpose = NonNullable<PortalLinkRequest['purpose']>;
const PURPOSES: LinkPurpose[] = ['questionnaires', 'portal'];

/**
 * New links mailed to the address the company has on record: one per open questionnaire, or one into
 * the portal (to report an incident at any hour). The answer is the same whatever the address, so the
 * page says only that. With `purpose` the choice is made already (the page to report an incident).
 */
export function RequestLink({ purpose, defaultPurpose = 'questionnaires' }: { purpose?: LinkPurpose; defaultPurpose?: LinkPurpose }) {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', purpose: purpose ?? defaultPurpose },
    validate: { email: (v) => (EMAIL.test(v.trim()) ? null : t('portal.requestLink.invalidEmail')) },
  });
  const request = useMutation({ ...portalRequestPortalLinksMutation(), meta: { handlesErrors: true } });
  const sentFor = request.variables?.body.purpose ?? 'questionnaires';

  if (request.isSuccess) {
    return (
      <Alert color="teal" icon={<IconMailForward size={18} />} title={t('portal.requestLink.sentTitle')} w="100%" role="status" data-testid="link-requested">
        {sentFor === 'portal' ? t('portal.requestLink.sentPortal') : t('portal.requestLink.sent')}
      </Alert>
    );
  }
  return (
    <form
      style={{ width: '100%' }}
      onSubmit={form.onSubmit(({ email, purpose: chosen }) => request.mutate({ body: { email: email.trim(), purpose: chosen } }))}
      noValidate
    >
      <Stack gap="sm">
        {!purpose && (
          <>
            <Text fw={600}>{t('portal.requestLink.title')}</Text>
            <Text size="sm" c="dimmed">
              {t('portal.requestLink.intro')}
            </Text>
            <Radio.Group label={t('portal.requestLink.purpose')} {...form.getInputProps('purpose')}>
              <Stack gap={8} mt={6}>
                {PURPOSES.map((p) => (
                  <Radio key={p} value={p} label={t(`portal.requestLink.purposes.${p}`)} />
                ))}
              </Stack>
            </Radio.Group>
          </>
        )}
        <Text size="sm" c="dimmed">
          {t(`portal.requestLink.purposeHints.${form.values.purpose}`)}
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('portal.requestLink.email')}
            type="email"
            autoComplete="email"
            style={{ flex: '1 1 220px' }}
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
