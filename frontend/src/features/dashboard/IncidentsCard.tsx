import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DashboardRead } from '../../client/types.gen';
import { DaysLeft } from '../../components/DaysLeft';
import { AnchorLink } from '../../components/links';
import { useFormat } from '../../lib/format';

/** Open incidents, and our reports and notices due in the next 14 days (late ones first), each linking to its incident. */
export function IncidentsCard({ dashboard: d }: { dashboard: DashboardRead | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Paper withBorder radius="md" p="md" data-testid="incidents-card">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg">
          {t('incidents.dashboard.title')}
        </Title>
        <AnchorLink to="/incidents" search={{ open: true }} size="sm">
          {t('common.viewAll')}
        </AnchorLink>
      </Group>
      {!d ? (
        <Skeleton height={80} />
      ) : (
        <Stack gap="sm">
          <Group justify="space-between" wrap="nowrap">
            <AnchorLink to="/incidents" search={{ open: true }} size="sm">
              {t('incidents.dashboard.open')}
            </AnchorLink>
            <Text size="sm" fw={600} c={d.open_incidents > 0 ? undefined : 'dimmed'} data-testid="open-incidents">
              {f.number(d.open_incidents)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" fw={600}>
            {t('incidents.dashboard.deadlines')}
          </Text>
          {d.deadlines.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('incidents.dashboard.none')}
            </Text>
          ) : (
            <Stack gap={8} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {d.deadlines.map((x) => (
                <li key={x.obligation_id} data-testid="dashboard-deadline">
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <AnchorLink to="/incidents/$incidentId" params={{ incidentId: x.incident_id }} size="sm" fw={600} lineClamp={1}>
                        {x.incident_title}
                      </AnchorLink>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {t(`incidents.kindsShort.${x.kind}`)} ・ {x.due_date ? f.day(x.due_date) : f.dateTime(x.due_at)} ・ {x.vendor_name}
                      </Text>
                    </Stack>
                    <DaysLeft days={x.days_left} overdue={x.overdue} />
                  </Group>
                </li>
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Paper>
  );
}
