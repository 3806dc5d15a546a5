import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { vendorsCreateSubcontractorMutation } from '../../client/@tanstack/react-query.gen';
import { ApprovalStatus } from '../../client/types.gen';
import { DayInput } from '../../components/DayInput';
import { VendorSelect } from '../../components/VendorSelect';
import { enumValues } from '../../lib/enums';
import { asApiError, errorMessage } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../lib/notify';

const APPROVALS = enumValues(ApprovalStatus);

/** Link another vendor of the register as a subcontractor of this one. */
export function SubcontractForm({ vendorId, onSaved, onCancel }: { vendorId: string; onSaved: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const form = useForm<{ subcontractor_id: string | null; work: string; approval_status: ApprovalStatus; approval_date: string | null }>({
    initialValues: { subcontractor_id: null, work: '', approval_status: 'requested', approval_date: null },
    validate: {
      subcontractor_id: (v) => (v ? null : t('validation.choose')),
      work: (v) => (!v.trim() ? t('validation.required') : v.length > 300 ? t('validation.maxLength', { max: 300 }) : null),
    },
  });
  const create = useMutation({
    ...vendorsCreateSubcontractorMutation(),
    meta: { handlesErrors: true },
    onSuccess: onSaved,
    onError: (err) => {
      const code = asApiError(err).error;
      if (code === 'subcontract_cycle' || code === 'subcontract_exists') form.setFieldError('subcontractor_id', errorMessage(t, err));
      else if (!applyApiFieldErrors(form, err, t, ['subcontractor_id', 'work', 'approval_status', 'approval_date'])) notifyError(err);
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        create.mutate({
          path: { vendor_id: vendorId },
          body: {
            subcontractor_id: v.subcontractor_id ?? '',
            work: v.work.trim(),
            approval_status: v.approval_status,
            approval_date: v.approval_status === 'requested' ? null : v.approval_date,
          },
        }),
      )}
    >
      <Stack gap="md">
        <VendorSelect
          label={t('vendors.subcontractors.subcontractor')}
          description={t('vendors.subcontractors.subcontractorHint')}
          required
          data-autofocus
          exclude={vendorId}
          {...form.getInputProps('subcontractor_id')}
        />
        <TextInput label={t('vendors.subcontractors.work')} required {...form.getInputProps('work')} />
        <Group grow align="flex-start">
          <Select
            label={t('vendors.subcontractors.approvalStatus')}
            allowDeselect={false}
            data={APPROVALS.map((a) => ({ value: a, label: t(`vendors.approvalStatuses.${a}`) }))}
            {...form.getInputProps('approval_status')}
            onChange={(v) => {
              form.setFieldValue('approval_status', (v as ApprovalStatus) ?? 'requested');
              if (v !== 'requested' && !form.values.approval_date) form.setFieldValue('approval_date', f.today());
            }}
          />
          {form.values.approval_status !== 'requested' && (
            <DayInput label={t('vendors.subcontractors.approvalDate')} {...form.getInputProps('approval_date')} />
          )}
        </Group>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('vendors.subcontractors.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
