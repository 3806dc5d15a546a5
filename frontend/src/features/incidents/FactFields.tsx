import { Checkbox, Fieldset, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contractsListContractsOptions, vendorsListProcessingOptions } from '../../client/@tanstack/react-query.gen';
import { GdprRisk } from '../../client/types.gen';
import { DATA_CATEGORIES } from '../../components/CategoryBadges';
import { enumValues } from '../../lib/enums';
import { useFormat } from '../../lib/format';
import { FLAG_FIELDS, MY_NUMBER_FLAGS, REPORT_FIELDS, TIME_FIELDS, type FactValues, type Financial } from './facts';

const GDPR_RISKS = enumValues(GdprRisk);
const HINTED = new Set<string>(['aware_at', 'vendor_notified_at', 'wrongful_intent_possible', 'data_being_acquired', 'strongly_encrypted']);

type Form = UseFormReturnType<FactValues>;

function Legend({ children }: { children: string }) {
  return (
    <Text fw={700} size="md" mb={4}>
      {children}
    </Text>
  );
}

/** The vendor's processing concerned and the contract (its notice hours judge the vendor's notice). */
export function ReferenceFields({ form, vendorId, readOnly }: { form: Form; vendorId: string | null; readOnly?: boolean }) {
  const { t } = useTranslation();
  const processing = useQuery({ ...vendorsListProcessingOptions({ path: { vendor_id: vendorId ?? '' } }), enabled: !!vendorId });
  const contracts = useQuery({
    ...contractsListContractsOptions({ query: { vendor_id: vendorId ?? undefined, size: 100, sort: '-updated_at' } }),
    enabled: !!vendorId,
  });
  const none = !vendorId ? t('incidents.form.chooseVendorFirst') : processing.data?.length === 0 ? t('incidents.form.noProcessing') : undefined;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <MultiSelect
        label={t('incidents.fields.processing_ids')}
        placeholder={none}
        disabled={!vendorId || processing.data?.length === 0}
        readOnly={readOnly}
        data={(processing.data ?? []).map((p) => ({ value: p.id, label: p.service }))}
        {...form.getInputProps('processing_ids')}
      />
      <Select
        label={t('incidents.fields.contract_id')}
        description={t('incidents.hints.contract_id')}
        placeholder={t('incidents.form.contractAuto')}
        clearable
        disabled={!vendorId}
        readOnly={readOnly}
        data={(contracts.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.title}（${t(`contracts.statuses.${c.status}`)}）` }))}
        {...form.getInputProps('contract_id')}
      />
    </SimpleGrid>
  );
}

/** The times, the data and people, the trigger facts, and (when editing) the rest of the report's nine items. */
export function FactFields({ form, withReport = false, readOnly = false }: { form: Form; withReport?: boolean; readOnly?: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const area = (field: keyof FactValues & string, rows = 3) => (
    <Textarea key={field} label={t(`incidents.fields.${field}` as 'incidents.fields.cause')} autosize minRows={rows} maxRows={12} readOnly={readOnly} {...form.getInputProps(field)} />
  );
  const flag = (field: (typeof FLAG_FIELDS)[number] | (typeof MY_NUMBER_FLAGS)[number] | 'secondary_harm_occurred') => (
    <Checkbox
      key={field}
      label={t(`incidents.fields.${field}`)}
      description={HINTED.has(field) ? t(`incidents.hints.${field as 'wrongful_intent_possible'}`) : undefined}
      disabled={readOnly}
      {...form.getInputProps(field, { type: 'checkbox' })}
    />
  );
  return (
    <Stack gap="md">
      <Fieldset legend={<Legend>{t('incidents.form.sections.times')}</Legend>} variant="unstyled">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
          {TIME_FIELDS.map((field) => (
            <TextInput
              key={field}
              type="datetime-local"
              label={t(`incidents.fields.${field}`)}
              description={HINTED.has(field) ? t(`incidents.hints.${field as 'aware_at'}`) : t('incidents.form.dateTime', { zone: f.timeZone })}
              withAsterisk={field === 'aware_at'}
              readOnly={readOnly}
              {...form.getInputProps(field)}
            />
          ))}
        </SimpleGrid>
        <TextInput mt="md" label={t('incidents.fields.discovered_by')} maxLength={300} readOnly={readOnly} {...form.getInputProps('discovered_by')} />
      </Fieldset>

      <Fieldset legend={<Legend>{t('incidents.form.sections.data')}</Legend>} variant="unstyled">
        <Stack gap="md">
          <MultiSelect
            label={t('incidents.fields.data_categories')}
            data={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`vendors.dataCategories.${c}`) }))}
            readOnly={readOnly}
            {...form.getInputProps('data_categories')}
          />
          {area('data_items', 2)}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NumberInput
              label={t('incidents.fields.affected_persons_estimate')}
              min={0}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=","
              readOnly={readOnly}
              {...form.getInputProps('affected_persons_estimate')}
            />
            <NumberInput
              label={t('incidents.fields.affected_persons_max')}
              description={t('incidents.hints.affected_persons_max')}
              min={0}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=","
              readOnly={readOnly}
              {...form.getInputProps('affected_persons_max')}
            />
          </SimpleGrid>
        </Stack>
      </Fieldset>

      <Fieldset legend={<Legend>{t('incidents.form.sections.triggers')}</Legend>} variant="unstyled">
        <Stack gap="sm">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="financial-label">
              {t('incidents.fields.financial_damage_possible')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('incidents.hints.financial_damage_possible')}
            </Text>
            <SegmentedControl
              aria-labelledby="financial-label"
              w="fit-content"
              disabled={readOnly}
              data={(['auto', 'yes', 'no'] as Financial[]).map((v) => ({ value: v, label: t(`incidents.financialOptions.${v}`) }))}
              {...form.getInputProps('financial_damage_possible')}
            />
          </Stack>
          {FLAG_FIELDS.map(flag)}
        </Stack>
      </Fieldset>

      <Fieldset legend={<Legend>{t('incidents.form.sections.myNumber')}</Legend>} variant="unstyled">
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {t('incidents.hints.my_number')}
          </Text>
          {MY_NUMBER_FLAGS.map(flag)}
          <Select
            label={t('incidents.fields.gdpr_risk')}
            allowDeselect={false}
            readOnly={readOnly}
            w={260}
            data={GDPR_RISKS.map((r) => ({ value: r, label: t(`incidents.gdprRisks.${r}`) }))}
            {...form.getInputProps('gdpr_risk')}
          />
        </Stack>
      </Fieldset>

      <Fieldset legend={<Legend>{t('incidents.form.sections.report')}</Legend>} variant="unstyled">
        <Stack gap="md">
          {area('description', 3)}
          {area('cause', 2)}
          {area('containment', 2)}
          {withReport && (
            <>
              {flag('secondary_harm_occurred')}
              {REPORT_FIELDS.map((field) => area(field, 2))}
            </>
          )}
        </Stack>
      </Fieldset>
    </Stack>
  );
}
