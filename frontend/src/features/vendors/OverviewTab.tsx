import { Alert, Anchor, Button, Checkbox, Divider, Group, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAdjustments, IconArrowRight, IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  usersListUsersOptions,
  vendorsOverrideVendorTierMutation,
  vendorsUpdateVendorMutation,
} from '../../client/@tanstack/react-query.gen';
import type { VendorRead, VendorStatus } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { TierBadge, ToneBadge } from '../../components/TierBadge';
import { asApiError } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { useRefreshVendors } from './refresh';
import { TierOverrideForm } from './TierOverrideForm';
import { TierReasons } from './TierReasons';
import { VendorForm } from './VendorForm';
import { CRITICALITY, STATUS_TONES } from './vocabulary';

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {term}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

export function OverviewTab({ vendor, onReload }: { vendor: VendorRead; onReload: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const refresh = useRefreshVendors();
  const [dialog, setDialog] = useState<'edit' | 'override' | null>(null);
  const people = useQuery(usersListUsersOptions({ query: { size: 100, sort: 'name' } }));
  const owner = people.data?.items.find((p) => p.id === vendor.owner_user_id);
  const none = t('common.none');

  const onError = (err: unknown) => {
    notifyError(err);
    if (asApiError(err).error === 'stale_version') onReload();
  };
  const update = useMutation({ ...vendorsUpdateVendorMutation(), meta: { handlesErrors: true }, onError });
  const override = useMutation({ ...vendorsOverrideVendorTierMutation(), meta: { handlesErrors: true }, onError });

  const moveTo = (status: VendorStatus) =>
    confirmAction({
      title: t('vendors.overview.statusChangeTitle', { status: t(`vendors.statuses.${status}`) }),
      message: t('vendors.overview.statusChangeBody', {
        name: vendor.name,
        from: t(`vendors.statuses.${vendor.status}`),
        to: t(`vendors.statuses.${status}`),
      }),
      confirmLabel: t(`vendors.statuses.${status}`),
      danger: status === 'terminated' || status === 'suspended',
      onConfirm: () =>
        update.mutate(
          { path: { vendor_id: vendor.id }, body: { version: vendor.version, status } },
          {
            onSuccess: () => {
              notifySuccess(t('vendors.overview.statusChanged', { status: t(`vendors.statuses.${status}`) }));
              void refresh();
            },
          },
        ),
    });

  const setCriticality = (key: (typeof CRITICALITY)[number], value: boolean) =>
    update.mutate(
      { path: { vendor_id: vendor.id }, body: { version: vendor.version, [key]: value } },
      {
        onSuccess: () => {
          notifySuccess(t('vendors.overview.criticalitySaved'));
          void refresh();
        },
      },
    );

  const removeOverride = () =>
    confirmAction({
      title: t('vendors.overview.removeOverrideTitle'),
      message: t('vendors.overview.removeOverrideBody', { tier: t(`vendors.tiers.${vendor.computed_tier}`) }),
      confirmLabel: t('vendors.overview.removeOverride'),
      onConfirm: () =>
        override.mutate(
          { path: { vendor_id: vendor.id }, body: { version: vendor.version, tier: null } },
          {
            onSuccess: () => {
              notifySuccess(t('vendors.overview.overrideRemoved'));
              void refresh();
            },
          },
        ),
    });

  const yesCriticality = CRITICALITY.filter((k) => vendor[k]);

  return (
    <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
      <Stack gap="md" style={{ gridColumn: 'span 2' }}>
        <Paper withBorder radius="md" p="md" data-testid="tier-card">
          <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
            <Stack gap={4}>
              <Title order={2} fz="lg">
                {t('vendors.overview.tierTitle')}
              </Title>
              <Group gap="sm">
                <TierBadge tier={vendor.tier} size="xl" />
                <Text size="sm" c="dimmed">
                  {t('vendors.overview.score', { score: vendor.tier_score })}
                </Text>
              </Group>
            </Stack>
            {canEdit && (
              <Group gap="xs">
                {vendor.tier_overridden && (
                  <Button variant="subtle" size="xs" loading={override.isPending} onClick={removeOverride}>
                    {t('vendors.overview.removeOverride')}
                  </Button>
                )}
                <Button variant="default" size="xs" leftSection={<IconAdjustments size={14} />} onClick={() => setDialog('override')}>
                  {t('vendors.overview.overrideButton')}
                </Button>
              </Group>
            )}
          </Group>
          {vendor.tier_overridden && (
            <Alert color="gray" variant="light" mb="sm" p="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <Item term={t('vendors.overview.computed')}>
                  <TierBadge tier={vendor.computed_tier} />
                </Item>
                <Item term={t('vendors.overview.override')}>
                  <TierBadge tier={vendor.tier} />
                </Item>
                <Item term={t('vendors.overview.overrideReason')}>{vendor.tier_override_reason ?? none}</Item>
              </SimpleGrid>
            </Alert>
          )}
          <Text size="sm" fw={600} mb={6}>
            {t('vendors.overview.reasonsTitle')}
          </Text>
          <TierReasons reasons={vendor.tier_reasons} />
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Group justify="space-between" mb="sm">
            <Title order={2} fz="lg">
              {t('vendors.overview.detailsTitle')}
            </Title>
            {canEdit && (
              <Button variant="default" size="xs" leftSection={<IconPencil size={14} />} onClick={() => setDialog('edit')}>
                {t('vendors.overview.edit')}
              </Button>
            )}
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Item term={t('vendors.form.name')}>{vendor.name}</Item>
            <Item term={t('vendors.form.nameKana')}>{vendor.name_kana ?? none}</Item>
            <Item term={t('vendors.form.corporateNumber')}>
              {vendor.corporate_number ? <span className="mono">{vendor.corporate_number}</span> : none}
            </Item>
            <Item term={t('vendors.form.country')}>{vendor.country}</Item>
            <Item term={t('vendors.form.address')}>{vendor.address ?? none}</Item>
            <Item term={t('vendors.form.website')}>
              {vendor.website ? (
                <Anchor href={vendor.website} target="_blank" rel="noopener noreferrer" size="sm">
                  {vendor.website}
                </Anchor>
              ) : (
                none
              )}
            </Item>
            <Item term={t('vendors.form.owner')}>{owner?.name ?? (vendor.owner_user_id ? '' : t('vendors.overview.noOwner'))}</Item>
            <Item term={t('vendors.overview.createdAt')}>{f.date(vendor.created_at)}</Item>
          </SimpleGrid>
          <Divider my="sm" />
          <Item term={t('vendors.form.notes')}>{vendor.notes ?? none}</Item>
        </Paper>
      </Stack>

      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <Title order={2} fz="lg" mb="sm">
            {t('vendors.overview.statusTitle')}
          </Title>
          <ToneBadge tone={STATUS_TONES[vendor.status]} size="lg" mb="sm">
            {t(`vendors.statuses.${vendor.status}`)}
          </ToneBadge>
          {vendor.allowed_status_transitions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('vendors.overview.noTransitions')}
            </Text>
          ) : (
            canEdit && (
              <>
                <Text size="xs" c="dimmed" fw={500} mb={4}>
                  {t('vendors.overview.moveTo')}
                </Text>
                <Group gap="xs">
                  {vendor.allowed_status_transitions.map((s) => (
                    <Button
                      key={s}
                      size="xs"
                      variant={s === 'terminated' || s === 'suspended' ? 'subtle' : 'light'}
                      color={s === 'terminated' || s === 'suspended' ? 'red' : undefined}
                      leftSection={<IconArrowRight size={14} />}
                      onClick={() => moveTo(s)}
                    >
                      {t(`vendors.statuses.${s}`)}
                    </Button>
                  ))}
                </Group>
              </>
            )
          )}
          <Text size="xs" c="dimmed" mt="sm">
            {t('vendors.overview.updatedAt')} {f.dateTime(vendor.updated_at)}
          </Text>
        </Paper>

        <Paper withBorder radius="md" p="md" data-testid="star-card">
          <Title order={2} fz="md" mb={4}>
            {t('vendors.overview.starTitle')}
          </Title>
          <Text fz={28} fw={700} c="navy.9" lh={1.2}>
            {t('vendors.overview.star', { star: vendor.required_star })}
          </Text>
          <Text size="xs" c="dimmed" mb="sm">
            {vendor.required_star === 4 ? t('vendors.overview.star4Hint') : t('vendors.overview.star3Hint')}
          </Text>
          <Text size="sm" fw={600} mb={6}>
            {t('vendors.overview.criticalityTitle')}
          </Text>
          <Stack gap="xs">
            {CRITICALITY.map((k) => (
              <Checkbox
                key={k}
                label={t(`vendors.overview.${k}`)}
                checked={vendor[k]}
                disabled={!canEdit || update.isPending}
                onChange={(e) => setCriticality(k, e.currentTarget.checked)}
                fw={yesCriticality.includes(k) ? 500 : undefined}
              />
            ))}
          </Stack>
        </Paper>
      </Stack>

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        size={dialog === 'edit' ? 'xl' : 'md'}
        title={dialog === 'edit' ? t('vendors.overview.editTitle') : t('vendors.overview.overrideTitle')}
      >
        {dialog === 'edit' && (
          <VendorForm
            vendor={vendor}
            owners={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            onCancel={() => setDialog(null)}
            onStale={() => {
              setDialog(null);
              onReload();
            }}
            onSaved={() => {
              setDialog(null);
              notifySuccess(t('vendors.overview.saved'));
              void refresh();
            }}
          />
        )}
        {dialog === 'override' && (
          <TierOverrideForm
            vendor={vendor}
            onCancel={() => setDialog(null)}
            onStale={() => {
              setDialog(null);
              onReload();
            }}
            onSaved={(v) => {
              setDialog(null);
              notifySuccess(t('vendors.overview.overrideSet', { tier: t(`vendors.tiers.${v.tier}`) }));
              void refresh();
            }}
          />
        )}
      </Modal>
    </SimpleGrid>
  );
}
