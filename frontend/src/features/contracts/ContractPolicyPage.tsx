import { MultiSelect, SimpleGrid } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBooks } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  contractsGetContractPolicyOptions,
  contractsGetContractPolicyQueryKey,
  contractsListClauseRequirementsOptions,
  contractsUpdateContractPolicyMutation,
} from '../../client/@tanstack/react-query.gen';
import type { ContractPolicyRead, ContractPolicyValues } from '../../client/types.gen';
import { BackLink } from '../../components/DetailParts';
import { ButtonLink } from '../../components/links';
import { PolicyFormFrame, PolicyScreen, UnitNumberInput } from '../../components/PolicyParts';
import { QueryError } from '../../components/QueryError';
import { textIn } from '../../lib/bilingual';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useIsAdmin } from '../../lib/session';
import { useRefreshLibrary } from './refresh';

const FIELDS = ['max_incident_notice_hours', 'min_audit_frequency_per_year', 'min_report_frequency_per_year', 'required_keys'] as const;

type Values = {
  max_incident_notice_hours: number | string;
  min_audit_frequency_per_year: number | string;
  min_report_frequency_per_year: number | string;
  required_keys: string[];
};

/** The values contracts are held against; administrators change them, everyone else reads them. */
export function ContractPolicyPage() {
  const { t } = useTranslation();
  const policy = useQuery(contractsGetContractPolicyOptions());
  return (
    <PolicyScreen
      messages="contracts.policy"
      query={policy}
      placeholderHeight={320}
      back={
        <BackLink to="/contracts">{t('contracts.backToList')}</BackLink>
      }
      actions={
        <ButtonLink to="/contracts/library" variant="default" leftSection={<IconBooks size={16} />}>
          {t('contracts.views.library')}
        </ButtonLink>
      }
    >
      {(data) => <PolicyForm key={data.version} policy={data} />}
    </PolicyScreen>
  );
}

function PolicyForm({ policy }: { policy: ContractPolicyRead }) {
  const { t, i18n } = useTranslation();
  const isAdmin = useIsAdmin();
  const queryClient = useQueryClient();
  const refreshLibrary = useRefreshLibrary();
  const requirements = useQuery(contractsListClauseRequirementsOptions());
  const form = useForm<Values>({
    initialValues: {
      max_incident_notice_hours: policy.max_incident_notice_hours ?? '',
      min_audit_frequency_per_year: policy.min_audit_frequency_per_year ?? '',
      min_report_frequency_per_year: policy.min_report_frequency_per_year ?? '',
      required_keys: policy.required_keys ?? [],
    },
    validate: {
      max_incident_notice_hours: (v) => (typeof v === 'number' ? null : t('validation.wholeNumber')),
      min_audit_frequency_per_year: (v) => (typeof v === 'number' ? null : t('validation.wholeNumber')),
      min_report_frequency_per_year: (v) => (typeof v === 'number' ? null : t('validation.wholeNumber')),
    },
  });
  const saved = (next: ContractPolicyRead, message: string) => {
    queryClient.setQueryData(contractsGetContractPolicyQueryKey(), next);
    // The library's wording and limits, and every gap figure, follow from the policy.
    void refreshLibrary();
    notifySuccess(message);
  };
  const update = useMutation({
    ...contractsUpdateContractPolicyMutation(),
    meta: { handlesErrors: true },
    onError: (err) => {
      if (!applyApiFieldErrors(form, err, t, FIELDS)) notifyError(err);
    },
  });

  const submit = (v: Values) => {
    const values: ContractPolicyValues = {
      max_incident_notice_hours: Number(v.max_incident_notice_hours),
      min_audit_frequency_per_year: Number(v.min_audit_frequency_per_year),
      min_report_frequency_per_year: Number(v.min_report_frequency_per_year),
      required_keys: v.required_keys,
    };
    update.mutate({ body: { version: policy.version, policy: values } }, { onSuccess: (next) => saved(next, t('contracts.policy.saved')) });
  };
  const number = (field: keyof Omit<Values, 'required_keys'>, label: string, unit: string, description?: string) => (
    <UnitNumberInput
      label={label}
      description={description}
      min={field === 'max_incident_notice_hours' ? 1 : 0}
      unit={unit}
      unitWidth={60}
      {...form.getInputProps(field)}
    />
  );

  return (
    <PolicyFormFrame
      messages="contracts.policy"
      policy={policy}
      saving={update.isPending}
      onSubmit={form.onSubmit(submit)}
      onRestore={() => update.mutate({ body: { version: policy.version, policy: null } }, { onSuccess: (next) => saved(next, t('contracts.policy.restored')) })}
      card
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        {number('max_incident_notice_hours', t('contracts.policy.maxIncidentNoticeHours'), t('contracts.unitSuffix.hours'), t('contracts.policy.maxIncidentNoticeHint'))}
        {number('min_audit_frequency_per_year', t('contracts.policy.minAuditFrequency'), t('contracts.unitSuffix.per_year'), t('contracts.policy.minAuditFrequencyHint'))}
        {number('min_report_frequency_per_year', t('contracts.policy.minReportFrequency'), t('contracts.unitSuffix.per_year'), t('contracts.policy.minReportFrequencyHint'))}
      </SimpleGrid>
      {requirements.error ? (
        <QueryError error={requirements.error} onRetry={() => void requirements.refetch()} />
      ) : (
        <MultiSelect
          label={t('contracts.policy.requiredKeys')}
          description={t('contracts.policy.requiredKeysHint')}
          searchable
          readOnly={!isAdmin}
          data={(requirements.data ?? []).map((r) => ({ value: r.key, label: textIn(r.title, i18n.language) }))}
          {...form.getInputProps('required_keys')}
        />
      )}
    </PolicyFormFrame>
  );
}
