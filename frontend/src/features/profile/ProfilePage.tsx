import { Alert, Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField';
import {
  authChangePasswordMutation,
  authUpdateMeMutation,
  organizationGetOrganizationOptions,
} from '../../client/@tanstack/react-query.gen';
import type { Me, UserProfile } from '../../client/types.gen';
import { PageHeader } from '../../components/PageHeader';
import { isLanguage, setLanguage, type Language } from '../../i18n';
import { asApiError, errorMessage } from '../../lib/errors';
import { timeZones } from '../../lib/format';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';
import { meQuery, useMe } from '../../lib/session';
import { CalendarFeeds } from './CalendarFeeds';
import { PendingInvitations } from './PendingInvitations';
import { Sessions } from './Sessions';
import { TwoFactor } from './TwoFactor';

const ORGANIZATION_ZONE = '';

function ProfileForm({ user, onStale }: { user: UserProfile; onStale: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const org = useQuery(organizationGetOrganizationOptions());
  const zones = useMemo(() => timeZones(), []);
  const form = useForm<{ name: string; locale: Language; time_zone: string }>({
    initialValues: { name: user.name, locale: user.locale, time_zone: user.time_zone ?? ORGANIZATION_ZONE },
    validate: {
      name: (v) => (!v.trim() ? t('validation.required') : v.length > 200 ? t('validation.maxLength', { max: 200 }) : null),
    },
  });
  const save = useMutation({
    ...authUpdateMeMutation(),
    meta: { handlesErrors: true },
    onSuccess: async (updated) => {
      await setLanguage(updated.locale);
      queryClient.setQueryData<Me>(meQuery.queryKey, (me) => (me ? { ...me, user: updated } : me));
      void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      void invalidateOperations(queryClient, 'auditEventsListAuditEvents', 'usersListUsers');
      notifySuccess(t('profile.saved'));
    },
    onError: (err) => {
      if (applyApiFieldErrors(form, err, t, ['name', 'locale', 'time_zone'])) return;
      notifyError(err);
      if (asApiError(err).error === 'stale_version') onStale();
    },
  });

  const zoneOptions = [
    { value: ORGANIZATION_ZONE, label: t('profile.timeZoneOrganization', { zone: org.data?.time_zone ?? '…' }) },
    ...zones.map((z) => ({ value: z, label: z })),
  ];

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        save.mutate({
          body: { version: user.version, name: v.name.trim(), locale: v.locale, time_zone: v.time_zone || null },
        }),
      )}
    >
      <Stack gap="md" maw={560}>
        <TextInput label={t('profile.email')} value={user.email} readOnly variant="filled" />
        <TextInput label={t('profile.name')} required autoComplete="name" {...form.getInputProps('name')} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="profile-language">
            {t('profile.language')}
          </Text>
          <SegmentedControl
            aria-labelledby="profile-language"
            value={form.values.locale}
            onChange={(v) => isLanguage(v) && form.setFieldValue('locale', v)}
            data={[
              { value: 'ja', label: t('language.ja') },
              { value: 'en', label: t('language.en') },
            ]}
            w={240}
          />
        </Stack>
        <Select
          label={t('profile.timeZone')}
          searchable
          allowDeselect={false}
          limit={60}
          data={zoneOptions}
          {...form.getInputProps('time_zone')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { current: '', next: '', confirm: '' },
    validate: {
      current: (v) => (v ? null : t('validation.required')),
      next: (v) => (!v ? t('validation.required') : v.length < 10 ? t('validation.minLength', { min: 10 }) : null),
      confirm: (v, values) => (v === values.next ? null : t('validation.passwordMismatch')),
    },
  });
  const change = useMutation({
    ...authChangePasswordMutation(),
    meta: { handlesErrors: true },
    onSuccess: () => {
      form.reset();
      notifySuccess(t('profile.passwordChanged'));
      void invalidateOperations(queryClient, 'authListSessions');
    },
    onError: (err) => {
      if (asApiError(err).error === 'invalid_credentials') form.setFieldError('current', errorMessage(t, err));
      else if (!applyApiFieldErrors(form, err, t, ['current', 'next'], { current_password: 'current', new_password: 'next' }))
        notifyError(err);
    },
  });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => change.mutate({ body: { current_password: v.current, new_password: v.next } }))}>
      <Stack gap="md" maw={560}>
        <PasswordField label={t('profile.currentPassword')} autoComplete="current-password" required {...form.getInputProps('current')} />
        <PasswordField label={t('profile.newPassword')} description={t('acceptInvitation.passwordHint')} autoComplete="new-password" required {...form.getInputProps('next')} />
        <PasswordField label={t('profile.confirmPassword')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={change.isPending}>
            {t('profile.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [reloaded, setReloaded] = useState(false);
  if (!me.user) return null; // an API key has no profile; the shell never links here for one
  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.subtitle')} />
      <Stack gap="lg">
        {me.two_factor_setup_required && (
          <Alert color="orange" variant="light" role="alert">
            {t('profile.twoFactor.setupRequired')}
          </Alert>
        )}
        <PendingInvitations />
        <Paper withBorder radius="md" p="lg">
          {reloaded && (
            <Alert color="yellow" mb="md" withCloseButton onClose={() => setReloaded(false)}>
              {t('organization.reloaded')}
            </Alert>
          )}
          <ProfileForm
            key={me.user.version}
            user={me.user}
            onStale={() => {
              setReloaded(true);
              void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
            }}
          />
        </Paper>
        <Paper withBorder radius="md" p="lg">
          <Title order={2} fz="lg" mb="md">
            {t('profile.passwordTitle')}
          </Title>
          <PasswordForm />
        </Paper>
        <TwoFactor />
        <Sessions />
        {!me.two_factor_setup_required && <CalendarFeeds />}
      </Stack>
    </>
  );
}
