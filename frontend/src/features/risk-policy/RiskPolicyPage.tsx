import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  riskPolicyGetRiskPolicyOptions,
  riskPolicyGetRiskPolicyQueryKey,
  riskPolicyUpdateRiskPolicyMutation,
} from '../../client/@tanstack/react-query.gen';
import type { RiskPolicyApplied, RiskPolicyRead } from '../../client/types.gen';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { TIERS, ToneBadge } from '../../components/TierBadge';
import { confirmAction } from '../../components/confirm';
import { asApiError } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';
import { useIsAdmin } from '../../lib/session';
import {
  ACCESS_TYPES,
  DATA_CATEGORIES,
  FLOORS,
  MAX_PERSONS,
  MAX_POINTS,
  MAX_STEPS,
  MAX_THRESHOLD,
  OTHER_POINTS,
  THRESHOLDS,
  policyFieldPaths,
  stepKey,
  toPolicy,
  toValues,
  validatePolicy,
} from './policy';

/** Everything whose tier the policy decides. */
const TIER_OPERATIONS = [
  'vendorsListVendors',
  'vendorsGetVendor',
  'vendorsListTierHistory',
  'vendorsListExposedVendors',
  'vendorsGetSubcontractorTree',
  'auditEventsListAuditEvents',
];

const pointsProps = { min: 0, max: MAX_POINTS, allowDecimal: false, allowNegative: false, clampBehavior: 'none' } as const;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm">
      <Title order={2} fz="md">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function RiskPolicyForm({ data, editable, onStale }: { data: RiskPolicyRead; editable: boolean; onStale: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const fields = useMemo(() => policyFieldPaths(), []);
  const form = useForm({ initialValues: toValues(data.policy), validate: (values) => validatePolicy(t, values) });

  const applied = (result: RiskPolicyApplied, message: 'riskPolicy.saved' | 'riskPolicy.resetDone') => {
    const { vendors_retiered, ...read } = result;
    queryClient.setQueryData(riskPolicyGetRiskPolicyQueryKey(), read);
    void invalidateOperations(queryClient, ...TIER_OPERATIONS);
    notifySuccess(t(message, { n: vendors_retiered }));
  };
  const onError = (err: unknown) => {
    if (applyApiFieldErrors(form, err, t, fields)) return;
    notifyError(err);
    if (asApiError(err).error === 'stale_version') onStale();
  };
  const save = useMutation({
    ...riskPolicyUpdateRiskPolicyMutation(),
    meta: { handlesErrors: true },
    onSuccess: (result) => applied(result, 'riskPolicy.saved'),
    onError,
  });
  const reset = useMutation({
    ...riskPolicyUpdateRiskPolicyMutation(),
    meta: { handlesErrors: true },
    onSuccess: (result) => applied(result, 'riskPolicy.resetDone'),
    onError,
  });
  const steps = form.getValues().policy.persons_points;
  const busy = save.isPending || reset.isPending;

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => save.mutate({ body: { version: data.version, policy: toPolicy(v) } }))}
    >
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="xl">
          <Section title={t('riskPolicy.sections.categories')}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
              {DATA_CATEGORIES.map((c) => (
                <NumberInput
                  key={c}
                  label={t(`vendors.dataCategories.${c}`)}
                  {...pointsProps}
                  {...form.getInputProps(`policy.category_points.${c}`)}
                />
              ))}
            </SimpleGrid>
          </Section>

          <Section title={t('riskPolicy.sections.access')}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
              {ACCESS_TYPES.map((a) => (
                <NumberInput
                  key={a}
                  label={t(`vendors.accessTypes.${a}`)}
                  {...pointsProps}
                  {...form.getInputProps(`policy.access_points.${a}`)}
                />
              ))}
            </SimpleGrid>
          </Section>

          <Section title={t('riskPolicy.sections.persons')}>
            <Text size="sm" c="dimmed">
              {t('riskPolicy.personsHint')}
            </Text>
            <Table maw={560} verticalSpacing="xs" data-testid="persons-steps">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('riskPolicy.personsOver')}</Table.Th>
                  <Table.Th>{t('riskPolicy.points')}</Table.Th>
                  {editable && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {steps.map((step, i) => (
                  <Table.Tr key={step.key}>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('riskPolicy.personsOverRow', { row: i + 1 })}
                        min={0}
                        max={MAX_PERSONS}
                        allowDecimal={false}
                        allowNegative={false}
                        clampBehavior="none"
                        thousandSeparator=","
                        {...form.getInputProps(`policy.persons_points.${i}.over`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('riskPolicy.pointsRow', { row: i + 1 })}
                        {...pointsProps}
                        {...form.getInputProps(`policy.persons_points.${i}.points`)}
                      />
                    </Table.Td>
                    {editable && (
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('riskPolicy.removeStep', { row: i + 1 })}
                          disabled={steps.length <= 1}
                          onClick={() => form.removeListItem('policy.persons_points', i)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {form.errors['policy.persons_points'] && (
              <Text size="sm" c="red.8">
                {form.errors['policy.persons_points']}
              </Text>
            )}
            {editable && (
              <Group>
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconPlus size={14} />}
                  disabled={steps.length >= MAX_STEPS}
                  onClick={() => form.insertListItem('policy.persons_points', { key: stepKey(), over: '', points: '' })}
                >
                  {t('riskPolicy.addStep')}
                </Button>
              </Group>
            )}
          </Section>

          <Section title={t('riskPolicy.sections.other')}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
              {OTHER_POINTS.map((k) => (
                <NumberInput key={k} label={t(`riskPolicy.fields.${k}`)} {...pointsProps} {...form.getInputProps(`policy.${k}`)} />
              ))}
            </SimpleGrid>
          </Section>

          <Section title={t('riskPolicy.sections.thresholds')}>
            <Text size="sm" c="dimmed">
              {t('riskPolicy.thresholdsHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              {THRESHOLDS.map((k) => (
                <NumberInput
                  key={k}
                  label={t('riskPolicy.threshold', { tier: t(`vendors.tiers.${k}`) })}
                  min={1}
                  max={MAX_THRESHOLD}
                  allowDecimal={false}
                  allowNegative={false}
                  clampBehavior="none"
                  {...form.getInputProps(`policy.thresholds.${k}`)}
                />
              ))}
            </SimpleGrid>
          </Section>

          <Section title={t('riskPolicy.sections.floors')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              {FLOORS.map((k) => (
                <Select
                  key={k}
                  label={t(`riskPolicy.fields.${k}`)}
                  allowDeselect={false}
                  data={TIERS.map((tier) => ({ value: tier, label: t(`vendors.tiers.${tier}`) }))}
                  {...form.getInputProps(`policy.${k}`)}
                />
              ))}
            </SimpleGrid>
          </Section>

          {form.errors.policy && <Alert color="red">{form.errors.policy}</Alert>}
          {editable && (
            <Group justify="flex-end" gap="sm">
              <Button
                variant="default"
                color="red"
                disabled={data.is_default || busy}
                loading={reset.isPending}
                onClick={() =>
                  confirmAction({
                    title: t('riskPolicy.resetTitle'),
                    message: t('riskPolicy.resetMessage'),
                    confirmLabel: t('riskPolicy.reset'),
                    danger: true,
                    onConfirm: () => reset.mutate({ body: { version: data.version, policy: null } }),
                  })
                }
              >
                {t('riskPolicy.reset')}
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty() || busy}>
                {t('riskPolicy.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

export function RiskPolicyPage() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const policy = useQuery(riskPolicyGetRiskPolicyOptions());
  const [reloaded, setReloaded] = useState(false);

  return (
    <>
      <PageHeader
        title={t('riskPolicy.title')}
        description={t('riskPolicy.subtitle')}
        actions={
          policy.data?.is_default ? (
            <ToneBadge tone="neutral" size="lg" data-testid="default-badge">
              {t('riskPolicy.defaultBadge')}
            </ToneBadge>
          ) : undefined
        }
      />
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          <Alert color="blue" title={t('riskPolicy.howTitle')}>
            {t('riskPolicy.how')}
          </Alert>
          {!isAdmin && <Alert color="gray">{t('riskPolicy.readOnly')}</Alert>}
          {reloaded && (
            <Alert color="yellow" withCloseButton onClose={() => setReloaded(false)}>
              {t('riskPolicy.reloaded')}
            </Alert>
          )}
          {policy.error ? (
            <QueryError error={policy.error} onRetry={() => void policy.refetch()} />
          ) : !policy.data ? (
            <Stack>
              <Skeleton height={36} />
              <Skeleton height={36} />
              <Skeleton height={36} />
            </Stack>
          ) : (
            <RiskPolicyForm
              key={policy.data.version}
              data={policy.data}
              editable={isAdmin}
              onStale={() => {
                setReloaded(true);
                void policy.refetch();
              }}
            />
          )}
        </Stack>
      </Paper>
    </>
  );
}
