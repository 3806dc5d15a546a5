import { Alert, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconClockHour4, IconMinus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { portalGetPortalChangeRequestOptions } from '../../client/@tanstack/react-query.gen';
import type { PortalChangeRequest } from '../../client/types.gen';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { asApiError } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { usePortal } from './context';
import { PortalSubPage } from './PortalFrame';
import { ChangeStatusBadge } from './monitoringLabels';
import { isSessionEnded } from './session';

const M = 'portalMonitoring.changeView';

/** One request for approval (`/portal/changes/$requestId`): what was asked, where it stands, and the decision with its reason. */
export function PortalChangePage() {
  const { t } = useTranslation();
  const { headers, me } = usePortal();
  const { requestId } = useParams({ from: '/portal/changes/$requestId' });
  const request = useQuery(portalGetPortalChangeRequestOptions({ headers, path: { request_id: requestId } }));

  let body: ReactNode;
  if (request.isPending) body = <PageLoader />;
  else if (request.isError) {
    body =
      asApiError(request.error).status === 404 ? (
        <Alert color="gray" variant="light" role="alert">
          {t(`${M}.notFound`)}
        </Alert>
      ) : isSessionEnded(request.error) ? null : (
        <QueryError error={request.error} onRetry={() => void request.refetch()} />
      );
  } else body = <ChangeView request={request.data} organization={me?.organization_name ?? ''} />;

  return (
    <PortalSubPage back={t('portalMonitoring.change.back')}>
    {body}
    </PortalSubPage>
  );
}

function ChangeView({ request: c, organization }: { request: PortalChangeRequest; organization: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const decided = c.status === 'approved' || c.status === 'refused';
  return (
    <>
      <div>
        <Group gap="xs" mb={6}>
          <ChangeStatusBadge status={c.status} />
          <Text size="sm" c="dimmed">
            {t(`portalMonitoring.changes.kinds.${c.kind}`)}
          </Text>
        </Group>
        <Title order={1} fz={24}>
          {c.title}
        </Title>
        <Text size="sm" mt={6} c="dimmed">
          {t(`${M}.requested`, { date: format.dateTime(c.requested_at), name: c.requested_by })}
        </Text>
      </div>

      {c.status === 'pending' && (
        <Alert color="blue" variant="light" icon={<IconClockHour4 size={20} />} data-testid="change-decision">
          <Text size="sm">{t(`${M}.pendingBody`, { organization })}</Text>
        </Alert>
      )}
      {decided && (
        <Alert
          color={c.status === 'approved' ? 'teal' : 'red'}
          variant="light"
          icon={c.status === 'approved' ? <IconCircleCheck size={20} /> : <IconCircleX size={20} />}
          title={c.status === 'approved' ? t(`${M}.approvedTitle`) : t(`${M}.refusedTitle`)}
          data-testid="change-decision"
        >
          <Stack gap={4}>
            {c.decided_at && (
              <Text size="xs" c="dimmed">
                {t(`${M}.decidedOn`, { date: format.dateTime(c.decided_at) })}
              </Text>
            )}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.decision_reason || t(`${M}.noReason`)}
            </Text>
          </Stack>
        </Alert>
      )}
      {c.status === 'withdrawn' && (
        <Alert color="gray" variant="light" icon={<IconMinus size={20} />} title={t(`${M}.withdrawnTitle`)} data-testid="change-decision" />
      )}

      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="sm" component="dl" m={0}>
          <Field label={t(`${M}.fields.kind`)}>{t(`portalMonitoring.changes.kinds.${c.kind}`)}</Field>
          {c.subcontractor_name && <Field label={t(`${M}.fields.subcontractor`)}>{c.subcontractor_name}</Field>}
          {c.work && <Field label={t(`${M}.fields.work`)}>{c.work}</Field>}
          {c.planned_date && <Field label={t(`${M}.fields.plannedDate`)}>{format.day(c.planned_date)}</Field>}
          <Field label={t(`${M}.fields.details`)}>{c.details}</Field>
        </Stack>
      </Paper>
    </>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}
