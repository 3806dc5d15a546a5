import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { usersInviteUserMutation } from '../../client/@tanstack/react-query.gen';
import type { MemberInvited, Role } from '../../client/types.gen';
import { asApiError, errorMessage } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError } from '../../lib/notify';
import { ROLES } from './roles';

const FIELDS = ['email', 'name', 'role'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function InviteUserForm({ onInvited, onCancel }: { onInvited: (m: MemberInvited) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm<{ email: string; name: string; role: Role | null }>({
    initialValues: { email: '', name: '', role: 'viewer' },
    validate: {
      email: (v) => (!v.trim() ? t('validation.required') : EMAIL.test(v.trim()) ? null : t('validation.email')),
      name: (v) =>
        !v.trim() ? t('validation.required') : v.length > 200 ? t('validation.maxLength', { max: 200 }) : null,
      role: (v) => (v ? null : t('validation.choose')),
    },
  });
  const invite = useMutation({
    ...usersInviteUserMutation(),
    meta: { handlesErrors: true },
    onSuccess: onInvited,
    onError: (err) => {
      if (asApiError(err).error === 'already_member') form.setFieldError('email', errorMessage(t, err));
      else if (!applyApiFieldErrors(form, err, t, FIELDS)) notifyError(err);
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        invite.mutate({ body: { email: v.email.trim(), name: v.name.trim(), role: v.role ?? 'viewer' } }),
      )}
    >
      <Stack gap="md">
        <TextInput label={t('users.email')} type="email" required autoComplete="off" data-autofocus {...form.getInputProps('email')} />
        <TextInput label={t('users.name')} required autoComplete="off" {...form.getInputProps('name')} />
        <Select
          label={t('users.role')}
          required
          allowDeselect={false}
          data={ROLES.map((r) => ({ value: r, label: `${t(`roles.${r}`)} — ${t(`roleDescriptions.${r}`)}` }))}
          {...form.getInputProps('role')}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={invite.isPending}>
            {t('users.inviteSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
