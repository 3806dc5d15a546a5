import { Alert, Stack, Text } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import type { DeadlineChange } from './obligations';

/** What the last save did to the deadlines, e.g. the final report moving from day 30 to day 60. */
export function DeadlineChanges({ changes, onClose }: { changes: DeadlineChange[]; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (changes.length === 0) return null;
  const kind = (c: DeadlineChange) => t(`incidents.kinds.${c.kind}`);
  return (
    <Alert color="navy" variant="light" icon={<IconCalendarEvent size={18} />} data-testid="deadline-changes" withCloseButton onClose={onClose} closeButtonLabel={t('common.close')} mb="md">
      <Stack gap={2}>
        {changes.map((c) => (
          <Text size="sm" key={`${c.jurisdiction}-${c.kind}`} data-change={c.change} data-kind={c.kind}>
            {c.change === 'moved'
              ? t('incidents.form.deadlineMoved', { kind: kind(c), from: f.day(c.from), to: f.day(c.to) })
              : c.change === 'added'
                ? t('incidents.form.deadlineAdded', { kind: kind(c), to: c.to ? f.day(c.to) : t('incidents.noDeadline') })
                : t('incidents.form.deadlineRemoved', { kind: kind(c) })}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
