import { Badge, Button, Group, Paper, Skeleton, Stack, Text, Textarea, Timeline as MantineTimeline, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMessage, IconPencil, IconPlus, IconProgress, IconChecklist, IconTruckDelivery } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { incidentsAddIncidentNoteMutation, incidentsListIncidentEventsOptions } from '../../client/@tanstack/react-query.gen';
import type { IncidentEventRead } from '../../client/types.gen';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useRefreshIncidents } from './refresh';
import { changeLines } from './timeline';

const ICONS: Record<string, ReactNode> = {
  created: <IconPlus size={14} />,
  updated: <IconPencil size={14} />,
  status_changed: <IconProgress size={14} />,
  note: <IconMessage size={14} />,
  vendor_update: <IconTruckDelivery size={14} />,
  obligation_updated: <IconChecklist size={14} />,
};

/** Every change and note, oldest first, with who and when; a note can be added. */
export function Timeline({ incidentId, canEdit }: { incidentId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const events = useQuery(incidentsListIncidentEventsOptions({ path: { incident_id: incidentId } }));
  const refresh = useRefreshIncidents();
  const form = useForm({ initialValues: { message: '' }, validate: { message: (v) => (v.trim() ? null : t('validation.required')) } });
  const add = useMutation({
    ...incidentsAddIncidentNoteMutation(),
    onSuccess: () => {
      notifySuccess(t('incidents.timeline.noteAdded'));
      form.reset();
      void refresh();
    },
  });
  if (events.error) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} fz="lg" mb="md">
        {t('incidents.timeline.title')}
      </Title>
      {!events.data ? (
        <Skeleton height={160} />
      ) : events.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('incidents.timeline.empty')}
        </Text>
      ) : (
        <MantineTimeline bulletSize={26} lineWidth={2} active={events.data.length - 1} data-testid="timeline">
          {events.data.map((e) => (
            <MantineTimeline.Item key={e.id} bullet={ICONS[e.kind] ?? <IconPencil size={14} />} title={<EventTitle e={e} />}>
              <EventBody e={e} />
            </MantineTimeline.Item>
          ))}
        </MantineTimeline>
      )}
      {canEdit && (
        <form noValidate onSubmit={form.onSubmit((v) => add.mutate({ path: { incident_id: incidentId }, body: { message: v.message.trim() } }))}>
          <Stack gap="xs" mt="lg">
            <Textarea
              label={t('incidents.timeline.noteLabel')}
              placeholder={t('incidents.timeline.notePlaceholder')}
              autosize
              minRows={2}
              maxLength={10000}
              {...form.getInputProps('message')}
            />
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={add.isPending}>
                {t('incidents.timeline.addNote')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}

function EventTitle({ e }: { e: IncidentEventRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" fw={600}>
        {t(`incidents.timeline.kinds.${e.kind}` as 'incidents.timeline.kinds.note', { defaultValue: e.kind })}
      </Text>
      <Text size="xs" c="dimmed">
        {f.dateTime(e.at)}
      </Text>
      <Badge variant="light" color={e.actor_type === 'vendor_contact' ? 'orange' : 'gray'} size="xs">
        {t(`incidents.timeline.actorTypes.${e.actor_type}` as 'incidents.timeline.actorTypes.user', { defaultValue: e.actor_type })}
      </Badge>
      <Text size="xs" c="dimmed">
        {e.actor_name}
      </Text>
    </Group>
  );
}

function EventBody({ e }: { e: IncidentEventRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const lines = changeLines(t, f, e.changes);
  // An obligation's event carries its kind as the message.
  const message =
    e.kind === 'obligation_updated' && e.message
      ? t(`incidents.kinds.${e.message}` as 'incidents.kinds.notify_individuals', { defaultValue: e.message })
      : e.message;
  return (
    <Stack gap={4} mt={4} data-testid="timeline-event" data-kind={e.kind}>
      {message && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {message}
        </Text>
      )}
      {lines.length > 0 && (
        <Stack gap={2} component="ul" m={0} pl="md">
          {lines.map((l) => (
            <Text component="li" size="sm" key={l.field} data-field={l.field}>
              <Text span fw={500}>
                {l.label}
              </Text>
              {': '}
              <Text span c="dimmed" td="line-through">
                {l.before}
              </Text>
              {' → '}
              <Text span>{l.after}</Text>
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
