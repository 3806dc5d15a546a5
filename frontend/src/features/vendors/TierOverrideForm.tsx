import { Button, Group, Select, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { vendorsOverrideVendorTierMutation } from '../../client/@tanstack/react-query.gen';
import type { Tier, VendorRead } from '../../client/types.gen';
import { TIERS } from '../../components/TierBadge';
import { asApiError } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError } from '../../lib/notify';

/** A manual tier always comes with a reason, which the tier history keeps. */
export function TierOverrideForm({
  vendor,
  onSaved,
  onCancel,
  onStale,
}: {
  vendor: VendorRead;
  onSaved: (v: VendorRead) => void;
  onCancel: () => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<{ tier: Tier | null; reason: string }>({
    initialValues: { tier: vendor.tier, reason: vendor.tier_override_reason ?? '' },
    validate: {
      tier: (v) => (v ? null : t('validation.choose')),
      reason: (v) => (!v.trim() ? t('validation.required') : v.length > 2000 ? t('validation.maxLength', { max: 2000 }) : null),
    },
  });
  const save = useMutation({
    ...vendorsOverrideVendorTierMutation(),
    meta: { handlesErrors: true },
    onSuccess: onSaved,
    onError: (err) => {
      const e = asApiError(err);
      if (e.error === 'override_reason_required') form.setFieldError('reason', t('validation.required'));
      else if (e.error === 'stale_version') {
        notifyError(err);
        onStale();
      } else if (!applyApiFieldErrors(form, err, t, ['tier', 'reason'])) notifyError(err);
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        save.mutate({ path: { vendor_id: vendor.id }, body: { version: vendor.version, tier: v.tier, reason: v.reason.trim() } }),
      )}
    >
      <Stack gap="md">
        <Select
          label={t('vendors.overview.overrideTier')}
          required
          allowDeselect={false}
          data={TIERS.map((tier) => ({
            value: tier,
            label: `${t(`vendors.tiers.${tier}`)}${tier === vendor.computed_tier ? ` (${t('vendors.overview.computed')})` : ''}`,
          }))}
          {...form.getInputProps('tier')}
        />
        <Textarea
          label={t('vendors.overview.overrideReasonLabel')}
          description={t('vendors.overview.overrideReasonHint')}
          required
          autosize
          minRows={3}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('vendors.overview.overrideSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
