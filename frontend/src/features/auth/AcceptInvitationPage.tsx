import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField';
import { authAcceptInvitationMutation } from '../../client/@tanstack/react-query.gen';
import { AuthLayout } from '../../components/AuthLayout';
import { asApiError, errorMessage } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifySuccess } from '../../lib/notify';
import { startSession } from '../../lib/session';
import { passwordError } from './validation';
import { OneTimeCodeField } from '../../components/OneTimeCodeField';

const route = getRouteApi('/accept-invitation');
const FIELDS = ['name', 'password'] as const;

export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token } = route.useSearch();
  const router = useRouter();
  const [needsCode, setNeedsCode] = useState(false);
  const form = useForm({
    initialValues: { name: '', password: '', confirm: '', otp: '' },
    validate: {
      name: (v) => (v.length > 200 ? t('validation.maxLength', { max: 200 }) : null),
      password: (v) => passwordError(t, v),
      confirm: (v, values) => (v === values.password ? null : t('validation.passwordMismatch')),
    },
  });
  const accept = useMutation({
    ...authAcceptInvitationMutation(),
    meta: { handlesErrors: true },
    onSuccess: async (session) => {
      startSession(session);
      await router.navigate({ to: '/', replace: true });
      notifySuccess(t('acceptInvitation.welcome'));
    },
    onError: (err) => {
      const code = asApiError(err).error;
      if (code === 'invalid_credentials') form.setFieldError('password', t('acceptInvitation.wrongPassword'));
      else if (code === 'two_factor_required') setNeedsCode(true);
      else applyApiFieldErrors(form, err, t, FIELDS);
    },
  });

  const tokenValid = !!token && token.length >= 10;

  return (
    <AuthLayout title={t('acceptInvitation.title')} subtitle={t('acceptInvitation.subtitle')}>
      {!tokenValid ? (
        <Alert color="red" variant="light" role="alert">
          {t('acceptInvitation.missingToken')}
        </Alert>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((v) =>
            accept.mutate({
              body: { token, password: v.password, name: v.name.trim() || null, otp: needsCode ? v.otp.trim() : null },
            }),
          )}
        >
          <Stack gap="md">
            {accept.error && !['invalid_credentials', 'two_factor_required'].includes(asApiError(accept.error).error) && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(t, accept.error)}
              </Alert>
            )}
            <TextInput
              label={t('acceptInvitation.name')}
              description={t('acceptInvitation.nameHint')}
              autoComplete="name"
              {...form.getInputProps('name')}
            />
            <PasswordField
              label={t('acceptInvitation.password')}
              description={t('acceptInvitation.passwordHint')}
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <PasswordField
              label={t('acceptInvitation.confirmPassword')}
              autoComplete="new-password"
              required
              {...form.getInputProps('confirm')}
            />
            {needsCode && (
              <OneTimeCodeField autoFocus {...form.getInputProps('otp')} />
            )}
            <Button type="submit" loading={accept.isPending} fullWidth mt="xs">
              {t('acceptInvitation.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
