import { Alert, Button, Group, Paper, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconCheck, IconGitBranch, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  monitoringDecideChangeRequestMutation,
  monitoringGetChangeRequestOptions,
  monitoringGetChangeRequestQueryKey,
} from '../../client/@tanstack/react-query.gen';
import type { ChangeRequestRead, ChangeStatus } from '../../client/types.gen';
import { BackLink, DetailFrame, Fact } from '../../components/DetailParts';
import { AnchorLink, ButtonLink } from '../../components/links';
import { VendorSelect } from '../../components/VendorSelect';
import { asApiError } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { ChangeStatusBadge } from '../../components/MonitoringBadges';
import { Prose } from './parts';
import { useRefreshMonitoring } from './refresh';

const route = getRouteApi('/_app/monitoring/changes/$requestId');

/**
 * Approve (a new subcontractor joins the register's tree: found by corporate number or added as a candidate, or an
 * existing vendor picked here) or refuse with a reason.
 */
function DecisionPanel({ request, onDecided, onStale }: { request: ChangeRequestRead; onDecided: (c: ChangeRequestRead) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [link, setLink] = useState<'new' | 'existing'>('new');
  const [existing, setExisting] = useState<string | null>(null);
  const [existingError, setExistingError] = useState<string | null>(null);
  const subcontractor = request.kind === 'new_subcontractor';
  const decide = useMutation({
    ...monitoringDecideChangeRequestMutation(),
    meta: { handlesErrors: true },
    onError: (err) => {
      notifyError(err);
      if (asApiError(err).status === 409) onStale();
    },
  });
  const submit = (decision: ChangeStatus) => {
    const text = reason.trim();
    if (decision === 'refused' && !text) return setReasonError(t('monitoring.changes.reasonRequired'));
    if (decision === 'approved' && subcontractor && link === 'existing' && !existing) return setExistingError(t('validation.choose'));
    decide.mutate(
      {
        path: { request_id: request.id },
        body: {
          version: request.version,
          decision,
          reason: text || null,
          subcontractor_id: decision === 'approved' && subcontractor && link === 'existing' ? existing : null,
        },
      },
      {
        onSuccess: (next) => {
          notifySuccess(decision === 'approved' ? t('monitoring.changes.approved') : t('monitoring.changes.refused'));
          onDecided(next);
        },
      },
    );
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="decision-panel">
      <Title order={2} fz="lg" mb={4}>
        {t('monitoring.changes.decisionTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {subcontractor ? t('monitoring.changes.decisionHintSubcontractor') : t('monitoring.changes.decisionHint')}
      </Text>
      <Stack gap="md">
        {subcontractor && (
          <Radio.Group label={t('monitoring.changes.registerAs')} value={link} onChange={(v) => setLink(v === 'existing' ? 'existing' : 'new')}>
            <Stack gap={6} mt={6}>
              <Radio value="new" label={t('monitoring.changes.registerNew', { name: request.subcontractor_name ?? '' })} />
              <Radio value="existing" label={t('monitoring.changes.registerExisting')} />
            </Stack>
          </Radio.Group>
        )}
        {subcontractor && link === 'existing' && (
          <VendorSelect
            label={t('monitoring.changes.existingVendor')}
            exclude={request.vendor_id}
            value={existing}
            error={existingError}
            onChange={(v) => {
              setExisting(v);
              setExistingError(null);
            }}
            maw={420}
          />
        )}
        <Textarea
          label={t('monitoring.changes.reason')}
          description={t('monitoring.changes.reasonHint')}
          autosize
          minRows={3}
          maxLength={10000}
          value={reason}
          error={reasonError}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setReasonError(null);
          }}
        />
        <Group justify="flex-end">
          <Button
            variant="default"
            color="red"
            leftSection={<IconX size={16} />}
            loading={decide.isPending && decide.variables?.body.decision === 'refused'}
            onClick={() => submit('refused')}
          >
            {t('monitoring.changes.refuse')}
          </Button>
          <Button
            leftSection={<IconCheck size={16} />}
            loading={decide.isPending && decide.variables?.body.decision === 'approved'}
            onClick={() => submit('approved')}
          >
            {t('monitoring.changes.approve')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** One change request: what the vendor asks, and the decision. */
export function ChangePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const queryClient = useQueryClient();
  const refresh = useRefreshMonitoring();
  const { requestId } = route.useParams();
  const query = useQuery(monitoringGetChangeRequestOptions({ path: { request_id: requestId } }));
  const c = query.data;

  return (
    <DetailFrame back={<BackLink to="/monitoring/changes">{t('monitoring.changes.backToList')}</BackLink>} error={query.error} loading={!c} onRetry={() => void query.refetch()}>
      {c && (
        <>
          <Stack gap={4} mt={6} mb="md">
            <Group gap="sm" align="center">
              <Title order={1} fz={24}>
                {c.title}
              </Title>
              <ChangeStatusBadge status={c.status} size="lg" />
            </Group>
            <AnchorLink to="/vendors/$vendorId" params={{ vendorId: c.vendor_id }} search={{ tab: 'monitoring' }} fw={600} size="sm">
              {c.vendor_name}
            </AnchorLink>
          </Stack>

          {c.status === 'approved' && c.kind === 'new_subcontractor' && (
            <Alert color="teal" variant="light" icon={<IconGitBranch size={18} />} mb="md" data-testid="approved-subcontractor">
              <Stack gap={6}>
                <Text size="sm">{t('monitoring.changes.joinedTree', { name: c.subcontractor_name ?? '' })}</Text>
                <Group gap="sm">
                  <ButtonLink to="/vendors/$vendorId" params={{ vendorId: c.vendor_id }} search={{ tab: 'subcontractors' }} size="xs" variant="light">
                    {t('monitoring.changes.viewTree')}
                  </ButtonLink>
                  {c.subcontractor_vendor_id && (
                    <ButtonLink to="/vendors/$vendorId" params={{ vendorId: c.subcontractor_vendor_id }} size="xs" variant="default">
                      {t('monitoring.changes.viewSubcontractor')}
                    </ButtonLink>
                  )}
                </Group>
              </Stack>
            </Alert>
          )}

          <Paper withBorder radius="md" p="md" mb="md">
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" mb="md">
              <Fact term={t('monitoring.changes.fields.kind')}>{t(`monitoring.changes.kinds.${c.kind}`)}</Fact>
              <Fact term={t('monitoring.changes.fields.requested')}>
                {f.dateTime(c.requested_at)} ・ {c.requested_by}
              </Fact>
              <Fact term={t('monitoring.changes.fields.planned_date')}>{c.planned_date ? f.day(c.planned_date) : t('common.none')}</Fact>
              <Fact term={t('monitoring.changes.fields.decided')}>
                {c.decided_at ? `${f.dateTime(c.decided_at)} ・ ${c.decided_by ?? ''}` : t('common.none')}
              </Fact>
            </SimpleGrid>
            <Fact term={t('monitoring.changes.fields.details')}>
              <Prose text={c.details} />
            </Fact>
            {c.decision_reason && (
              <Stack mt="md">
                <Fact term={t('monitoring.changes.reason')}>
                  <Prose text={c.decision_reason} />
                </Fact>
              </Stack>
            )}
          </Paper>

          {c.kind === 'new_subcontractor' && (
            <Paper withBorder radius="md" p="md" mb="md">
              <Title order={2} fz="lg" mb="sm">
                {t('monitoring.changes.subcontractorTitle')}
              </Title>
              <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
                <Fact term={t('monitoring.changes.fields.subcontractor_name')}>{c.subcontractor_name ?? t('common.none')}</Fact>
                <Fact term={t('monitoring.changes.fields.subcontractor_corporate_number')}>
                  {c.subcontractor_corporate_number ? <span className="mono">{c.subcontractor_corporate_number}</span> : t('common.none')}
                </Fact>
                <Fact term={t('monitoring.changes.fields.subcontractor_country')}>{c.subcontractor_country ?? t('common.none')}</Fact>
                <Fact term={t('monitoring.changes.fields.work')}>{c.work ?? t('common.none')}</Fact>
                <Fact term={t('monitoring.changes.fields.data_handled')}>
                  <Prose text={c.data_handled} />
                </Fact>
              </SimpleGrid>
            </Paper>
          )}

          {canEdit && c.status === 'pending' && (
            <DecisionPanel
              key={c.version}
              request={c}
              onDecided={(next) => {
                queryClient.setQueryData(monitoringGetChangeRequestQueryKey({ path: { request_id: c.id } }), next);
                void refresh();
              }}
              onStale={() => void query.refetch()}
            />
          )}
        </>
      )}
    </DetailFrame>
  );
}
