import { Alert, Container, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { portalListPortalAssessmentsOptions, portalListPortalFindingsOptions } from '../../client/@tanstack/react-query.gen';
import type { PortalAssessmentSummary } from '../../client/types.gen';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../lib/format';
import { PORTAL_WIDTH, usePortal } from './context';
import { ChangeRequestsSection } from './ChangeRequestsSection';
import { IncidentsSection } from './IncidentsSection';
import { PeriodicReportsSection } from './PeriodicReportsSection';
import { StatusBadge } from './StatusBadge';

/**
 * The contact's home: reporting an incident and the incidents reported so far, the periodic reports owed,
 * the questionnaires addressed to the contact's company (usually one), a pointer to open findings, and
 * the requests for approval of changes.
 */
export function PortalHomePage() {
  const { t } = useTranslation();
  const { headers, me } = usePortal();
  const list = useQuery(portalListPortalAssessmentsOptions({ headers }));
  const findings = useQuery(portalListPortalFindingsOptions({ headers }));
  const openFindings = (findings.data ?? []).filter((f) => f.status === 'open' || f.status === 'in_remediation').length;

  return (
    <Container size={PORTAL_WIDTH} px={{ base: 'sm', sm: 'md' }} py="lg">
      <Stack gap="md" maw={760}>
        <Title order={1} fz={24}>
          {t('portal.home.title')}
        </Title>
        {openFindings > 0 && (
          <Alert color="orange" variant="light">
            <Group justify="space-between" gap="xs">
              <Text size="sm">{t('portal.home.findings', { count: openFindings })}</Text>
              <AnchorLink to="/portal/findings" size="sm" fw={600}>
                {t('portal.home.findingsLink')}
              </AnchorLink>
            </Group>
          </Alert>
        )}
        <IncidentsSection />
        <PeriodicReportsSection />
        <div>
          <Title order={2} fz={20}>
            {t('portal.home.questionnaires')}
          </Title>
          {me && !!list.data?.length && (
            <Text c="dimmed" size="sm" mt={4}>
              {t('portal.home.intro', { organization: me.organization_name })}
            </Text>
          )}
        </div>
        {list.isPending ? (
          <PageLoader />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <Paper withBorder radius="md" p="xl">
            <Group gap="sm" wrap="nowrap">
              <IconChecklist size={24} color="var(--mantine-color-dimmed)" aria-hidden />
              <Text c="dimmed">{t('portal.home.empty')}</Text>
            </Group>
          </Paper>
        ) : (
          list.data.map((a) => <AssessmentCard key={a.id} assessment={a} />)
        )}
        <ChangeRequestsSection />
      </Stack>
    </Container>
  );
}

function AssessmentCard({ assessment: a }: { assessment: PortalAssessmentSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const editable = a.status === 'sent' || a.status === 'in_progress' || a.status === 'returned';
  const { required, required_answered: answered } = a.progress;
  const action =
    a.status === 'returned'
      ? t('portal.home.fix')
      : a.status === 'sent'
        ? t('portal.home.start')
        : editable
          ? t('portal.home.continue')
          : t('portal.home.view');
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} data-testid="portal-assessment">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Title order={3} fz={18}>
            {a.title}
          </Title>
          <StatusBadge status={a.status} />
        </Group>
        <Group gap="md">
          {a.due_date && editable && <Text size="sm">{t('portal.home.due', { date: format.day(a.due_date) })}</Text>}
          {a.submitted_at && !editable && (
            <Text size="sm">{t('portal.home.submittedOn', { date: format.dateTime(a.submitted_at) })}</Text>
          )}
        </Group>
        {editable && required > 0 && (
          <Stack gap={4}>
            <Progress value={(answered / required) * 100} aria-label={t('portal.progress.label')} />
            <Text size="xs" c="dimmed">
              {t('portal.home.progress', { answered, required })}
            </Text>
          </Stack>
        )}
        <Group>
          <ButtonLink
            to="/portal/assessments/$assessmentId"
            params={{ assessmentId: a.id }}
            variant={editable ? 'filled' : 'default'}
          >
            {action}
          </ButtonLink>
        </Group>
      </Stack>
    </Paper>
  );
}
