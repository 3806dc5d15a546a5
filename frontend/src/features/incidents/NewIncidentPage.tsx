import { Button, Group, Paper, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { incidentsCreateIncidentMutation } from '../../client/@tanstack/react-query.gen';
import { BackLink } from '../../components/DetailParts';
import { PageHeader } from '../../components/PageHeader';
import { VendorSelect } from '../../components/VendorSelect';
import { useFormat } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { applyIncidentErrors, checkFacts, emptyFacts, factsBody, type FactValues } from './facts';
import { FactFields, ReferenceFields } from './FactFields';
import { useRefreshIncidents } from './refresh';

const route = getRouteApi('/_app/incidents/new');

/** Register an incident at a vendor, already when it is only suspected. */
export function NewIncidentPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const refresh = useRefreshIncidents();
  const [vendorId, setVendorId] = useState<string | null>(search.vendor ?? null);
  const [vendorError, setVendorError] = useState<string | null>(null);
  const form = useForm<FactValues>({
    initialValues: emptyFacts(new Date(), f.timeZone),
    validate: (v) => ({
      ...checkFacts(t, v, f.timeZone, new Date()),
      ...(v.title.trim() ? {} : { title: t('validation.required') }),
    }),
  });
  const create = useMutation({
    ...incidentsCreateIncidentMutation(),
    meta: { handlesErrors: true },
    onError: (err) => {
      if (!applyIncidentErrors(form, err, t)) notifyError(err);
    },
    onSuccess: (incident) => {
      notifySuccess(t('incidents.create.created', { title: incident.title }));
      void refresh();
      void navigate({ to: '/incidents/$incidentId', params: { incidentId: incident.id } });
    },
  });

  const submit = (v: FactValues) => {
    if (!vendorId) {
      setVendorError(t('validation.required'));
      return;
    }
    const { aware_at, contract_id, ...rest } = factsBody(v, f.timeZone);
    create.mutate({
      body: { ...rest, vendor_id: vendorId, aware_at: aware_at ?? new Date().toISOString(), ...(contract_id ? { contract_id } : {}) },
    });
  };

  return (
    <>
      <BackLink to="/incidents">{t('incidents.backToList')}</BackLink>
      <PageHeader title={t('incidents.create.title')} description={t('incidents.create.subtitle')} />
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Paper withBorder radius="md" p="md">
          <Stack gap="md">
            <VendorSelect
              label={t('incidents.fields.vendor_id')}
              withAsterisk
              value={vendorId}
              error={vendorError}
              onChange={(v) => {
                setVendorId(v);
                setVendorError(null);
                form.setFieldValue('processing_ids', []);
                form.setFieldValue('contract_id', null);
              }}
              maw={480}
            />
            <ReferenceFields form={form} vendorId={vendorId} />
            <TextInput label={t('incidents.fields.title')} withAsterisk maxLength={300} {...form.getInputProps('title')} />
            <FactFields form={form} />
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending}>
                {t('incidents.create.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </form>
    </>
  );
}
