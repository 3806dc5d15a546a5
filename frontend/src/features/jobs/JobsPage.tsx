import { Alert, Paper, Tabs } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useMe } from '../../lib/session';
import { JobsTable } from './JobsTable';
import { MailDeliveriesTable } from './MailDeliveriesTable';

const route = getRouteApi('/_app/settings/jobs');

export function JobsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const tab = search.tab ?? 'jobs';

  if (me.organization.role !== 'admin') {
    return (
      <>
        <PageHeader title={t('jobs.title')} description={t('jobs.subtitle')} />
        <Alert color="gray">{t('jobs.adminOnly')}</Alert>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('jobs.title')} description={t('jobs.subtitle')} />
      <Tabs
        value={tab}
        onChange={(value) =>
          void navigate({ search: { tab: value === 'mail' ? 'mail' : undefined }, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="jobs">{t('jobs.tabs.jobs')}</Tabs.Tab>
          <Tabs.Tab value="mail">{t('jobs.tabs.mail')}</Tabs.Tab>
        </Tabs.List>
        <Paper withBorder radius="md" p="md">
          <Tabs.Panel value="jobs">
            <JobsTable />
          </Tabs.Panel>
          <Tabs.Panel value="mail">
            <MailDeliveriesTable />
          </Tabs.Panel>
        </Paper>
      </Tabs>
    </>
  );
}
