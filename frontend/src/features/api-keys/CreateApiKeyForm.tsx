import { Button, Checkbox, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiKeysCreateApiKeyMutation } from '../../client/@tanstack/react-query.gen';
import type { ApiKeyCreated } from '../../client/types.gen';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError } from '../../lib/notify';

const SCOPES = ['read', 'write'] as const;
type Scope = (typeof SCOPES)[number];
const FIELDS = ['name', 'scopes'] as const;

export function CreateApiKeyForm({ onCreated, onCancel }: { onCreated: (key: ApiKeyCreated) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm<{ name: string; scopes: Scope[] }>({
    initialValues: { name: '', scopes: ['read'] },
    validate: {
      name: (v) =>
        !v.trim() ? t('validation.required') : v.trim().length > 100 ? t('validation.maxLength', { max: 100 }) : null,
      scopes: (v) => (v.length ? null : t('validation.scopesRequired')),
    },
  });
  const create = useMutation({
    ...apiKeysCreateApiKeyMutation(),
    meta: { handlesErrors: true },
    onSuccess: onCreated,
    onError: (err) => {
      if (!applyApiFieldErrors(form, err, t, FIELDS)) notifyError(err);
    },
  });

  return (
    <form noValidate onSubmit={form.onSubmit((v) => create.mutate({ body: { name: v.name.trim(), scopes: v.scopes } }))}>
      <Stack gap="md">
        <TextInput
          label={t('apiKeys.name')}
          description={t('apiKeys.nameHint')}
          required
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Checkbox.Group label={t('apiKeys.scopes')} required {...form.getInputProps('scopes')}>
          <Stack gap="xs" mt="xs">
            {SCOPES.map((s) => (
              <Checkbox key={s} value={s} label={t(`apiKeys.scopeNames.${s}`)} description={t(`apiKeys.scopeDescriptions.${s}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('apiKeys.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
