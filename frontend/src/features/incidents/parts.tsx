import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IncidentSummary, Kind, NextDeadline, Trigger } from '../../client/types.gen';
import { DaysLeft } from '../../components/DaysLeft';
import { ToneBadge } from '../../components/TierBadge';
import { useFormat, wallTimeInZone } from '../../lib/format';

/** People affected as "estimate–maximum", or whichever is known. */
export function usePersons() {
  const { t } = useTranslation();
  const f = useFormat();
  return (i: Pick<IncidentSummary, 'affected_persons_estimate' | 'affected_persons_max'>): string => {
    const est = i.affected_persons_estimate;
    const most = i.affected_persons_max;
    if (est === null && most === null) return t('incidents.personsUnknown');
    if (est !== null && most !== null) {
      return est === most ? t('incidents.personsValue', { count: f.number(est) }) : t('incidents.personsRange', { estimate: f.number(est), max: f.number(most) });
    }
    return est !== null ? t('incidents.personsEstimateOnly', { count: f.number(est) }) : t('incidents.personsMaxOnly', { count: f.number(most ?? 0) });
  };
}

/** A day-counted deadline ends at 23:59:59 of its day; an hour-counted one (a contract's notice) has its own time. */
export function endsWithDay(d: { due_date: string | null; due_at: string | null }, timeZone: string): boolean {
  return !!d.due_at && !!d.due_date && wallTimeInZone(d.due_at, timeZone) === `${d.due_date}T23:59`;
}

/** The due moment: the day, with the exact time where the deadline is counted in hours. */
export function useDue() {
  const f = useFormat();
  return (d: { due_date: string | null; due_at: string | null }): string => {
    if (d.due_at && !endsWithDay(d, f.timeZone)) return f.dateTime(d.due_at);
    return d.due_date ? f.day(d.due_date) : '';
  };
}

export function TriggerBadges({ triggers, reportable }: { triggers: readonly Trigger[]; reportable: boolean }) {
  const { t } = useTranslation();
  if (!reportable) {
    return (
      <Text size="sm" c="dimmed">
        {t('incidents.notReportable')}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {triggers.map((tr) => (
        <ToneBadge key={tr} tone="info" size="sm" miw="max-content" data-trigger={tr}>
          {t(`incidents.triggers.${tr}`)}
        </ToneBadge>
      ))}
    </Group>
  );
}

/** The next deadline of an incident: what, when, how many days. */
export function NextDeadlineCell({ next }: { next: NextDeadline | null }) {
  const { t } = useTranslation();
  const due = useDue();
  if (!next) {
    return (
      <Text size="sm" c="dimmed">
        {t('incidents.noDeadline')}
      </Text>
    );
  }
  return (
    <Stack gap={2} data-testid="next-deadline" data-kind={next.kind}>
      <Text size="sm" fw={500}>
        {t(`incidents.kindsShort.${next.kind}`)}
      </Text>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" className="nowrap" data-testid="next-deadline-due">
          {due(next)}
        </Text>
        <DaysLeft days={next.days_left} />
      </Group>
    </Stack>
  );
}

export function KindLabel({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  return <>{t(`incidents.kinds.${kind}`)}</>;
}

export function PortalBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="gray" size="xs">
      {t('incidents.reportedViaPortal')}
    </Badge>
  );
}
