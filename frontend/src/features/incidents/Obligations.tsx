import { Alert, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCircleDashed, IconAlertTriangle, IconMinus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { incidentsUpdateIncidentObligationMutation } from '../../client/@tanstack/react-query.gen';
import type { IncidentObligationRead, IncidentRead, ObligationStatus, VendorNoticeRead } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { DaysLeft } from '../../components/DaysLeft';
import { ToneBadge, type Tone } from '../../components/TierBadge';
import { textIn } from '../../lib/bilingual';
import { asApiError } from '../../lib/errors';
import { instantOfWallTime, useFormat, wallTimeInZone } from '../../lib/format';
import { label } from '../../lib/labels';
import { notifyError, notifySuccess } from '../../lib/notify';
import { groupObligations } from './obligations';
import { useDue } from './parts';

const STATUS_TONES: Record<ObligationStatus, Tone> = { pending: 'info', done: 'low', overdue: 'critical', not_required: 'neutral' };
const STATUS_ICONS = {
  pending: <IconCircleDashed size={16} />,
  done: <IconCheck size={16} />,
  overdue: <IconAlertTriangle size={16} />,
  not_required: <IconMinus size={16} />,
};
const ICON_COLORS: Record<ObligationStatus, string> = { pending: 'navy', done: 'teal', overdue: 'red', not_required: 'gray' };

type Dialog = { mode: 'done' | 'waive'; obligation: IncidentObligationRead } | null;

/** The obligations as a checklist: ours, then the vendor's notice to us, each with its deadline, reason and basis. */
export function Obligations({ incident, canEdit, onChanged, onStale }: { incident: IncidentRead; canEdit: boolean; onChanged: (i: IncidentRead) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const groups = groupObligations(incident.obligations);
  const update = useMutation({
    ...incidentsUpdateIncidentObligationMutation(),
    meta: { handlesErrors: true },
    onError: (err) => {
      if (asApiError(err).status === 409) {
        notifyError(err);
        onStale();
      } else notifyError(err);
    },
  });
  const send = (o: IncidentObligationRead, body: { done_at?: string | null; reference?: string | null; note?: string | null; waived_reason?: string | null }) =>
    update.mutate(
      { path: { incident_id: incident.id, obligation_id: o.id }, body: { version: o.version, ...body } },
      {
        onSuccess: (next) => {
          setDialog(null);
          notifySuccess(t('incidents.obligations.saved', { kind: t(`incidents.kinds.${o.kind}`) }));
          onChanged(next);
        },
      },
    );
  const undo = (o: IncidentObligationRead) =>
    confirmAction({
      title: t('incidents.obligations.undoTitle', { kind: t(`incidents.kinds.${o.kind}`) }),
      message: t('incidents.obligations.undoBody'),
      confirmLabel: t('incidents.obligations.undo'),
      onConfirm: () => send(o, { done_at: null, reference: null, note: null, waived_reason: null }),
    });

  return (
    <Stack gap="lg" data-testid="obligations">
      {incident.obligations.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('incidents.obligations.empty')}
        </Text>
      )}
      {groups.principal.length > 0 && (
        <Stack gap="xs" data-testid="obligations-principal">
          <Title order={2} fz="lg">
            {t('incidents.obligations.ours')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('incidents.obligations.oursHint')}
          </Text>
          {groups.principal.map((o) => (
            <ObligationRow
              key={o.id}
              o={o}
              actions={
                canEdit && (
                  <Group gap="xs">
                    {o.done_at || o.waived_reason ? (
                      <Button size="xs" variant="default" onClick={() => undo(o)} loading={update.isPending && update.variables?.path.obligation_id === o.id}>
                        {t('incidents.obligations.undo')}
                      </Button>
                    ) : (
                      <>
                        <Button size="xs" leftSection={<IconCheck size={14} />} onClick={() => setDialog({ mode: 'done', obligation: o })}>
                          {t('incidents.obligations.markDone')}
                        </Button>
                        <Button size="xs" variant="default" onClick={() => setDialog({ mode: 'waive', obligation: o })}>
                          {t('incidents.obligations.markNotRequired')}
                        </Button>
                      </>
                    )}
                  </Group>
                )
              }
            />
          ))}
        </Stack>
      )}
      {(groups.vendor.length > 0 || incident.vendor_notice) && (
        <Stack gap="xs" data-testid="obligations-vendor">
          <Title order={2} fz="lg">
            {t('incidents.obligations.vendor')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('incidents.obligations.vendorHint')}
          </Text>
          {groups.vendor.map((o) => (
            <ObligationRow key={o.id} o={o} />
          ))}
          {incident.vendor_notice && <VendorNotice notice={incident.vendor_notice} contactPoint={incident.vendor_contact_point} />}
        </Stack>
      )}
      {dialog && (
        <ObligationDialog
          dialog={dialog}
          pending={update.isPending}
          onClose={() => setDialog(null)}
          onSubmit={(body) => send(dialog.obligation, body)}
        />
      )}
    </Stack>
  );
}

function ObligationRow({ o, actions }: { o: IncidentObligationRead; actions?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const due = useDue();
  const open = o.status === 'pending' || o.status === 'overdue';
  return (
    <Paper withBorder radius="md" p="md" data-testid="obligation" data-kind={o.kind} data-status={o.status} data-jurisdiction={o.jurisdiction}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Group align="flex-start" wrap="nowrap" gap="sm" style={{ minWidth: 0 }}>
          <ThemeIcon variant="light" color={ICON_COLORS[o.status]} radius="xl" size={28} aria-hidden>
            {STATUS_ICONS[o.status]}
          </ThemeIcon>
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Text fw={600} size="sm" data-testid="obligation-kind">
                {t(`incidents.kinds.${o.kind}`)}
              </Text>
              <ToneBadge tone={STATUS_TONES[o.status]} size="sm" data-testid="obligation-status">
                {t(`incidents.obligations.statuses.${o.status}`)}
              </ToneBadge>
              {o.jurisdiction !== 'JP-APPI' && (
                <Badge variant="light" color="gray" size="xs">
                  {label(t, 'jurisdictions', o.jurisdiction)}
                </Badge>
              )}
            </Group>
            <Group gap="md" wrap="wrap">
              {o.due_date || o.due_at ? (
                <Group gap={6} wrap="nowrap">
                  <Text size="sm">
                    {t('incidents.obligations.due')}{' '}
                    <Text span fw={600} data-testid="obligation-due" data-due-date={o.due_date ?? ''}>
                      {due(o)}
                    </Text>
                  </Text>
                  {open && <DaysLeft days={o.days_left} overdue={o.status === 'overdue'} />}
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('incidents.obligations.noDueDays')}
                </Text>
              )}
              {o.target_date && (
                <Text size="sm" c="dimmed" data-testid="obligation-target">
                  {t('incidents.obligations.target')} {f.day(o.target_date)}
                </Text>
              )}
            </Group>
            {o.done_at && (
              <Text size="sm" data-testid="obligation-done">
                {t('incidents.obligations.doneOn', { at: f.dateTime(o.done_at) })}
                {o.reference && <> ・ {t('incidents.obligations.reference', { reference: o.reference })}</>}
              </Text>
            )}
            {o.note && (
              <Text size="sm" c="dimmed">
                {t('incidents.obligations.note', { note: o.note })}
              </Text>
            )}
            {o.waived_reason && <Text size="sm">{t('incidents.obligations.waived', { reason: o.waived_reason })}</Text>}
            {o.not_required_reason && !o.waived_reason && (
              <Text size="sm">{t('incidents.obligations.notRequiredByRules', { reason: textIn(o.not_required_reason, i18n.language) })}</Text>
            )}
            <Text size="sm" c="dimmed" data-testid="obligation-reason">
              {textIn(o.reason, i18n.language)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('incidents.obligations.legalBasis')}: {textIn(o.legal_basis, i18n.language)}
            </Text>
          </Stack>
        </Group>
        {actions}
      </Group>
    </Paper>
  );
}

function VendorNotice({ notice, contactPoint }: { notice: VendorNoticeRead; contactPoint: string | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const none = t('incidents.vendorNotice.unknown');
  const verdict =
    notice.met === true ? (
      <ToneBadge tone="low">{t('incidents.vendorNotice.met')}</ToneBadge>
    ) : notice.met === false ? (
      <ToneBadge tone="critical">{t('incidents.vendorNotice.notMet')}</ToneBadge>
    ) : (
      <ToneBadge tone="neutral">{t('incidents.vendorNotice.undecided')}</ToneBadge>
    );
  const fact = (term: string, value: ReactNode) => (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {term}
      </Text>
      <Text size="sm" component="div">
        {value}
      </Text>
    </div>
  );
  return (
    <Paper withBorder radius="md" p="md" data-testid="vendor-notice" data-met={String(notice.met)}>
      <Group justify="space-between" mb="sm">
        <Text fw={600} size="sm">
          {t('incidents.vendorNotice.title')}
        </Text>
        {verdict}
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="md">
        {fact(
          t('incidents.vendorNotice.contractHours'),
          notice.contract_hours === null ? t('incidents.vendorNotice.contractNone') : t('incidents.vendorNotice.contractHoursValue', { count: notice.contract_hours }),
        )}
        {fact(t('incidents.vendorNotice.discovered'), notice.discovered_at ? f.dateTime(notice.discovered_at) : none)}
        {fact(t('incidents.vendorNotice.due'), notice.due_at ? f.dateTime(notice.due_at) : none)}
        {fact(t('incidents.vendorNotice.notified'), notice.notified_at ? f.dateTime(notice.notified_at) : none)}
        {fact(
          t('incidents.vendorNotice.taken'),
          notice.hours_taken === null ? none : t('incidents.vendorNotice.takenValue', { hours: f.number(notice.hours_taken) }),
        )}
      </SimpleGrid>
      {contactPoint && (
        <Text size="sm" mt="sm">
          {t('incidents.vendorNotice.contactPoint')}: {contactPoint}
        </Text>
      )}
    </Paper>
  );
}

type DialogValues = { done_at: string; reference: string; note: string; waived_reason: string };

function ObligationDialog({
  dialog,
  pending,
  onClose,
  onSubmit,
}: {
  dialog: NonNullable<Dialog>;
  pending: boolean;
  onClose: () => void;
  onSubmit: (body: { done_at?: string | null; reference?: string | null; note?: string | null; waived_reason?: string | null }) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const kind = t(`incidents.kinds.${dialog.obligation.kind}`);
  const form = useForm<DialogValues>({
    initialValues: { done_at: wallTimeInZone(new Date(), f.timeZone), reference: '', note: '', waived_reason: '' },
    validate: {
      done_at: (v) => {
        if (dialog.mode !== 'done') return null;
        const at = instantOfWallTime(v, f.timeZone);
        if (!at) return t('validation.required');
        return Date.parse(at) > Date.now() + 10 * 60_000 ? t('incidents.form.times.in_future') : null;
      },
      waived_reason: (v) => (dialog.mode === 'waive' && !v.trim() ? t('validation.required') : null),
    },
  });
  const submit = (v: DialogValues) =>
    dialog.mode === 'done'
      ? onSubmit({ done_at: instantOfWallTime(v.done_at, f.timeZone), reference: v.reference.trim() || null, note: v.note.trim() || null })
      : onSubmit({ waived_reason: v.waived_reason.trim(), note: v.note.trim() || null });
  return (
    <Modal
      opened
      onClose={onClose}
      title={dialog.mode === 'done' ? t('incidents.obligations.doneTitle', { kind }) : t('incidents.obligations.waiveTitle', { kind })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      size="lg"
    >
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Stack gap="md">
          {dialog.mode === 'done' ? (
            <>
              <TextInput
                type="datetime-local"
                label={t('incidents.obligations.doneAt')}
                description={t('incidents.form.dateTime', { zone: f.timeZone })}
                withAsterisk
                {...form.getInputProps('done_at')}
              />
              <TextInput
                label={t('incidents.obligations.referenceLabel')}
                description={t('incidents.obligations.referenceHint')}
                maxLength={200}
                {...form.getInputProps('reference')}
              />
            </>
          ) : (
            <>
              <Alert color="gray" variant="light">
                {t('incidents.obligations.waiveHint')}
              </Alert>
              <Textarea label={t('incidents.obligations.waiveReason')} withAsterisk autosize minRows={3} maxLength={2000} {...form.getInputProps('waived_reason')} />
            </>
          )}
          <Textarea label={t('incidents.obligations.noteLabel')} autosize minRows={2} maxLength={5000} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {dialog.mode === 'done' ? t('incidents.obligations.markDone') : t('incidents.obligations.markNotRequired')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
