import { Button, Checkbox, Fieldset, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { vendorsCreateVendorMutation, vendorsUpdateVendorMutation } from '../../client/@tanstack/react-query.gen';
import type { VendorRead, VendorStatus } from '../../client/types.gen';
import { asApiError, errorMessage } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError } from '../../lib/notify';
import { normalizeCorporateNumber } from '../../lib/corporateNumber';
import { CRITICALITY, STATUSES } from './vocabulary';

const FIELDS = ['name', 'name_kana', 'corporate_number', 'address', 'country', 'website', 'status', 'owner_user_id', 'notes'] as const;

type Values = {
  name: string;
  name_kana: string;
  corporate_number: string;
  address: string;
  country: string;
  website: string;
  status: VendorStatus;
  owner_user_id: string | null;
  notes: string;
  handles_confidential_info: boolean;
  critical_to_continuity: boolean;
  network_access: boolean;
};

const blank = (v: string) => (v.trim() === '' ? null : v.trim());

/**
 * Create a vendor, or edit its details. The format of the corporate number is checked here; its check
 * digit is checked by the API, whose 422 message lands on the field (lib/forms.ts).
 */
export function VendorForm({
  vendor,
  owners,
  onSaved,
  onCancel,
  onStale,
}: {
  vendor?: VendorRead;
  owners: { value: string; label: string }[];
  onSaved: (v: VendorRead) => void;
  onCancel: () => void;
  onStale?: () => void;
}) {
  const { t } = useTranslation();
  const max = (n: number) => (v: string) => (v.length > n ? t('validation.maxLength', { max: n }) : null);
  const form = useForm<Values>({
    initialValues: {
      name: vendor?.name ?? '',
      name_kana: vendor?.name_kana ?? '',
      corporate_number: vendor?.corporate_number ?? '',
      address: vendor?.address ?? '',
      country: vendor?.country ?? 'JP',
      website: vendor?.website ?? '',
      status: vendor?.status ?? 'candidate',
      owner_user_id: vendor?.owner_user_id ?? null,
      notes: vendor?.notes ?? '',
      handles_confidential_info: vendor?.handles_confidential_info ?? false,
      critical_to_continuity: vendor?.critical_to_continuity ?? false,
      network_access: vendor?.network_access ?? false,
    },
    validate: {
      name: (v) => (!v.trim() ? t('validation.required') : max(200)(v)),
      name_kana: max(200),
      corporate_number: (v) => {
        const n = normalizeCorporateNumber(v);
        return n === '' || /^\d{13}$/.test(n) ? null : t('validation.corporateNumberDigits');
      },
      address: max(400),
      country: (v) => (/^[A-Z]{2}$/.test(v.trim()) ? null : t('validation.country')),
      website: (v) => (v.trim() === '' || /^https?:\/\/\S+$/i.test(v.trim()) ? null : t('validation.url')),
      notes: max(10000),
    },
  });

  const onError = (err: unknown) => {
    const e = asApiError(err);
    if (e.error === 'corporate_number_taken') form.setFieldError('corporate_number', errorMessage(t, err));
    else if (e.error === 'stale_version') {
      notifyError(err);
      onStale?.();
    } else if (!applyApiFieldErrors(form, err, t, FIELDS)) notifyError(err);
  };
  const create = useMutation({ ...vendorsCreateVendorMutation(), meta: { handlesErrors: true }, onSuccess: onSaved, onError });
  const update = useMutation({ ...vendorsUpdateVendorMutation(), meta: { handlesErrors: true }, onSuccess: onSaved, onError });

  const submit = form.onSubmit((v) => {
    const common = {
      name: v.name.trim(),
      name_kana: blank(v.name_kana),
      corporate_number: blank(normalizeCorporateNumber(v.corporate_number)),
      address: blank(v.address),
      country: v.country.trim(),
      website: blank(v.website),
      owner_user_id: v.owner_user_id,
      notes: blank(v.notes),
    };
    if (vendor) update.mutate({ path: { vendor_id: vendor.id }, body: { version: vendor.version, ...common } });
    else
      create.mutate({
        body: {
          ...common,
          status: v.status,
          handles_confidential_info: v.handles_confidential_info,
          critical_to_continuity: v.critical_to_continuity,
          network_access: v.network_access,
        },
      });
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t('vendors.form.name')} description={t('vendors.form.nameHint')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('vendors.form.nameKana')} description={t('vendors.form.nameKanaHint')} {...form.getInputProps('name_kana')} />
          <TextInput
            label={t('vendors.form.corporateNumber')}
            description={t('vendors.form.corporateNumberHint')}
            inputMode="numeric"
            autoComplete="off"
            {...form.getInputProps('corporate_number')}
          />
          <TextInput
            label={t('vendors.form.country')}
            description={t('vendors.form.countryHint')}
            required
            maxLength={2}
            {...form.getInputProps('country')}
            onChange={(e) => form.setFieldValue('country', e.currentTarget.value.toUpperCase())}
          />
        </SimpleGrid>
        <TextInput label={t('vendors.form.address')} {...form.getInputProps('address')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={t('vendors.form.website')} type="url" placeholder="https://" {...form.getInputProps('website')} />
          <Select
            label={t('vendors.form.owner')}
            placeholder={t('vendors.overview.noOwner')}
            clearable
            searchable
            data={owners}
            {...form.getInputProps('owner_user_id')}
          />
          {!vendor && (
            <Select
              label={t('vendors.form.status')}
              required
              allowDeselect={false}
              data={STATUSES.map((s) => ({ value: s, label: t(`vendors.statuses.${s}`) }))}
              {...form.getInputProps('status')}
            />
          )}
        </SimpleGrid>
        <Textarea label={t('vendors.form.notes')} autosize minRows={2} maxRows={8} {...form.getInputProps('notes')} />
        {!vendor && (
          <Fieldset legend={t('vendors.form.criticalityLegend')} variant="filled">
            <Stack gap="xs">
              {CRITICALITY.map((k) => (
                <Checkbox key={k} label={t(`vendors.overview.${k}`)} {...form.getInputProps(k, { type: 'checkbox' })} />
              ))}
            </Stack>
          </Fieldset>
        )}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {vendor ? t('common.save') : t('vendors.form.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
