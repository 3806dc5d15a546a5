import { Alert, Button, Group, Paper, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  organizationGetOrganizationOptions,
  organizationGetOrganizationQueryKey,
  organizationUpdateOrganizationMutation,
} from '../../client/@tanstack/react-query.gen';
import { Jurisdiction, type OrganizationRead, TwoFactorPolicy } from '../../client/types.gen';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { enumValues } from '../../lib/enums';
import { asApiError, errorMessage } from '../../lib/errors';
import { timeZones, useFormat } from '../../lib/format';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';
import { meQuery, useIsAdmin } from '../../lib/session';

const JURISDICTIONS = enumValues(Jurisdiction);
const FIELDS = ['name', 'time_zone', 'jurisdiction', 'two_factor_required'] as const;
const TWO_FACTOR = enumValues(TwoFactorPolicy);

function OrganizationForm({ org, editable, onStale }: { org: OrganizationRead; editable: boolean; onStale: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const zones = useMemo(() => timeZones(), []);
  const form = useForm({
    initialValues: {
      name: org.name,
      time_zone: org.time_zone,
      jurisdiction: org.jurisdiction as string,
      two_factor_required: org.two_factor_required as string,
    },
    validate: {
      name: (v) => (!v.trim() ? t('validation.required') : v.length > 200 ? t('validation.maxLength', { max: 200 }) : null),
      time_zone: (v) => (zones.includes(v) ? null : t('validation.timeZone')),
      jurisdiction: (v) => (JURISDICTIONS.includes(v as Jurisdiction) ? null : t('validation.choose')),
    },
  });
  const save = useMutation({
    ...organizationUpdateOrganizationMutation(),
    meta: { handlesErrors: true },
    onSuccess: (updated) => {
      queryClient.setQueryData(organizationGetOrganizationQueryKey(), updated);
      void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      void invalidateOperations(queryClient, 'auditEventsListAuditEvents');
      notifySuccess(t('organization.saved'));
    },
    onError: (err) => {
      if (applyApiFieldErrors(form, err, t, FIELDS)) return;
      if (asApiError(err).error === 'two_factor_needed_first') {
        form.setFieldError('two_factor_required', errorMessage(t, err));
        return;
      }
      notifyError(err);
      if (asApiError(err).error === 'stale_version') onStale();
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        save.mutate({
          body: {
            version: org.version,
            name: v.name.trim(),
            time_zone: v.time_zone,
            jurisdiction: v.jurisdiction as Jurisdiction,
            two_factor_required: v.two_factor_required as TwoFactorPolicy,
          },
        }),
      )}
    >
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="md" maw={560}>
          <TextInput label={t('organization.name')} required {...form.getInputProps('name')} />
          <Select
            label={t('organization.timeZone')}
            description={t('organization.timeZoneHint')}
            required
            searchable
            allowDeselect={false}
            limit={60}
            data={zones}
            {...form.getInputProps('time_zone')}
          />
          <Select
            label={t('organization.jurisdiction')}
            description={t('organization.jurisdictionHint')}
            required
            allowDeselect={false}
            data={JURISDICTIONS.map((j) => ({ value: j, label: t(`jurisdictions.${j}`) }))}
            {...form.getInputProps('jurisdiction')}
          />
          <Select
            label={t('organization.twoFactor')}
            description={t('organization.twoFactorHint')}
            required
            allowDeselect={false}
            data={TWO_FACTOR.map((p) => ({ value: p, label: t(`organization.twoFactorPolicies.${p}`) }))}
            {...form.getInputProps('two_factor_required')}
          />
          <Group justify="space-between" mt="xs">
            <Text size="xs" c="dimmed">
              {t('organization.updatedAt', { date: f.dateTime(org.updated_at) })}
            </Text>
            {editable && (
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                {t('common.save')}
              </Button>
            )}
          </Group>
        </Stack>
      </fieldset>
    </form>
  );
}

export function OrganizationPage() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const org = useQuery(organizationGetOrganizationOptions());
  const [reloaded, setReloaded] = useState(false);

  return (
    <>
      <PageHeader title={t('organization.title')} description={t('organization.subtitle')} />
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          {!isAdmin && <Alert color="gray">{t('organization.readOnly')}</Alert>}
          {reloaded && (
            <Alert color="yellow" withCloseButton onClose={() => setReloaded(false)}>
              {t('organization.reloaded')}
            </Alert>
          )}
          {org.error ? (
            <QueryError error={org.error} onRetry={() => void org.refetch()} />
          ) : !org.data ? (
            <Stack maw={560}>
              <Skeleton height={36} />
              <Skeleton height={36} />
              <Skeleton height={36} />
            </Stack>
          ) : (
            <OrganizationForm
              key={org.data.version}
              org={org.data}
              editable={isAdmin}
              onStale={() => {
                setReloaded(true);
                void org.refetch();
              }}
            />
          )}
        </Stack>
      </Paper>
    </>
  );
}
