import { Alert, Badge, Box, Button, Container, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconCircleCheck, IconMoodSmile } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  portalListPortalFindingsOptions,
  portalProposePortalRemediationPlanMutation,
} from '../../client/@tanstack/react-query.gen';
import type { FindingStatus, PortalFinding } from '../../client/types.gen';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { errorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { PORTAL_WIDTH, usePortal } from './context';
import { isSessionEnded } from './session';

const SEVERITY_COLORS: Record<string, string> = { critical: 'red', high: 'orange', medium: 'yellow', low: 'gray' };
const STATUS_COLORS: Record<FindingStatus, string> = { open: 'orange', in_remediation: 'blue', closed: 'teal', risk_accepted: 'gray' };
const OPEN: FindingStatus[] = ['open', 'in_remediation'];

/** What the company asks the contact's company to improve, and where the contact proposes how. */
export function PortalFindingsPage() {
  const { t } = useTranslation();
  const { headers, me } = usePortal();
  const list = useQuery(portalListPortalFindingsOptions({ headers }));
  const organization = me?.organization_name ?? '';

  // Open points first, the most severe and the soonest due on top.
  const rank = (f: PortalFinding) => (OPEN.includes(f.status) ? 0 : 1) * 10 + (Object.keys(SEVERITY_COLORS).indexOf(f.severity) + 1);
  const findings = [...(list.data ?? [])].sort((x, y) => rank(x) - rank(y) || (x.due_date ?? '9999').localeCompare(y.due_date ?? '9999'));

  return (
    <Container size={PORTAL_WIDTH} px={{ base: 'sm', sm: 'md' }} py="lg">
      <Stack gap="md" maw={780}>
        <div>
          <Title order={1} fz={24}>
            {t('portal.findings.title')}
          </Title>
          {organization && (
            <Text size="sm" c="dimmed" mt={4}>
              {t('portal.findings.intro', { organization })}
            </Text>
          )}
        </div>
        {list.isPending || (list.isError && isSessionEnded(list.error)) ? (
          <PageLoader />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : findings.length === 0 ? (
          <Paper withBorder radius="md" p="xl">
            <Group gap="sm" wrap="nowrap">
              <IconMoodSmile size={24} color="var(--mantine-color-dimmed)" aria-hidden />
              <Text c="dimmed">{t('portal.findings.empty')}</Text>
            </Group>
          </Paper>
        ) : (
          findings.map((f) => <FindingCard key={f.id} finding={f} organization={organization} />)
        )}
      </Stack>
    </Container>
  );
}

function FindingCard({ finding: f, organization }: { finding: PortalFinding; organization: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const { headers } = usePortal();
  const open = OPEN.includes(f.status);
  const [plan, setPlan] = useState(f.vendor_proposed_plan ?? '');
  const [sent, setSent] = useState(false);
  const propose = useMutation({
    ...portalProposePortalRemediationPlanMutation(),
    meta: { handlesErrors: true },
    onSuccess: (updated) => {
      setSent(true);
      queryClient.setQueryData<PortalFinding[]>(portalListPortalFindingsOptions({ headers }).queryKey, (old) =>
        old?.map((x) => (x.id === updated.id ? updated : x)),
      );
    },
  });
  const titleId = `finding-${f.id}`;

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="article" aria-labelledby={titleId} data-testid="portal-finding">
      <Stack gap="sm">
        <Group gap="xs">
          <Badge variant="light" color={SEVERITY_COLORS[f.severity] ?? 'gray'}>
            {t(`portal.findings.severity.${f.severity}` as 'portal.findings.severity.low', { defaultValue: f.severity })}
          </Badge>
          <Badge variant="dot" color={STATUS_COLORS[f.status]}>
            {t(`portal.findings.status.${f.status}`)}
          </Badge>
          {f.due_date && open && (
            <Text size="sm" fw={600}>
              {t('portal.findings.due', { date: format.day(f.due_date) })}
            </Text>
          )}
        </Group>
        <Title order={2} fz={18} id={titleId}>
          {f.title}
        </Title>
        {f.description && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {f.description}
          </Text>
        )}
        {f.remediation_plan && (
          <Box p="sm" bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
            <Text size="xs" fw={700} mb={2}>
              {t('portal.findings.requested', { organization })}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {f.remediation_plan}
            </Text>
          </Box>
        )}
        {open ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              setSent(false);
              if (plan.trim()) propose.mutate({ path: { finding_id: f.id }, headers, body: { plan: plan.trim() } });
            }}
          >
            <Stack gap="xs">
              <Textarea
                label={t('portal.findings.planLabel')}
                description={t('portal.findings.planHint')}
                autosize
                minRows={3}
                maxRows={12}
                maxLength={20_000}
                value={plan}
                onChange={(e) => {
                  setPlan(e.currentTarget.value);
                  setSent(false);
                }}
              />
              {propose.isError && !isSessionEnded(propose.error) && (
                <Alert color="red" variant="light" role="alert">
                  {errorMessage(t, propose.error)}
                </Alert>
              )}
              {sent && (
                <Group gap={6} role="status">
                  <IconCircleCheck size={16} color="var(--mantine-color-teal-9)" aria-hidden />
                  <Text size="sm" c="teal.9">
                    {t('portal.findings.sent')}
                  </Text>
                </Group>
              )}
              <Group>
                <Button type="submit" loading={propose.isPending} disabled={!plan.trim()}>
                  {f.vendor_proposed_plan ? t('portal.findings.update') : t('portal.findings.send')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <>
            {f.vendor_proposed_plan && (
              <Box>
                <Text size="xs" fw={700} mb={2}>
                  {t('portal.findings.yourPlan')}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {f.vendor_proposed_plan}
                </Text>
              </Box>
            )}
            <Text size="sm" c="dimmed">
              {t('portal.findings.closed')}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
