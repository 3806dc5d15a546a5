import { Badge, Button } from '@mantine/core';
import { IconCalendarEvent, IconClipboardList, IconFileText, IconGitPullRequest, IconSettings } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { monitoringListChangeRequestsOptions, monitoringListVendorReportsOptions } from '../../client/@tanstack/react-query.gen';
import { ButtonLink } from '../../components/links';

type View = 'calendar' | 'reports' | 'audits' | 'changes' | 'policy';

const VIEWS = [
  { view: 'calendar', to: '/monitoring', icon: IconCalendarEvent },
  { view: 'reports', to: '/monitoring/reports', icon: IconFileText },
  { view: 'audits', to: '/monitoring/audits', icon: IconClipboardList },
  { view: 'changes', to: '/monitoring/changes', icon: IconGitPullRequest },
  { view: 'policy', to: '/monitoring/policy', icon: IconSettings },
] as const;

/** The monitoring screens side by side; the queues show how much waits for staff. */
export function MonitoringNav({ current }: { current: View }) {
  const { t } = useTranslation();
  const reports = useQuery(monitoringListVendorReportsOptions({ query: { status: ['submitted'], size: 1 } }));
  const changes = useQuery(monitoringListChangeRequestsOptions({ query: { status: ['pending'], size: 1 } }));
  const waiting: Partial<Record<View, number | undefined>> = { reports: reports.data?.total, changes: changes.data?.total };
  return (
    <nav aria-label={t('monitoring.views.label')} style={{ marginBottom: 'var(--mantine-spacing-md)', overflowX: 'auto' }}>
      <Button.Group>
        {VIEWS.map(({ view, to, icon: Icon }) => {
          const n = waiting[view];
          return (
            <ButtonLink
              key={view}
              to={to}
              activeOptions={{ exact: view === 'calendar', includeSearch: false }}
              size="xs"
              variant={view === current ? 'filled' : 'default'}
              aria-current={view === current ? 'page' : undefined}
              leftSection={<Icon size={14} />}
              rightSection={
                n ? (
                  <Badge size="xs" circle color={view === current ? 'white' : 'red.8'} c={view === current ? 'navy.9' : 'white'}>
                    {n}
                  </Badge>
                ) : undefined
              }
            >
              {t(`monitoring.views.${view}`)}
            </ButtonLink>
          );
        })}
      </Button.Group>
    </nav>
  );
}
