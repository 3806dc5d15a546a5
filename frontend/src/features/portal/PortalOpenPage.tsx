import { Button, Group, Loader, Text } from '@mantine/core';
import { IconLinkOff, IconLock } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { portalOpenPortalSessionMutation } from '../../client/@tanstack/react-query.gen';
import { ButtonLink } from '../../components/links';
import { asApiError, errorMessage } from '../../lib/errors';
import { PortalFrame, PortalMessage } from './PortalFrame';
import { RequestLink } from './RequestLink';
import { readLinkToken } from '../../lib/linkToken';
import { portalSession } from './session';

const REFUSALS = ['portal_link_used', 'portal_link_expired', 'portal_link_revoked', 'portal_link_invalid'] as const;
type Refusal = (typeof REFUSALS)[number];

function isRefusal(code: string): code is Refusal {
  return (REFUSALS as readonly string[]).includes(code);
}

/**
 * Where the link of the e-mail lands (`/portal/open#token=…`): the token leaves the address bar at
 * once (so it is not in the history, a bookmark or a shared screen), is exchanged for a session, and
 * the contact goes on to the questionnaire the link was sent for.
 */
export function PortalOpenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The router keeps the fragment it was opened with after the effect below strips it from the address
  // bar; a link pasted into the address bar of this page later arrives as a new fragment.
  const hashToken = readLinkToken(useLocation({ select: (l) => l.hash }));
  const [token, setToken] = useState(hashToken);
  if (hashToken && hashToken !== token) setToken(hashToken);
  const sentFor = useRef<string | null>(null);
  const open = useMutation({
    ...portalOpenPortalSessionMutation(),
    meta: { handlesErrors: true },
    onSuccess: (session) => {
      portalSession.start(session.access_token, session.expires_at);
      void (session.assessment_id
        ? navigate({ to: '/portal/assessments/$assessmentId', params: { assessmentId: session.assessment_id }, replace: true })
        : navigate({ to: '/portal', replace: true }));
    },
  });

  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    }
    if (!token) {
      if (portalSession.state().status === 'active') void navigate({ to: '/portal', replace: true });
      return;
    }
    // The link works once: never send it twice (StrictMode runs effects twice in development).
    if (sentFor.current === token) return;
    sentFor.current = token;
    open.mutate({ body: { token } });
  }, [token, open, navigate]);

  const active = portalSession.state().status === 'active';
  const continueButton = active && (
    <ButtonLink to="/portal" variant="default">
      {t('portal.open.continue')}
    </ButtonLink>
  );

  if (!token) {
    return (
      <PortalFrame>
        <PortalMessage icon={<IconLinkOff size={24} />} color="orange" title={t('portal.open.incompleteTitle')} actions={continueButton}>
          <Text>{t('portal.open.incomplete')}</Text>
          <Text size="sm" c="dimmed">
            {t('portal.open.askSender')}
          </Text>
        </PortalMessage>
      </PortalFrame>
    );
  }

  if (open.isError) {
    const e = asApiError(open.error);
    const refused = isRefusal(e.error);
    return (
      <PortalFrame>
        <PortalMessage
          icon={<IconLinkOff size={24} />}
          color={refused ? 'orange' : 'red'}
          title={t(`portal.open.failed.${refused ? (e.error as Refusal) : 'other'}`)}
          actions={
            <Group gap="sm">
              {!refused && <Button onClick={() => open.mutate({ body: { token } })}>{t('portal.open.retry')}</Button>}
              {continueButton}
            </Group>
          }
        >
          <Text role="alert">{errorMessage(t, open.error)}</Text>
          {refused && (
            <Text size="sm" c="dimmed">
              {t('portal.open.answersKept')}
            </Text>
          )}
          {refused && <RequestLink />}
        </PortalMessage>
      </PortalFrame>
    );
  }

  return (
    <PortalFrame>
      <PortalMessage icon={<IconLock size={24} />} title={t('portal.open.checkingTitle')}>
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>{t('portal.open.checking')}</Text>
        </Group>
      </PortalMessage>
    </PortalFrame>
  );
}
