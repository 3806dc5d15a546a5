import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  incidentsGetIncidentPolicyOptions,
  incidentsGetIncidentPolicyQueryKey,
  incidentsUpdateIncidentPolicyMutation,
} from '../../client/@tanstack/react-query.gen';
import type { IncidentPolicyRead, IncidentPolicyValues } from '../../client/types.gen';
import { BackLink } from '../../components/DetailParts';
import { PolicyFormFrame, PolicyScreen, UnitNumberInput } from '../../components/PolicyParts';
import { asApiError } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useRefreshIncidents } from './refresh';

const DAYS = ['preliminary_target_days', 'preliminary_due_days', 'vendor_notice_target_days', 'vendor_notice_due_days'] as const;
const CLASSES = ['damages_basic', 'damages_detailed', 'damages_sensitive'] as const;
const FIELDS = [...DAYS, ...CLASSES.flatMap((c) => [`${c}.low`, `${c}.high`]), 'lawyer_fee_percent'];

type Num = number | string;
type Values = Record<(typeof DAYS)[number], Num> & Record<(typeof CLASSES)[number], { low: Num; high: Num }> & { lawyer_fee_percent: Num };

const range = (r: { low?: number; high?: number } | undefined) => ({ low: r?.low ?? '', high: r?.high ?? '' });
const whole = (v: Num) => typeof v === 'number' && Number.isInteger(v);

/** The days the law leaves open and the damages amounts; administrators change them, everyone reads them. */
export function IncidentPolicyPage() {
  const { t } = useTranslation();
  const policy = useQuery(incidentsGetIncidentPolicyOptions());
  return (
    <PolicyScreen
      messages="incidents.policy"
      query={policy}
      back={
        <BackLink to="/incidents">{t('incidents.backToList')}</BackLink>
      }
    >
      {(data) => <PolicyForm key={data.version} policy={data} onStale={() => void policy.refetch()} />}
    </PolicyScreen>
  );
}

function PolicyForm({ policy, onStale }: { policy: IncidentPolicyRead; onStale: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useRefreshIncidents();
  const form = useForm<Values>({
    initialValues: {
      preliminary_target_days: policy.preliminary_target_days ?? '',
      preliminary_due_days: policy.preliminary_due_days ?? '',
      vendor_notice_target_days: policy.vendor_notice_target_days ?? '',
      vendor_notice_due_days: policy.vendor_notice_due_days ?? '',
      damages_basic: range(policy.damages_basic),
      damages_detailed: range(policy.damages_detailed),
      damages_sensitive: range(policy.damages_sensitive),
      lawyer_fee_percent: policy.lawyer_fee_percent ?? '',
    },
    validate: (v) => {
      const errors: Record<string, string> = {};
      for (const d of DAYS) if (!whole(v[d])) errors[d] = t('validation.range', { min: 1, max: 30 });
      for (const c of CLASSES) {
        if (!whole(v[c].low)) errors[`${c}.low`] = t('validation.wholeNumber');
        if (!whole(v[c].high)) errors[`${c}.high`] = t('validation.wholeNumber');
        else if (whole(v[c].low) && Number(v[c].high) < Number(v[c].low)) errors[`${c}.high`] = t('incidents.policy.highBelowLow');
      }
      if (!whole(v.lawyer_fee_percent)) errors.lawyer_fee_percent = t('validation.range', { min: 0, max: 100 });
      if (Number(v.preliminary_target_days) > Number(v.preliminary_due_days)) errors.preliminary_target_days = t('incidents.policy.targetAfterDue');
      if (Number(v.vendor_notice_target_days) > Number(v.vendor_notice_due_days)) errors.vendor_notice_target_days = t('incidents.policy.targetAfterDue');
      return errors;
    },
  });
  const saved = (next: IncidentPolicyRead, message: string) => {
    queryClient.setQueryData(incidentsGetIncidentPolicyQueryKey(), next);
    void refresh(); // open incidents were recomputed
    notifySuccess(message);
  };
  const update = useMutation({
    ...incidentsUpdateIncidentPolicyMutation(),
    meta: { handlesErrors: true },
    onError: (err) => {
      if (asApiError(err).status === 409) {
        notifyError(err);
        onStale();
      } else if (!applyApiFieldErrors(form, err, t, FIELDS, { policy: 'preliminary_target_days' })) notifyError(err);
    },
  });
  const submit = (v: Values) => {
    const values: IncidentPolicyValues = {
      preliminary_target_days: Number(v.preliminary_target_days),
      preliminary_due_days: Number(v.preliminary_due_days),
      vendor_notice_target_days: Number(v.vendor_notice_target_days),
      vendor_notice_due_days: Number(v.vendor_notice_due_days),
      damages_basic: { low: Number(v.damages_basic.low), high: Number(v.damages_basic.high) },
      damages_detailed: { low: Number(v.damages_detailed.low), high: Number(v.damages_detailed.high) },
      damages_sensitive: { low: Number(v.damages_sensitive.low), high: Number(v.damages_sensitive.high) },
      lawyer_fee_percent: Number(v.lawyer_fee_percent),
    };
    update.mutate({ body: { version: policy.version, policy: values } }, { onSuccess: (next) => saved(next, t('incidents.policy.saved')) });
  };
  const number = (path: string, labelText: string, suffix: string, min: number, max: number) => (
    <UnitNumberInput
      key={path}
      label={labelText}
      min={min}
      max={max}
      thousandSeparator={max > 1000 ? ',' : undefined}
      unit={suffix}
      {...form.getInputProps(path)}
    />
  );

  return (
    <PolicyFormFrame
      messages="incidents.policy"
      policy={policy}
      saving={update.isPending}
      onSubmit={form.onSubmit(submit)}
      onRestore={() => update.mutate({ body: { version: policy.version, policy: null } }, { onSuccess: (next) => saved(next, t('incidents.policy.restored')) })}
    >
      <Paper withBorder radius="md" p="md">
        <Title order={2} fz="lg">
          {t('incidents.policy.deadlines')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('incidents.policy.deadlinesHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
          {DAYS.map((d) => number(d, t(`incidents.policy.${d}`), t('incidents.policy.daysAfter'), 1, 30))}
        </SimpleGrid>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={2} fz="lg">
          {t('incidents.policy.damages')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('incidents.policy.damagesHint')}
        </Text>
        <Stack gap="sm">
          {CLASSES.map((c) => (
            <Stack gap={4} key={c}>
              <Text size="sm" fw={600}>
                {t(`incidents.policy.classes.${c}`)}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" maw={560}>
                {number(`${c}.low`, `${t(`incidents.policy.classes.${c}`)}: ${t('incidents.policy.low')}`, t('incidents.policy.yenPerPerson'), 0, 10_000_000)}
                {number(`${c}.high`, `${t(`incidents.policy.classes.${c}`)}: ${t('incidents.policy.high')}`, t('incidents.policy.yenPerPerson'), 0, 10_000_000)}
              </SimpleGrid>
            </Stack>
          ))}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" maw={560}>
            {number('lawyer_fee_percent', t('incidents.policy.lawyer_fee_percent'), t('incidents.policy.percent'), 0, 100)}
          </SimpleGrid>
        </Stack>
      </Paper>
    </PolicyFormFrame>
  );
}
