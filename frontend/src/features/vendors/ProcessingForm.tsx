import { Button, Checkbox, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { vendorsCreateProcessingMutation, vendorsUpdateProcessingMutation } from '../../client/@tanstack/react-query.gen';
import type { AccessType, DataCategory, ProcessingRead, StorageType } from '../../client/types.gen';
import { DATA_CATEGORIES } from '../../components/CategoryBadges';
import { saveErrorHandler } from '../../lib/forms';
import { ACCESS_TYPES, STORAGE_TYPES } from './vocabulary';

const FIELDS = [
  'service',
  'data_categories',
  'persons_estimate',
  'access_type',
  'storage_country',
  'storage_type',
  'cloud_provider',
  'retention',
  'leaves_japan',
  'foreign_regime_notes',
] as const;

type Values = {
  service: string;
  data_categories: DataCategory[];
  persons_estimate: number | string;
  access_type: AccessType | null;
  storage_country: string;
  storage_type: StorageType;
  cloud_provider: string;
  retention: string;
  leaves_japan: boolean;
  foreign_regime_notes: string;
};

const blank = (v: string) => (v.trim() === '' ? null : v.trim());

export function ProcessingForm({
  vendorId,
  processing,
  onSaved,
  onCancel,
  onStale,
}: {
  vendorId: string;
  processing?: ProcessingRead;
  onSaved: () => void;
  onCancel: () => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      service: processing?.service ?? '',
      data_categories: processing?.data_categories ?? [],
      persons_estimate: processing?.persons_estimate ?? '',
      access_type: processing?.access_type ?? null,
      storage_country: processing?.storage_country ?? 'JP',
      storage_type: processing?.storage_type ?? 'cloud',
      cloud_provider: processing?.cloud_provider ?? '',
      retention: processing?.retention ?? '',
      leaves_japan: processing?.leaves_japan ?? false,
      foreign_regime_notes: processing?.foreign_regime_notes ?? '',
    },
    validate: {
      service: (v) => (v.length > 300 ? t('validation.maxLength', { max: 300 }) : null),
      data_categories: (v) => (v.length ? null : t('validation.scopesRequired')),
      persons_estimate: (v) =>
        v === '' ? t('validation.required') : Number.isInteger(Number(v)) && Number(v) >= 0 ? null : t('validation.wholeNumber'),
      access_type: (v) => (v ? null : t('validation.choose')),
      storage_country: (v) => (/^[A-Z]{2}$/.test(v) ? null : t('validation.country')),
      cloud_provider: (v) => (v.length > 200 ? t('validation.maxLength', { max: 200 }) : null),
      retention: (v) => (v.length > 200 ? t('validation.maxLength', { max: 200 }) : null),
    },
  });

  const onError = saveErrorHandler(form, t, FIELDS, onStale);
  const create = useMutation({ ...vendorsCreateProcessingMutation(), meta: { handlesErrors: true }, onSuccess: onSaved, onError });
  const update = useMutation({ ...vendorsUpdateProcessingMutation(), meta: { handlesErrors: true }, onSuccess: onSaved, onError });

  const submit = form.onSubmit((v) => {
    const body = {
      service: v.service.trim(),
      data_categories: v.data_categories,
      persons_estimate: Number(v.persons_estimate),
      access_type: v.access_type ?? 'none',
      storage_country: v.storage_country,
      storage_type: v.storage_type,
      cloud_provider: v.storage_type === 'cloud' ? blank(v.cloud_provider) : null,
      retention: blank(v.retention),
      leaves_japan: v.leaves_japan,
      foreign_regime_notes: v.leaves_japan ? blank(v.foreign_regime_notes) : null,
    };
    if (processing) update.mutate({ path: { vendor_id: vendorId, processing_id: processing.id }, body: { version: processing.version, ...body } });
    else create.mutate({ path: { vendor_id: vendorId }, body });
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack gap="md">
        <TextInput
          label={t('vendors.processing.service')}
          placeholder={t('vendors.processing.servicePlaceholder')}
          data-autofocus
          {...form.getInputProps('service')}
        />
        <MultiSelect
          label={t('vendors.processing.dataCategories')}
          required
          data={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`vendors.dataCategories.${c}`) }))}
          {...form.getInputProps('data_categories')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NumberInput
            label={t('vendors.processing.persons')}
            description={t('vendors.processing.personsHint')}
            required
            min={0}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            {...form.getInputProps('persons_estimate')}
          />
          <Select
            label={t('vendors.processing.access')}
            required
            allowDeselect={false}
            data={ACCESS_TYPES.map((a) => ({ value: a, label: t(`vendors.accessTypes.${a}`) }))}
            {...form.getInputProps('access_type')}
          />
          <TextInput
            label={t('vendors.processing.storageCountry')}
            description={t('vendors.form.countryHint')}
            required
            maxLength={2}
            {...form.getInputProps('storage_country')}
            onChange={(e) => {
              const country = e.currentTarget.value.toUpperCase();
              form.setFieldValue('storage_country', country);
              if (/^[A-Z]{2}$/.test(country) && !form.isTouched('leaves_japan')) form.setFieldValue('leaves_japan', country !== 'JP');
            }}
          />
          <Select
            label={t('vendors.processing.storageType')}
            required
            allowDeselect={false}
            data={STORAGE_TYPES.map((s) => ({ value: s, label: t(`vendors.storageTypes.${s}`) }))}
            {...form.getInputProps('storage_type')}
          />
          {form.values.storage_type === 'cloud' && (
            <TextInput label={t('vendors.processing.cloudProvider')} {...form.getInputProps('cloud_provider')} />
          )}
          <TextInput
            label={t('vendors.processing.retention')}
            placeholder={t('vendors.processing.retentionPlaceholder')}
            {...form.getInputProps('retention')}
          />
        </SimpleGrid>
        <Checkbox
          label={t('vendors.processing.leavesJapan')}
          description={t('vendors.processing.leavesJapanHint')}
          {...form.getInputProps('leaves_japan', { type: 'checkbox' })}
        />
        {form.values.leaves_japan && (
          <Textarea
            label={t('vendors.processing.foreignRegimeNotes')}
            autosize
            minRows={2}
            {...form.getInputProps('foreign_regime_notes')}
          />
        )}
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
