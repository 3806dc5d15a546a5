import { Badge, Button, Table, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { JobRead, JobState, MailDeliveryRead, MailOutcome } from '../../client/types.gen';
import { useFormat } from '../../lib/format';

const STATE_COLORS: Record<JobState, string> = {
  queued: 'blue',
  running: 'cyan',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'gray',
};
const OUTCOME_COLORS: Record<MailOutcome, string> = { sent: 'teal', failed: 'red', not_sent: 'orange' };

/** One job: what it is about, how far it got, why it last failed, and a retry once it has failed for good. */
export function JobRow({ job, onRetry, retrying }: { job: JobRead; onRetry: () => void; retrying: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.Tr data-state={job.state}>
      <Table.Td className="nowrap">
        <Text size="sm">{t(`jobs.kinds.${job.kind.replaceAll('.', '_')}` as 'jobs.kinds.mail', { defaultValue: job.kind })}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2} maw={360}>
          {job.label}
        </Text>
        {job.progress_total != null && (
          <Text size="xs" c="dimmed">
            {t('jobs.progress', { done: job.progress_done, total: job.progress_total })}
          </Text>
        )}
      </Table.Td>
      <Table.Td className="nowrap">
        <Badge color={STATE_COLORS[job.state]} variant="light" size="sm">
          {t(`jobs.states.${job.state}`)}
        </Badge>
        {job.state === 'queued' && job.attempts > 0 && (
          <Text size="xs" c="dimmed">
            {t('jobs.retryAt', { date: f.dateTime(job.run_after) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td className="nowrap">
        <Text size="sm">{t('jobs.attempts', { attempts: job.attempts, max: job.max_attempts })}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" c={job.last_error ? 'red' : 'dimmed'} className="mono" lineClamp={3} maw={360}>
          {job.last_error ?? t('common.none')}
        </Text>
      </Table.Td>
      <Table.Td className="nowrap">
        <Text size="sm">{f.dateTime(job.created_at)}</Text>
      </Table.Td>
      <Table.Td>
        {job.state === 'failed' && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRefresh size={14} />}
            loading={retrying}
            onClick={onRetry}
            aria-label={t('jobs.retryAria', { label: job.label })}
          >
            {t('jobs.retry')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** One attempt to deliver one mail, with the reason when it did not leave. */
export function MailDeliveryRow({ delivery: d }: { delivery: MailDeliveryRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.Tr data-outcome={d.outcome}>
      <Table.Td className="nowrap">
        <Text size="sm">{f.dateTime(d.attempted_at)}</Text>
      </Table.Td>
      <Table.Td className="nowrap">
        <Text size="sm">{t(`jobs.mailKinds.${d.kind}`)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="mono">
          {d.recipient}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2} maw={320}>
          {d.subject}
        </Text>
      </Table.Td>
      <Table.Td className="nowrap">
        <Badge color={OUTCOME_COLORS[d.outcome]} variant="light" size="sm">
          {t(`jobs.outcomes.${d.outcome}`)}
        </Badge>
        <Text size="xs" c="dimmed">
          {d.attempt > 0 ? t('jobs.attempt', { attempt: d.attempt }) : t('jobs.noAttempt')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" c={d.reason ? undefined : 'dimmed'} lineClamp={3} maw={360}>
          {d.reason ?? t('common.none')}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
