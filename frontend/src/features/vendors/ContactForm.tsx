import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { vendorsCreateContactMutation, vendorsUpdateContactMutation } from '../../client/@tanstack/react-query.gen';
import type { ContactRead, ContactRole } from '../../client/types.gen';
import { saveErrorHandler } from '../../lib/forms';
import { CONTACT_ROLES } from './vocabulary';

const FIELDS = ['name', 'email', 'phone', 'role', 'notes'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const blank = (v: string) => (v.trim() === '' ? null : v.trim());

export function ContactForm({
  vendorId,
  contact,
  defaultRole,
  onSaved,
  onCancel,
  onStale,
}: {
  vendorId: string;
  contact?: ContactRead;
  defaultRole: ContactRole;
  onSaved: () => void;
  onCancel: () => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<{ name: string; email: string; phone: string; role: ContactRole | null; notes: string }>({
    initialValues: {
      name: contact?.name ?? '',
      email: contact?.email ?? '',
      phone: contact?.phone ?? '',
      role: contact?.role ?? defaultRole,
      notes: contact?.notes ?? '',
    },
    validate: {
      name: (v) => (!v.trim() ? t('validation.required') : v.length > 200 ? t('validation.maxLength', { max: 200 }) : null),
      email: (v) => (v.trim() === '' || EMAIL.test(v.trim()) ? null : t('validation.email')),
      phone: (v) => (!/^[0-9+()\- ]*$/.test(v) ? t('validation.phone') : v.length > 40 ? t('validation.maxLength', { max: 40 }) : null),
      role: (v) => (v ? null : t('validation.choose')),
      notes: (v) => (v.length > 2000 ? t('validation.maxLength', { max: 2000 }) : null),
    },
  });
  const onError = saveErrorHandler(form, t, FIELDS, onStale);
  const create = useMutation({ ...vendorsCreateContactMutation(), meta: { handlesErrors: true }, onSuccess: onSaved, onError });
  const update = useMutation({ ...vendorsUpdateContactMutation(), meta: { handlesErrors: true }, onSuccess: onSaved, onError });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        const body = { name: v.name.trim(), email: blank(v.email), phone: blank(v.phone), role: v.role ?? 'other', notes: blank(v.notes) };
        if (contact) update.mutate({ path: { vendor_id: vendorId, contact_id: contact.id }, body: { version: contact.version, ...body } });
        else create.mutate({ path: { vendor_id: vendorId }, body });
      })}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t('vendors.contacts.name')} required data-autofocus {...form.getInputProps('name')} />
          <Select
            label={t('vendors.contacts.role')}
            required
            allowDeselect={false}
            data={CONTACT_ROLES.map((r) => ({ value: r, label: t(`vendors.contactRoles.${r}`) }))}
            {...form.getInputProps('role')}
          />
          <TextInput label={t('vendors.contacts.email')} type="email" {...form.getInputProps('email')} />
          <TextInput label={t('vendors.contacts.phone')} type="tel" {...form.getInputProps('phone')} />
        </SimpleGrid>
        <Textarea label={t('vendors.contacts.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
