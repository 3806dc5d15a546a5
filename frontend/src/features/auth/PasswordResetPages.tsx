import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Link, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authRequestPasswordResetMutation, authResetPasswordMutation } from '../../client/@tanstack/react-query.gen';
import { AuthLayout } from '../../components/AuthLayout';
import { PasswordField } from '../../components/PasswordField';
import { asApiError, errorMessage } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { takeLinkToken } from '../../lib/linkToken';
import { notifySuccess } from '../../lib/notify';
import { startSession } from '../../lib/session';
import { emailError, passwordError } from './validation';
import { OneTimeCodeField } from '../../components/OneTimeCodeField';

/** Ask for a link to choose a new password; the same answer whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { email: '' }, validate: { email: (v) => emailError(t, v) } });
  const request = useMutation({ ...authRequestPasswordResetMutation(), meta: { handlesErrors: true } });
  return (
    <AuthLayout title={t('passwordReset.title')} subtitle={t('passwordReset.subtitle')}>
      {request.isSuccess ? (
        <Alert color="teal" variant="light" role="status">
          {t('passwordReset.sent', { email: form.values.email.trim() })}
        </Alert>
      ) : (
        <form noValidate onSubmit={form.onSubmit((v) => request.mutate({ body: { email: v.email.trim() } }))}>
          <Stack gap="md">
            {request.error && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(t, request.error)}
              </Alert>
            )}
            <TextInput label={t('signIn.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
            <Button type="submit" loading={request.isPending} fullWidth>
              {t('passwordReset.send')}
            </Button>
            <Text size="sm" ta="center">
              <Anchor component={Link} to="/sign-in">
                {t('passwordReset.back')}
              </Anchor>
            </Text>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}

/** The mailed link: choose a new password, be signed in; every other session ends. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const router = useRouter();
  const [token] = useState(takeLinkToken);
  const [needsCode, setNeedsCode] = useState(false);
  const form = useForm({
    initialValues: { password: '', confirm: '', otp: '' },
    validate: {
      password: (v) => passwordError(t, v),
      confirm: (v, values) => (v === values.password ? null : t('validation.passwordMismatch')),
    },
  });
  const reset = useMutation({
    ...authResetPasswordMutation(),
    meta: { handlesErrors: true },
    onSuccess: async (session) => {
      startSession(session);
      await router.navigate({ to: '/', replace: true });
      notifySuccess(t('passwordReset.done'));
    },
    onError: (err) => {
      if (asApiError(err).error === 'two_factor_required') setNeedsCode(true);
      else applyApiFieldErrors(form, err, t, ['password']);
    },
  });
  const codeAsked = reset.error && asApiError(reset.error).error === 'two_factor_required';
  return (
    <AuthLayout title={t('passwordReset.newTitle')} subtitle={t('passwordReset.newSubtitle')}>
      {!token ? (
        <Stack gap="md">
          <Alert color="red" variant="light" role="alert">
            {t('passwordReset.missingToken')}
          </Alert>
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('passwordReset.again')}
          </Anchor>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((v) =>
            reset.mutate({ body: { token, password: v.password, otp: needsCode ? v.otp.trim() : null } }),
          )}
        >
          <Stack gap="md">
            {reset.error && !codeAsked && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(t, reset.error)}
              </Alert>
            )}
            <PasswordField
              label={t('profile.newPassword')}
              description={t('acceptInvitation.passwordHint')}
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <PasswordField label={t('profile.confirmPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
            {needsCode && (
              <OneTimeCodeField autoFocus {...form.getInputProps('otp')} />
            )}
            <Button type="submit" loading={reset.isPending} fullWidth mt="xs">
              {t('passwordReset.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
