import { Alert, Anchor, Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField';
import { authCreateTokenMutation } from '../../client/@tanstack/react-query.gen';
import { AuthLayout } from '../../components/AuthLayout';
import { errorMessage } from '../../lib/errors';
import { safeRedirect, startSession } from '../../lib/session';
import { emailError } from './validation';

const route = getRouteApi('/sign-in');

export function SignInPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const router = useRouter();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => emailError(t, v),
      password: (v) => (v ? null : t('validation.required')),
    },
  });
  const signIn = useMutation({
    ...authCreateTokenMutation(),
    meta: { handlesErrors: true },
    onSuccess: async (token) => {
      startSession(token);
      await router.navigate({ href: safeRedirect(search.redirect), replace: true });
    },
  });

  return (
    <AuthLayout title={t('signIn.title')} subtitle={t('signIn.subtitle')}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => signIn.mutate({ body: { username: v.email.trim(), password: v.password } }))}
      >
        <Stack gap="md">
          {search.expired && !signIn.error && (
            <Alert color="yellow" variant="light">
              {t('signIn.sessionExpired')}
            </Alert>
          )}
          {signIn.error && (
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
