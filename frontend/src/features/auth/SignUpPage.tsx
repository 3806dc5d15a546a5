import { Alert, Anchor, Button, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { Link, useRouter } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authConfirmRegistrationMutation, authRegisterMutation } from '../../client/@tanstack/react-query.gen';
import { AuthLayout } from '../../components/AuthLayout';
import { PasswordField } from '../../components/PasswordField';
import { errorMessage } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { takeLinkToken } from '../../lib/linkToken';
import { notifySuccess } from '../../lib/notify';
import { startSession } from '../../lib/session';
import { emailError, passwordError } from './validation';

const FIELDS = ['organization_name', 'name', 'email', 'password'] as const;

/** Register an organisation: the form, then "check your mail" (the same answer whether or not the address is known). */
export function SignUpPage() {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { organization_name: '', name: '', email: '', password: '', confirm: '' },
    validate: {
      organization_name: (v) => (v.trim() ? null : t('validation.required')),
      name: (v) => (v.trim() ? null : t('validation.required')),
      email: (v) => emailError(t, v),
      password: (v) => passwordError(t, v),
      confirm: (v, values) => (v === values.password ? null : t('validation.passwordMismatch')),
    },
  });
  const register = useMutation({
    ...authRegisterMutation(),
    meta: { handlesErrors: true },
    onError: (err) => applyApiFieldErrors(form, err, t, FIELDS),
  });

  if (register.isSuccess) {
    return (
      <AuthLayout title={t('signUp.sentTitle')} subtitle={t('signUp.sentSubtitle')}>
        <Alert color="teal" variant="light" role="status">
          {t('signUp.sent', { email: form.values.email.trim() })}
        </Alert>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('signUp.title')} subtitle={t('signUp.subtitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          register.mutate({
            body: { organization_name: v.organization_name.trim(), name: v.name.trim(), email: v.email.trim(), password: v.password },
          }),
        )}
      >
        <Stack gap="md">
          {register.error && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(t, register.error)}
            </Alert>
          )}
          <TextInput label={t('signUp.organization')} autoComplete="organization" required {...form.getInputProps('organization_name')} />
          <TextInput label={t('signUp.name')} autoComplete="name" required {...form.getInputProps('name')} />
          <TextInput label={t('signIn.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
          <PasswordField
            label={t('acceptInvitation.password')}
            description={t('acceptInvitation.passwordHint')}
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
          <PasswordField label={t('acceptInvitation.confirmPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
          <Button type="submit" loading={register.isPending} fullWidth mt="xs">
            {t('signUp.submit')}
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/sign-in">
              {t('signUp.haveAccount')}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthLayout>
  );
}

/** The registration's mailed link: creates the organisation and signs its administrator in. */
export function SignUpConfirmPage() {
  const { t } = useTranslation();
  const router = useRouter();
  const [token] = useState(takeLinkToken);
  const confirm = useMutation({
    ...authConfirmRegistrationMutation(),
    meta: { handlesErrors: true },
    onSuccess: async (session) => {
      startSession(session);
      await router.navigate({ to: '/', replace: true });
      notifySuccess(t('signUp.welcome'));
    },
  });
  const { mutate } = confirm;
  const sent = useRef(false); // the link works once: never send it twice (React runs effects twice in development)
  useEffect(() => {
    if (token && !sent.current) {
      sent.current = true;
      mutate({ body: { token } });
    }
  }, [token, mutate]);

  return (
    <AuthLayout title={t('signUp.confirmTitle')} subtitle={t('signUp.confirmSubtitle')}>
      {!token || confirm.error ? (
        <Stack gap="md">
          <Alert color="red" variant="light" role="alert">
            {confirm.error ? errorMessage(t, confirm.error) : t('signUp.missingToken')}
          </Alert>
          <Anchor component={Link} to="/sign-up" size="sm">
            {t('signUp.again')}
          </Anchor>
        </Stack>
      ) : (
        <Loader aria-label={t('signUp.confirmSubtitle')} />
      )}
    </AuthLayout>
  );
}
