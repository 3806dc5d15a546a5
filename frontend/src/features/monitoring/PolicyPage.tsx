import { Paper, Select, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  monitoringGetMonitoringPolicyOptions,
  monitoringGetMonitoringPolicyQueryKey,
  monitoringUpdateMonitoringPolicyMutation,
} from '../../client/@tanstack/react-query.gen';
import { Cadence, type MonitoringPolicyRead, type MonitoringPolicyValues, type Tier } from '../../client/types.gen';
import { DayInput } from '../../components/DayInput';
import { PolicyFormFrame, PolicyScreen, UnitNumberInput } from '../../components/PolicyParts';
import { TIERS, TierBadge } from '../../components/TierBadge';
import { enumValues } from '../../lib/enums';
import { asApiError } from '../../lib/errors';
import { intlLocale } from '../../lib/format';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useIsAdmin } from '../../lib/session';
import { MonitoringNav } from './MonitoringNav';
import { useRefreshMonitoring } from './refresh';

const CADENCES = enumValues(Cadence);

type Num = number | string;
type Plan = { reassessment_months: Num; report: Cadence; audit_months: Num };
type Values = { plans: Record<Tier, Plan>; report_due_days: Num; due_soon_days: Num; fiscal_year_start_month: string; since: string | null };

const whole = (v: Num, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** How closely each tier is watched, when reports fall due, from when; administrators change it, everyone reads it. */
export function PolicyPage() {
  const policy = useQuery(monitoringGetMonitoringPolicyOptions());
  return (
    <PolicyScreen messages="monitoring.policy" query={policy} nav={<MonitoringNav current="policy" />}>
      {(data) => <PolicyForm key={data.version} policy={data} onStale={() => void policy.refetch()} />}
    </PolicyScreen>
  );
}

function PolicyForm({ policy, onStale }: { policy: MonitoringPolicyRead; onStale: () => void }) {
  const { t, i18n } = useTranslation();
  const isAdmin = useIsAdmin();
  const queryClient = useQueryClient();
  const refresh = useRefreshMonitoring();
  const form = useForm<Values>({
    initialValues: {
      plans: Object.fromEntries(
        TIERS.map((tier) => {
          const p = policy.plans?.[tier];
          return [tier, { reassessment_months: p?.reassessment_months ?? '', report: p?.report ?? 'on_demand', audit_months: p?.audit_months ?? '' }];
        }),
      ) as Record<Tier, Plan>,
      report_due_days: policy.report_due_days ?? 10,
      due_soon_days: policy.due_soon_days ?? 14,
      fiscal_year_start_month: String(policy.fiscal_year_start_month ?? 4),
      since: policy.since ?? null,
    },
    validate: (v) => {
      const errors: Record<string, string> = {};
      for (const tier of TIERS) {
        const p = v.plans[tier];
        if (!whole(p.reassessment_months, 1, 120)) errors[`plans.${tier}.reassessment_months`] = t('validation.range', { min: 1, max: 120 });
        if (p.audit_months !== '' && !whole(p.audit_months, 1, 120)) errors[`plans.${tier}.audit_months`] = t('validation.range', { min: 1, max: 120 });
      }
      if (!whole(v.report_due_days, 1, 60)) errors.report_due_days = t('validation.range', { min: 1, max: 60 });
      if (!whole(v.due_soon_days, 1, 60)) errors.due_soon_days = t('validation.range', { min: 1, max: 60 });
      return errors;
    },
  });
  const fields = [
    ...TIERS.flatMap((tier) => [`plans.${tier}.reassessment_months`, `plans.${tier}.report`, `plans.${tier}.audit_months`]),
    'report_due_days',
    'due_soon_days',
    'fiscal_year_start_month',
    'since',
  ];
  const update = useMutation({
    ...monitoringUpdateMonitoringPolicyMutation(),
    meta: { handlesErrors: true },
    onError: (err) => {
      if (asApiError(err).status === 409) {
        notifyError(err);
        onStale();
      } else if (!applyApiFieldErrors(form, err, t, fields, { 'policy.plans': 'report_due_days' })) notifyError(err);
    },
  });
  const saved = (next: MonitoringPolicyRead, message: string) => {
    queryClient.setQueryData(monitoringGetMonitoringPolicyQueryKey(), next);
    void refresh(); // every calendar was planned again
    notifySuccess(message);
  };
  const submit = (v: Values) => {
    const values: MonitoringPolicyValues = {
      plans: Object.fromEntries(
        TIERS.map((tier) => {
          const p = v.plans[tier];
          return [tier, { reassessment_months: Number(p.reassessment_months), report: p.report, audit_months: p.audit_months === '' ? null : Number(p.audit_months) }];
        }),
      ),
      report_due_days: Number(v.report_due_days),
      due_soon_days: Number(v.due_soon_days),
      fiscal_year_start_month: Number(v.fiscal_year_start_month),
      since: v.since,
    };
    update.mutate({ body: { version: policy.version, policy: values } }, { onSuccess: (next) => saved(next, t('monitoring.policy.saved')) });
  };
  const monthName = (m: number) => new Intl.DateTimeFormat(intlLocale(i18n.language), { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, m - 1, 1)));

  return (
    <PolicyFormFrame
      messages="monitoring.policy"
      policy={policy}
      saving={update.isPending}
      onSubmit={form.onSubmit(submit)}
      onRestore={() => update.mutate({ body: { version: policy.version, policy: null } }, { onSuccess: (next) => saved(next, t('monitoring.policy.restored')) })}
    >
      <Paper withBorder radius="md" p="md">
        <Title order={2} fz="lg">
          {t('monitoring.policy.plansTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('monitoring.policy.plansHint')}
        </Text>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" data-testid="policy-plans">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('monitoring.policy.tier')}</Table.Th>
                <Table.Th>{t('monitoring.policy.reassessment')}</Table.Th>
                <Table.Th>{t('monitoring.policy.report')}</Table.Th>
                <Table.Th>{t('monitoring.policy.audit')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {TIERS.map((tier) => {
                const tierName = t(`vendors.tiers.${tier}`);
                return (
                  <Table.Tr key={tier} data-tier={tier}>
                    <Table.Td>
                      <TierBadge tier={tier} />
                    </Table.Td>
                    <Table.Td>
                      <UnitNumberInput
                        aria-label={`${tierName}: ${t('monitoring.policy.reassessment')}`}
                        min={1}
                        max={120}
                        unit={t('monitoring.policy.months')}
                        unitWidth={72}
                        w={160}
                        {...form.getInputProps(`plans.${tier}.reassessment_months`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`${tierName}: ${t('monitoring.policy.report')}`}
                        allowDeselect={false}
                        readOnly={!isAdmin}
                        data={CADENCES.map((c) => ({ value: c, label: t(`monitoring.cadences.${c}`) }))}
                        w={180}
                        {...form.getInputProps(`plans.${tier}.report`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <UnitNumberInput
                        aria-label={`${tierName}: ${t('monitoring.policy.audit')}`}
                        placeholder={t('monitoring.policy.onDemand')}
                        min={1}
                        max={120}
                        unit={t('monitoring.policy.months')}
                        unitWidth={72}
                        w={200}
                        {...form.getInputProps(`plans.${tier}.audit_months`)}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="xs">
          {t('monitoring.policy.auditHint')}
        </Text>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={2} fz="lg" mb="md">
          {t('monitoring.policy.timingTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
          <UnitNumberInput
            label={t('monitoring.policy.reportDueDays')}
            description={t('monitoring.policy.reportDueDaysHint')}
            min={1}
            max={60}
            unit={t('monitoring.policy.days')}
            unitWidth={56}
            {...form.getInputProps('report_due_days')}
          />
          <UnitNumberInput
            label={t('monitoring.policy.dueSoonDays')}
            description={t('monitoring.policy.dueSoonDaysHint')}
            min={1}
            max={60}
            unit={t('monitoring.policy.days')}
            unitWidth={56}
            {...form.getInputProps('due_soon_days')}
          />
          <Select
            label={t('monitoring.policy.fiscalYear')}
            description={t('monitoring.policy.fiscalYearHint')}
            allowDeselect={false}
            readOnly={!isAdmin}
            data={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName(i + 1) }))}
            {...form.getInputProps('fiscal_year_start_month')}
          />
          <DayInput
            label={t('monitoring.policy.since')}
            description={t('monitoring.policy.sinceHint')}
            readOnly={!isAdmin}
            {...form.getInputProps('since')}
          />
        </SimpleGrid>
      </Paper>
    </PolicyFormFrame>
  );
}
