import { Alert, Box, Container, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconClockHour4, IconLogout } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { portalGetPortalMeOptions } from '../../client/@tanstack/react-query.gen';
import type { PortalMe } from '../../client/types.gen';
import { ButtonLink } from '../../components/links';
import { QueryError } from '../../components/QueryError';
import { useFormat } from '../../lib/format';
import { PORTAL_WIDTH, PortalContext } from './context';
import { PortalFrame, PortalMessage } from './PortalFrame';
import { RequestLink } from './RequestLink';
import { isSessionEnded, portalHeaders, portalSession, usePortalSession } from './session';

const WARN_BEFORE_MS = 10 * 60_000;

/** Every portal page after the link: a live session, or a page saying how to get one. */
export function PortalLayout() {
  const session = usePortalSession();
  const queryClient = useQueryClient();

  // A 401 portal_session_ended from any portal read or write ends the session everywhere (unless it
  // came from the session of an earlier link, replaced since in this tab).
  useEffect(() => {
    type Event = { type: string; action?: { type: string; error?: unknown } };
    const check = (event: Event, sentWith: string | undefined) => {
      if (event.type !== 'updated' || event.action?.type !== 'error' || !isSessionEnded(event.action.error)) return;
      const current = portalSession.state();
      if (current.status === 'active' && sentWith && sentWith !== portalHeaders(current.token).Authorization) return;
      portalSession.end();
    };
    const offQueries = queryClient.getQueryCache().subscribe((event) =>
      check(event, (event.query.queryKey[0] as { headers?: { Authorization?: string } } | undefined)?.headers?.Authorization),
    );
    const offMutations = queryClient.getMutationCache().subscribe((event) =>
      check(event, (event.mutation?.state.variables as { headers?: { Authorization?: string } } | undefined)?.headers?.Authorization),
    );
    return () => {
      offQueries();
      offMutations();
    };
  }, [queryClient]);

  const active = session.status === 'active';
  const expiresAt = active ? session.expiresAt : null;

  // The session ends on time even when nothing is being sent.
  useEffect(() => {
    if (expiresAt === null) return;
    const timer = window.setTimeout(() => portalSession.end(), Math.min(Math.max(expiresAt - Date.now(), 0), 2 ** 31 - 1));
    return () => window.clearTimeout(timer);
  }, [expiresAt]);

  // What the contact saw should not outlive the session in memory.
  useEffect(() => {
    if (!active) {
      queryClient.removeQueries({ predicate: (q) => String((q.queryKey[0] as { _id?: unknown } | undefined)?._id ?? '').startsWith('portal') });
    }
  }, [active, queryClient]);

  if (session.status !== 'active') return <SessionOver ended={session.status === 'ended'} />;
  return <ActivePortal token={session.token} expiresAt={session.expiresAt} />;
}

function SessionOver({ ended }: { ended: boolean }) {
  const { t } = useTranslation();
  // On an incident's, a periodic report's or a change request's page the new link is most likely wanted
  // for that, not for a questionnaire.
  const onIncidents = useRouterState({ select: (s) => /^\/portal\/(incidents|reports|changes)/.test(s.location.pathname) });
  return (
    <PortalFrame>
      <PortalMessage icon={<IconLogout size={24} />} title={ended ? t('portal.ended.title') : t('portal.ended.noSessionTitle')}>
        <Text role={ended ? 'alert' : undefined}>{ended ? t('errors.codes.portal_session_ended') : t('portal.ended.noSession')}</Text>
        <Text size="sm" c="dimmed">
          {t('portal.ended.closeHint')}
        </Text>
        <RequestLink defaultPurpose={onIncidents ? 'portal' : 'questionnaires'} />
      </PortalMessage>
    </PortalFrame>
  );
}

function ActivePortal({ token, expiresAt }: { token: string; expiresAt: number }) {
  const headers = useMemo(() => portalHeaders(token), [token]);
  const me = useQuery(portalGetPortalMeOptions({ headers }));
  const context = useMemo(() => ({ headers, me: me.data }), [headers, me.data]);

  return (
    <PortalContext value={context}>
      <PortalFrame
        context={
          <Box bg="navy.0" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Container size={PORTAL_WIDTH} px={{ base: 'sm', sm: 'md' }} py="sm">
              {me.isError ? (
                isSessionEnded(me.error) ? null : <QueryError error={me.error} onRetry={() => void me.refetch()} />
              ) : (
                <WhoAndWhere me={me.data} expiresAt={expiresAt} />
              )}
            </Container>
          </Box>
        }
      >
        <Outlet />
      </PortalFrame>
    </PortalContext>
  );
}

/** For whom the contact answers, who they are, until when the page works, and the two portal pages. */
function WhoAndWhere({ me, expiresAt }: { me: PortalMe | undefined; expiresAt: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow(30_000);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const remaining = expiresAt - now;
  const onFindings = pathname.startsWith('/portal/findings');
  const onList = pathname === '/portal' || pathname === '/portal/';

  if (!me) return <Skeleton h={72} radius="sm" />;
  return (
    <Stack gap={6}>
      <div>
        <Text size="xs" c="dimmed">
          {t('portal.header.requestedBy')}
        </Text>
        <Text fw={700} size="lg" c="navy.9" lh={1.35} data-testid="portal-organization">
          {me.organization_name}
        </Text>
        <Text size="sm">{t('portal.header.contact', { name: me.contact_name, vendor: me.vendor_name })}</Text>
      </div>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap={4} wrap="nowrap">
          <IconClockHour4 size={15} color="var(--mantine-color-dimmed)" aria-hidden />
          <Text size="xs" c="dimmed">
            {t('portal.header.sessionUntil', { time: format.dateTime(new Date(expiresAt)) })}
          </Text>
        </Group>
        <Group gap={4} component="nav" aria-label={t('portal.nav.label')}>
          <ButtonLink to="/portal" size="compact-sm" variant={onFindings ? 'subtle' : 'light'} aria-current={onList ? 'page' : undefined}>
            {t('portal.nav.requests')}
          </ButtonLink>
          <ButtonLink
            to="/portal/findings"
            size="compact-sm"
            variant={onFindings ? 'light' : 'subtle'}
            aria-current={onFindings ? 'page' : undefined}
          >
            {t('portal.nav.findings')}
          </ButtonLink>
        </Group>
      </Group>
      {remaining < WARN_BEFORE_MS && (
        <Alert color="yellow" variant="light" py={6} role="status">
          <Text size="sm">{t('portal.header.sessionSoon', { minutes: Math.max(1, Math.ceil(remaining / 60_000)) })}</Text>
        </Alert>
      )}
    </Stack>
  );
}

function useNow(every: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), every);
    return () => window.clearInterval(timer);
  }, [every]);
  return now;
}
