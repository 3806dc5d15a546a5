import { Button, Checkbox, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { incidentsGetIncidentReachOptions, incidentsRegisterIncidentReachMutation } from '../../client/@tanstack/react-query.gen';
import type { Tier } from '../../client/types.gen';
import { AnchorLink } from '../../components/links';
import { QueryError } from '../../components/QueryError';
import { TierBadge } from '../../components/TierBadge';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useRefreshIncidents } from './refresh';

/** Our vendors that pass data to the incident's vendor: register the same incident for each of them. */
export function Reach({ incidentId, canEdit }: { incidentId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const refresh = useRefreshIncidents();
  const reach = useQuery(incidentsGetIncidentReachOptions({ path: { incident_id: incidentId } }));
  const [chosen, setChosen] = useState<string[]>([]);
  const register = useMutation({
    ...incidentsRegisterIncidentReachMutation(),
    onSuccess: (created) => {
      notifySuccess(t('incidents.reach.registered', { count: created.length }));
      setChosen([]);
      void refresh();
    },
  });
  if (reach.error) return <QueryError error={reach.error} onRetry={() => void reach.refetch()} />;
  const rows = reach.data ?? [];
  const open = rows.filter((r) => !r.incident_id).map((r) => r.vendor_id);
  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
  return (
    <Paper withBorder radius="md" p="md" data-testid="reach">
      <Title order={2} fz="lg">
        {t('incidents.reach.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('incidents.reach.hint')}
      </Text>
      {!reach.data ? (
        <Skeleton height={120} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('incidents.reach.empty')}
        </Text>
      ) : (
        <Stack gap="md">
          <Table.ScrollContainer minWidth={900}>
            <Table>
              <Table.Thead>
                <Table.Tr className="nowrap">
                  {canEdit && (
                    <Table.Th w={40}>
                      <Checkbox
                        aria-label={t('incidents.reach.selectAll')}
                        disabled={open.length === 0}
                        checked={open.length > 0 && chosen.length === open.length}
                        indeterminate={chosen.length > 0 && chosen.length < open.length}
                        onChange={(e) => setChosen(e.currentTarget.checked ? open : [])}
                      />
                    </Table.Th>
                  )}
                  <Table.Th>{t('incidents.reach.columns.vendor')}</Table.Th>
                  <Table.Th>{t('incidents.reach.columns.path')}</Table.Th>
                  <Table.Th>{t('incidents.reach.columns.processing')}</Table.Th>
                  <Table.Th ta="right">{t('incidents.reach.columns.persons')}</Table.Th>
                  <Table.Th>{t('incidents.reach.columns.incident')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.vendor_id} data-testid="reach-row">
                    {canEdit && (
                      <Table.Td>
                        <Checkbox
                          aria-label={t('incidents.reach.select', { name: r.name })}
                          disabled={!!r.incident_id}
                          checked={!!r.incident_id || chosen.includes(r.vendor_id)}
                          onChange={(e) => toggle(r.vendor_id, e.currentTarget.checked)}
                        />
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <AnchorLink to="/vendors/$vendorId" params={{ vendorId: r.vendor_id }} size="sm" fw={600}>
                          {r.name}
                        </AnchorLink>
                        <TierBadge tier={r.tier as Tier} />
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="wrap">
                        {r.path.map((name, i) => (
                          <Fragment key={`${i}-${name}`}>
                            {i > 0 && <IconArrowRight size={12} aria-label="→" />}
                            <Text size="xs">{name}</Text>
                          </Fragment>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        {r.processing.map((p) => (
                          <Text size="sm" key={p.id}>
                            {p.service}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                    <Table.Td ta="right">{f.number(r.persons)}</Table.Td>
                    <Table.Td>
                      {r.incident_id ? (
                        <AnchorLink to="/incidents/$incidentId" params={{ incidentId: r.incident_id }} size="sm">
                          {t('incidents.reach.open')}
                        </AnchorLink>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('incidents.reach.notYet')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {canEdit && (
            <Group justify="flex-end">
              <Button
                disabled={chosen.length === 0}
                loading={register.isPending}
                onClick={() => register.mutate({ path: { incident_id: incidentId }, body: { vendor_ids: chosen } })}
              >
                {t('incidents.reach.register', { count: chosen.length })}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Paper>
  );
}
