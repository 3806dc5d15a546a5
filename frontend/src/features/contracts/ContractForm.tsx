import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  contractsCreateContractMutation,
  contractsListClauseRequirementsOptions,
  contractsUpdateContractMutation,
  vendorsListProcessingOptions,
} from '../../client/@tanstack/react-query.gen';
import type { ClauseRequirementRead, ContractRead, ContractStatus } from '../../client/types.gen';
import { CategoryBadge } from '../../components/CategoryBadges';
import { DayInput } from '../../components/DayInput';
import { QueryError } from '../../components/QueryError';
import { VendorSelect } from '../../components/VendorSelect';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError } from '../../lib/notify';
import { CONTRACT_STATUSES, MyNumberBadge } from './badges';
import { ClausePicker } from './ClausePicker';
import { clauseDrafts, clauseInputs, type ClauseDrafts } from './clauses';

const FIELDS = [
  'vendor_id',
  'title',
  'number',
  'status',
  'signed_date',
  'start_date',
  'end_date',
  'notice_period_days',
  'processing_ids',
  'notes',
] as const;

type Values = {
  vendor_id: string | null;
  title: string;
  number: string;
  status: ContractStatus;
  signed_date: string | null;
  start_date: string | null;
  end_date: string | null;
  auto_renewal: boolean;
  notice_period_days: number | string;
  processing_ids: string[];
  notes: string;
  clauses: ClauseDrafts;
};


/** Records a contract or changes one: its facts, the processing it covers, the clauses it contains. */
export function ContractEditor(props: { contract?: ContractRead; vendorId?: string; readOnly?: boolean; onSaved: (c: ContractRead, created: boolean) => void }) {
  const requirements = useQuery(contractsListClauseRequirementsOptions());
  if (requirements.error) return <QueryError error={requirements.error} onRetry={() => void requirements.refetch()} />;
  if (!requirements.data) return <Skeleton height={480} radius="md" />;
  return <ContractForm {...props} requirements={requirements.data} />;
}

function ContractForm({
  contract,
  vendorId,
  readOnly = false,
  requirements,
  onSaved,
}: {
  contract?: ContractRead;
  vendorId?: string;
  readOnly?: boolean;
  requirements: ClauseRequirementRead[];
  onSaved: (c: ContractRead, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      vendor_id: contract?.vendor_id ?? vendorId ?? null,
      title: contract?.title ?? '',
      number: contract?.number ?? '',
      status: contract?.status ?? 'draft',
      signed_date: contract?.signed_date ?? null,
      start_date: contract?.start_date ?? null,
      end_date: contract?.end_date ?? null,
      auto_renewal: contract?.auto_renewal ?? false,
      notice_period_days: contract?.notice_period_days ?? '',
      processing_ids: contract?.processing_ids ?? [],
      notes: contract?.notes ?? '',
      clauses: clauseDrafts(requirements, contract?.clauses),
    },
    validate: {
      vendor_id: (v) => (v ? null : t('validation.choose')),
      title: (v) => (!v.trim() ? t('validation.required') : v.length > 300 ? t('validation.maxLength', { max: 300 }) : null),
      end_date: (v, values) => (v && values.start_date && v < values.start_date ? t('validation.invalid') : null),
    },
  });
  const v = form.getValues();
  const processing = useQuery({
    ...vendorsListProcessingOptions({ path: { vendor_id: v.vendor_id ?? '' } }),
    enabled: !!v.vendor_id,
  });
  const coversMyNumber = (processing.data ?? []).some((p) => v.processing_ids.includes(p.id) && p.data_categories.includes('my_number'));

  const onError = (err: unknown) => {
    if (!applyApiFieldErrors(form, err, t, FIELDS)) notifyError(err);
  };
  const create = useMutation({ ...contractsCreateContractMutation(), meta: { handlesErrors: true }, onSuccess: (c) => onSaved(c, true), onError });
  const update = useMutation({
    ...contractsUpdateContractMutation(),
    meta: { handlesErrors: true },
    onSuccess: (c) => {
      form.resetDirty();
      onSaved(c, false);
    },
    onError,
  });

  const submit = (values: Values) => {
    const fields = {
      title: values.title.trim(),
      number: values.number.trim() || null,
      status: values.status,
      signed_date: values.signed_date,
      start_date: values.start_date,
      end_date: values.end_date,
      auto_renewal: values.auto_renewal,
      notice_period_days: typeof values.notice_period_days === 'number' ? values.notice_period_days : null,
      processing_ids: values.processing_ids,
      notes: values.notes.trim() || null,
      clauses: clauseInputs(requirements, values.clauses),
    };
    if (contract) update.mutate({ path: { contract_id: contract.id }, body: { version: contract.version, ...fields } });
    else create.mutate({ body: { vendor_id: values.vendor_id ?? '', ...fields } });
  };

  const included = requirements.filter((r) => v.clauses[r.key]?.included).length;

  return (
    <form noValidate onSubmit={form.onSubmit(submit)}>
      <Fieldset variant="unstyled" disabled={readOnly}>
        <Stack gap="md">
          <Paper withBorder radius="md" p="md">
            <Title order={2} fz="lg" mb="sm">
              {t('contracts.form.sectionContract')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              {contract ? (
                <TextInput label={t('contracts.form.vendor')} value={contract.vendor_name} readOnly description={t('contracts.form.vendorFixed')} />
              ) : (
                <VendorSelect
                  label={t('contracts.form.vendor')}
                  required
                  {...form.getInputProps('vendor_id')}
                  onChange={(id) => {
                    form.setFieldValue('vendor_id', id);
                    form.setFieldValue('processing_ids', []);
                  }}
                />
              )}
              <TextInput label={t('contracts.form.titleField')} placeholder={t('contracts.form.titlePlaceholder')} required {...form.getInputProps('title')} />
              <TextInput label={t('contracts.form.number')} {...form.getInputProps('number')} />
              <Select
                label={t('contracts.form.status')}
                allowDeselect={false}
                data={CONTRACT_STATUSES.map((s) => ({ value: s, label: t(`contracts.statuses.${s}`) }))}
                {...form.getInputProps('status')}
              />
              <DayInput label={t('contracts.form.signedDate')} {...form.getInputProps('signed_date')} />
              <SimpleGrid cols={2} spacing="md">
                <DayInput label={t('contracts.form.startDate')} {...form.getInputProps('start_date')} />
                <DayInput label={t('contracts.form.endDate')} {...form.getInputProps('end_date')} />
              </SimpleGrid>
              <Switch label={t('contracts.form.autoRenewal')} mt="md" {...form.getInputProps('auto_renewal', { type: 'checkbox' })} />
              <NumberInput
                label={t('contracts.form.noticePeriod')}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                disabled={!v.auto_renewal}
                rightSection={<Text size="xs" c="dimmed" pr={6}>{t('contracts.form.noticePeriodUnit')}</Text>}
                rightSectionWidth={52}
                {...form.getInputProps('notice_period_days')}
              />
            </SimpleGrid>
            <Textarea label={t('contracts.form.notes')} mt="md" autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
          </Paper>

          <Paper withBorder radius="md" p="md">
            <Group justify="space-between" mb={4}>
              <Title order={2} fz="lg">
                {t('contracts.form.sectionProcessing')}
              </Title>
              {coversMyNumber && <MyNumberBadge />}
            </Group>
            <Text size="sm" c="dimmed" mb="sm">
              {t('contracts.form.processingHint')}
            </Text>
            {!v.vendor_id ? (
              <Text size="sm" c="dimmed">
                {t('contracts.form.chooseVendorFirst')}
              </Text>
            ) : processing.error ? (
              <QueryError error={processing.error} onRetry={() => void processing.refetch()} />
            ) : processing.data?.length === 0 ? (
              <Alert variant="light" color="gray">
                {t('contracts.form.noProcessing')}
              </Alert>
            ) : (
              <Checkbox.Group {...form.getInputProps('processing_ids')} aria-label={t('contracts.form.sectionProcessing')}>
                <Stack gap="xs">
                  {(processing.data ?? []).map((p) => (
                    <Checkbox
                      key={p.id}
                      value={p.id}
                      data-testid="processing-option"
                      label={
                        <Group gap={6}>
                          <Text size="sm" fw={500}>
                            {p.service || t('contracts.form.unnamedProcessing')}
                          </Text>
                          {p.data_categories.map((c) => (
                            <CategoryBadge key={c} category={c} />
                          ))}
                        </Group>
                      }
                    />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
          </Paper>

          <Paper withBorder radius="md" p="md">
            <Group justify="space-between" mb={4}>
              <Title order={2} fz="lg">
                {t('contracts.form.sectionClauses')}
              </Title>
              <Text size="sm" c="dimmed" data-testid="included-count">
                {t('contracts.form.includedCount', { count: included, total: requirements.length })}
              </Text>
            </Group>
            <Text size="sm" c="dimmed" mb="sm">
              {t('contracts.form.clausesHint')}
            </Text>
            <ClausePicker
              requirements={requirements}
              drafts={v.clauses}
              coversMyNumber={coversMyNumber}
              onChange={(key, draft) => form.setFieldValue(`clauses.${key}`, draft)}
            />
          </Paper>

          {!readOnly && (
            <Paper
              withBorder
              radius="md"
              p="sm"
              shadow="sm"
              style={{ position: 'sticky', bottom: 'var(--mantine-spacing-md)', zIndex: 5 }}
            >
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {contract && form.isDirty() ? t('contracts.form.unsaved') : ''}
                </Text>
                <Button type="submit" loading={create.isPending || update.isPending}>
                  {contract ? t('contracts.form.save') : t('contracts.form.create')}
                </Button>
              </Group>
            </Paper>
          )}
        </Stack>
      </Fieldset>
    </form>
  );
}
