import { Alert, Badge, Button, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { incidentsGetIncidentOptions, incidentsGetIncidentQueryKey, incidentsUpdateIncidentMutation } from '../../client/@tanstack/react-query.gen';
import type { IncidentRead, IncidentStatus } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { BackLink, DetailFrame, Fact } from '../../components/DetailParts';
import { IncidentStatusBadge } from '../../components/IncidentStatusBadge';
import { AnchorLink } from '../../components/links';
import { textIn } from '../../lib/bilingual';
import { asApiError } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { label } from '../../lib/labels';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { INCIDENT_TABS, type IncidentTab } from '../../routes/tabs';
import { DeadlineChanges } from './DeadlineChanges';
import { Documents } from './Documents';
import { Exposure } from './Exposure';
import { FactsEditor } from './FactsEditor';
import { Obligations } from './Obligations';
import type { DeadlineChange } from './obligations';
import { NextDeadlineCell, PortalBadge, TriggerBadges, usePersons } from './parts';
import { Reach } from './Reach';
import { useRefreshIncidents } from './refresh';
import { Timeline } from './Timeline';

const route = getRouteApi('/_app/incidents/$incidentId');

/** One incident: its status, the obligations checklist, facts, timeline, documents, exposure and reach. */
export function IncidentPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const persons = usePersons();
  const queryClient = useQueryClient();
  const refresh = useRefreshIncidents();
  const { incidentId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const query = useQuery(incidentsGetIncidentOptions({ path: { incident_id: incidentId } }));
  const [changes, setChanges] = useState<DeadlineChange[]>([]);
  const [closeRefused, setCloseRefused] = useState(false);
  const i = query.data;

  const changed = (next: IncidentRead) => {
    queryClient.setQueryData(incidentsGetIncidentQueryKey({ path: { incident_id: incidentId } }), next);
    void refresh();
  };
  const stale = () => void query.refetch();
  const status = useMutation({
    ...incidentsUpdateIncidentMutation(),
    meta: { handlesErrors: true },
    onError: (err) => {
      const e = asApiError(err);
      if (e.error === 'obligations_open') setCloseRefused(true);
      else {
        notifyError(err);
        if (e.status === 409) stale();
      }
    },
  });
  const moveTo = (to: IncidentStatus) => {
    if (!i) return;
    const go = () =>
      status.mutate(
        { path: { incident_id: i.id }, body: { version: i.version, status: to } },
        {
          onSuccess: (next) => {
            setCloseRefused(false);
            notifySuccess(t('incidents.detail.statusChanged', { status: t(`incidents.statuses.${to}`) }));
            changed(next);
          },
        },
      );
    if (to === 'closed') {
      confirmAction({ title: t('incidents.detail.closeTitle'), message: t('incidents.detail.closeBody'), confirmLabel: t('incidents.statusActions.closed'), onConfirm: go });
    } else go();
  };

  const back = <BackLink to="/incidents">{t('incidents.backToList')}</BackLink>;
  if (query.error || !i) return <DetailFrame back={back} error={query.error} loading={!i} onRetry={() => void query.refetch()} />;
  const tab = search.tab ?? 'obligations';
  const notes = i.evaluations.flatMap((e) => e.notes.map((n) => ({ jurisdiction: e.jurisdiction, text: textIn(n, i18n.language) })));

  return (
    <>
      {back}
      <Group justify="space-between" align="flex-start" mt={6} mb="md" gap="md" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 420px' }}>
          <Group gap="sm" align="center">
            <Title order={1} fz={24}>
              {i.title}
            </Title>
            <IncidentStatusBadge status={i.status} size="lg" />
            {i.reported_via === 'portal' && <PortalBadge />}
          </Group>
          <Text size="sm">
            <AnchorLink to="/vendors/$vendorId" params={{ vendorId: i.vendor_id }} fw={600} data-testid="incident-vendor">
              {i.vendor_name}
            </AnchorLink>
            {i.source_incident_id && (
              <>
                {' ・ '}
                <AnchorLink to="/incidents/$incidentId" params={{ incidentId: i.source_incident_id }} size="sm">
                  {t('incidents.registeredFromReach')}
                </AnchorLink>
              </>
            )}
          </Text>
        </Stack>
        {canEdit && i.allowed_statuses.length > 0 && (
          <Group gap="xs" role="group" aria-label={t('incidents.detail.statusActions')}>
            {i.allowed_statuses.map((s) => (
              <Button
                key={s}
                size="xs"
                variant={s === 'closed' ? 'filled' : 'default'}
                loading={status.isPending && status.variables?.body.status === s}
                onClick={() => moveTo(s)}
              >
                {t(`incidents.statusActions.${s}`)}
              </Button>
            ))}
          </Group>
        )}
      </Group>

      {closeRefused && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title={t('incidents.detail.obligationsOpenTitle')}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setCloseRefused(false)}
          mb="md"
          data-testid="close-refused"
        >
          {t('incidents.detail.obligationsOpenBody')}
        </Alert>
      )}

      <Paper withBorder radius="md" p="md" mb="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="md">
          <Fact term={t('incidents.detail.reportable')}>
            <TriggerBadges triggers={i.triggers} reportable={i.reportable} />
          </Fact>
          <Fact term={t('incidents.detail.persons')}>{persons(i)}</Fact>
          <Fact term={t('incidents.detail.clockFrom')} hint={t('incidents.detail.clockFromHint')}>
            <span data-testid="clock-from">{f.dateTime(i.effective_aware_at)}</span>
          </Fact>
          <Fact term={t('incidents.columns.nextDeadline')}>
            <NextDeadlineCell next={i.next_deadline} />
          </Fact>
          <Fact term={t('incidents.detail.contract')}>
            {i.contract_id ? (
              <AnchorLink to="/contracts/$contractId" params={{ contractId: i.contract_id }} size="sm">
                {i.contract_title}
              </AnchorLink>
            ) : (
              t('incidents.detail.contractNone')
            )}
          </Fact>
        </SimpleGrid>
        {notes.length > 0 && (
          <Stack gap={4} mt="md">
            {notes.map((n, k) => (
              <Group key={k} gap={6} wrap="nowrap" align="flex-start">
                {i.evaluations.length > 1 && (
                  <Tooltip label={label(t, 'jurisdictions', n.jurisdiction)}>
                    <Badge variant="light" color="gray" size="xs" mt={3}>
                      {n.jurisdiction}
                    </Badge>
                  </Tooltip>
                )}
                <Text size="sm" c="dimmed">
                  {n.text}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Paper>

      <DeadlineChanges changes={changes} onClose={() => setChanges([])} />

      <Tabs
        value={tab}
        onChange={(v) => void navigate({ search: { tab: v === 'obligations' ? undefined : (v as IncidentTab) }, replace: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('incidents.tabs.label')} mb="md">
          {INCIDENT_TABS.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`incidents.tabs.${k}`)}
              {k === 'obligations' && i.overdue > 0 && (
                <Text span c="red.9" fw={700} ml={4}>
                  ({i.overdue})
                </Text>
              )}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="obligations">
          <Obligations incident={i} canEdit={canEdit} onChanged={changed} onStale={stale} />
        </Tabs.Panel>
        <Tabs.Panel value="facts">
          <FactsEditor
            key={i.version}
            incident={i}
            readOnly={!canEdit}
            onStale={stale}
            onSaved={(next, moved) => {
              setChanges(moved);
              changed(next);
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <Timeline incidentId={i.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          <Documents incidentId={i.id} />
        </Tabs.Panel>
        <Tabs.Panel value="exposure">
          <Exposure exposure={i.exposure} />
        </Tabs.Panel>
        <Tabs.Panel value="reach">
          <Reach incidentId={i.id} canEdit={canEdit} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
