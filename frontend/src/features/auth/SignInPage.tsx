import { Alert, Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField';
import { authCreateTokenMutation } from '../../client/@tanstack/react-query.gen';
import { AuthLayout } from '../../components/AuthLayout';
import { asApiError, errorMessage } from '../../lib/errors';
import { safeRedirect, startSession } from '../../lib/session';
import { emailError } from './validation';
import { OneTimeCodeField } from '../../components/OneTimeCodeField';

const route = getRouteApi('/sign-in');

export function SignInPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const router = useRouter();
  // Asked for once the password was right and the account has two-factor sign-in on.
  const [needsCode, setNeedsCode] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '', otp: '' },
    validate: {
      email: (v) => emailError(t, v),
      password: (v) => (v ? null : t('validation.required')),
      otp: (v) => (needsCode && !v.trim() ? t('validation.required') : null),
    },
  });
  const signIn = useMutation({
    ...authCreateTokenMutation(),
    meta: { handlesErrors: true },
    onSuccess: async (token) => {
      startSession(token);
      await router.navigate({ href: safeRedirect(search.redirect), replace: true });
    },
    onError: (err) => {
      if (asApiError(err).error === 'two_factor_required') setNeedsCode(true);
    },
  });
  const codeAsked = signIn.error && asApiError(signIn.error).error === 'two_factor_required';

  return (
    <AuthLayout title={t('signIn.title')} subtitle={t('signIn.subtitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          signIn.mutate({
            body: { username: v.email.trim(), password: v.password, otp: needsCode ? v.otp.trim() : undefined },
          }),
        )}
      >
        <Stack gap="md">
          {search.expired && !signIn.error && (
            <Alert color="yellow" variant="light">
              {t('signIn.sessionExpired')}
            </Alert>
          )}
          {signIn.error && !codeAsked && (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(t, signIn.error)}
            </Alert>
          )}
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps('email')}
          />
          <PasswordField
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          {needsCode && (
            <OneTimeCodeField autoFocus {...form.getInputProps('otp')} />
          )}
          <Button type="submit" loading={signIn.isPending} fullWidth mt="xs">
            {t('signIn.submit')}
          </Button>
          <Group justify="space-between" gap="xs">
            <Anchor component={Link} to="/forgot-password" size="sm">
              {t('signIn.forgot')}
            </Anchor>
            <Anchor component={Link} to="/sign-up" size="sm">
              {t('signIn.signUp')}
            </Anchor>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
