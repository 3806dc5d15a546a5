import { Button, Group, Paper, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { incidentsUpdateIncidentMutation } from '../../client/@tanstack/react-query.gen';
import type { IncidentRead } from '../../client/types.gen';
import { asApiError } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { applyIncidentErrors, checkFacts, factsOf, factsPatch, type FactValues } from './facts';
import { FactFields, ReferenceFields } from './FactFields';
import { deadlineChanges, type DeadlineChange } from './obligations';

/**
 * The facts as they become known. Saving sends only what changed, with the version read; the API recomputes the
 * obligations, and what that did to the deadlines is said right here.
 */
export function FactsEditor({ incident, readOnly, onSaved, onStale }: { incident: IncidentRead; readOnly: boolean; onSaved: (i: IncidentRead, changes: DeadlineChange[]) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const initial = factsOf(incident, f.timeZone);
  const form = useForm<FactValues>({
    initialValues: initial,
    validate: (v) => ({ ...checkFacts(t, v, f.timeZone, new Date()), ...(v.title.trim() ? {} : { title: t('validation.required') }) }),
  });
  const update = useMutation({
    ...incidentsUpdateIncidentMutation(),
    meta: { handlesErrors: true },
    onError: (err) => {
      const e = asApiError(err);
      if (e.status === 409 && e.error === 'stale_version') {
        notifyError(err);
        onStale();
      } else if (!applyIncidentErrors(form, err, t)) notifyError(err);
    },
  });
  const submit = (v: FactValues) => {
    const patch = factsPatch(initial, v, f.timeZone);
    if (Object.keys(patch).length === 0) {
      notifySuccess(t('incidents.form.noChanges'));
      return;
    }
    const { aware_at, ...rest } = patch;
    update.mutate(
      { path: { incident_id: incident.id }, body: { version: incident.version, ...rest, ...(aware_at ? { aware_at } : {}) } },
      {
        onSuccess: (next) => {
          notifySuccess(t('incidents.form.saved'));
          onSaved(next, deadlineChanges(incident.obligations, next.obligations));
        },
      },
    );
  };
  return (
    <form noValidate onSubmit={form.onSubmit(submit)}>
        <Paper withBorder radius="md" p="md">
          <Stack gap="md">
            <TextInput label={t('incidents.fields.title')} withAsterisk maxLength={300} readOnly={readOnly} {...form.getInputProps('title')} />
            <ReferenceFields form={form} vendorId={incident.vendor_id} readOnly={readOnly} />
            <FactFields form={form} withReport readOnly={readOnly} />
            {!readOnly && (
              <Group justify="flex-end">
                <Button type="submit" loading={update.isPending}>
                  {t('incidents.form.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      </form>
  );
}
