import { Alert, Badge, Button, Group, List, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconEdit, IconFileTypeDocx, IconPrinter } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contractsGetContractGapsOptions } from '../../client/@tanstack/react-query.gen';
import type { GapRowRead, Status } from '../../client/types.gen';
import { contractsGetContractAddendum } from '../../client/sdk.gen';
import { ButtonLink } from '../../components/links';
import { QueryError } from '../../components/QueryError';
import { ToneBadge } from '../../components/TierBadge';
import { textIn } from '../../lib/bilingual';
import { filenameFromResponse, openPageInTab, saveBlob } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { GAP_TONES, LevelBadge, MyNumberBadge } from './badges';
import { GAP_ORDER, groupGaps } from './clauses';

const GROUP_TITLES = { missing: 'groupMissing', weaker: 'groupWeaker', met: 'groupMet' } as const;
const BORDER: Record<Status, string> = {
  missing: 'var(--mantine-color-red-7)',
  weaker: 'var(--mantine-color-yellow-6)',
  met: 'var(--mantine-color-teal-6)',
};

function Count({ status, count, required }: { status: Status; count: number; required?: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Paper withBorder radius="md" p="sm" style={{ borderLeft: `4px solid ${BORDER[status]}` }} data-testid="gap-count" data-status={status}>
      <Text size="xs" c="dimmed" fw={500}>
        {t(`contracts.gaps.${status}`)}
      </Text>
      <Group gap="xs" align="baseline">
        <Text fz={26} fw={700} lh={1.2}>
          {f.number(count)}
        </Text>
        {required !== undefined && required > 0 && (
          <Text size="sm" c="red.9" fw={600}>
            {t('contracts.gaps.requiredCount', { count: required })}
          </Text>
        )}
      </Group>
    </Paper>
  );
}

function GapRow({ row }: { row: GapRowRead }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder radius="md" p="sm" style={{ borderLeft: `4px solid ${BORDER[row.status]}` }} data-testid="gap-row" data-key={row.key} data-status={row.status}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Text fw={600} size="sm">
          {textIn(row.title, i18n.language)}
        </Text>
        <Group gap={6} wrap="nowrap">
          <LevelBadge level={row.level} />
          <ToneBadge tone={GAP_TONES[row.status]} miw="max-content">
            {t(`contracts.gaps.${row.status}`)}
          </ToneBadge>
        </Group>
      </Group>
      {row.reasons.length > 0 && (
        <List size="sm" mt={6} spacing={2}>
          {row.reasons.map((r) => (
            <List.Item key={r.code} data-reason={r.code}>
              {textIn(r, i18n.language)}
            </List.Item>
          ))}
        </List>
      )}
      <Group gap="md" mt={6}>
        {row.ref && (
          <Text size="xs" c="dimmed">
            {t('contracts.gaps.ref', { ref: row.ref })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('contracts.gaps.source')}: {textIn(row.source, i18n.language)}
        </Text>
      </Group>
    </Paper>
  );
}

async function fetchAddendum(contractId: string, lang: 'ja' | 'en', format: 'html' | 'docx') {
  const { data, response } = await contractsGetContractAddendum({
    path: { contract_id: contractId },
    query: { lang, format },
    parseAs: 'blob',
    throwOnError: true,
  });
  return { blob: data as Blob, response };
}

/** The draft addendum that would close the gaps: a Word file to send, or a page to print. */
function Addendum({ contractId, canEdit }: { contractId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const docx = useMutation({
    mutationFn: async () => {
      const { blob, response } = await fetchAddendum(contractId, lang, 'docx');
      const name = filenameFromResponse(response, 'itaku-addendum.docx');
      saveBlob(blob, name);
      return name;
    },
    onSuccess: (name) => notifySuccess(t('contracts.gaps.addendumDownloaded', { name })),
  });
  const print = useMutation({
    mutationFn: (tab: Window | null) => openPageInTab(tab, async () => (await fetchAddendum(contractId, lang, 'html')).blob),
  });
  return (
    <Paper withBorder radius="md" p="md" data-testid="addendum">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ flex: '1 1 280px' }}>
          <Text fw={600} size="sm">
            {t('contracts.gaps.addendumTitle')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('contracts.gaps.addendumHint')}
          </Text>
        </Stack>
        <Group gap="xs">
          {canEdit && (
            <ButtonLink to="." search={{ tab: 'details' }} variant="subtle" size="xs" leftSection={<IconEdit size={14} />}>
              {t('contracts.gaps.editClauses')}
            </ButtonLink>
          )}
          <Button variant="default" size="xs" leftSection={<IconPrinter size={14} />} loading={print.isPending} onClick={() => print.mutate(window.open('', '_blank'))}>
            {t('contracts.gaps.printView')}
          </Button>
          <Button size="xs" leftSection={<IconFileTypeDocx size={14} />} loading={docx.isPending} onClick={() => docx.mutate()}>
            {t('contracts.gaps.addendumDocx')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

/** What the contract lacks against the library and policy: missing first, then weaker, then met. */
export function GapReport({ contractId, canEdit }: { contractId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const report = useQuery(contractsGetContractGapsOptions({ path: { contract_id: contractId } }));
  if (report.error) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  if (!report.data) return <Skeleton height={320} radius="md" />;
  const { summary, rows, profile, covers_my_number, unknown_clause_keys } = report.data;
  const groups = groupGaps(rows);

  return (
    <Stack gap="md" data-testid="gap-report">
      <Group gap="sm">
        <Badge variant="light" color="gray" size="lg">
          {t('contracts.gaps.profile', { profile: t(`jurisdictions.${profile}`) })}
        </Badge>
        {covers_my_number && <MyNumberBadge />}
      </Group>
      {summary.complete ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title={t('contracts.gaps.complete')} data-testid="gap-summary" data-complete="true" />
      ) : (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('contracts.gaps.incomplete')} data-testid="gap-summary" data-complete="false" />
      )}
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Count status="missing" count={summary.missing} required={summary.required_missing} />
        <Count status="weaker" count={summary.weaker} required={summary.required_weaker} />
        <Count status="met" count={summary.met} />
      </SimpleGrid>
      {summary.missing + summary.weaker > 0 && <Addendum contractId={contractId} canEdit={canEdit} />}
      {unknown_clause_keys.length > 0 && (
        <Alert color="orange" variant="light">
          {t('contracts.gaps.unknownKeys', { keys: unknown_clause_keys.join(t('common.listSeparator')) })}
        </Alert>
      )}
      {GAP_ORDER.map((status) => (
        <section key={status} data-testid="gap-group" data-status={status} aria-labelledby={`gap-group-${status}`}>
          <Title order={3} fz="md" mb="xs" id={`gap-group-${status}`}>
            {t(`contracts.gaps.${GROUP_TITLES[status]}`)} ({groups[status].length})
          </Title>
          {groups[status].length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('contracts.gaps.none')}
            </Text>
          ) : (
            <Stack gap="xs">
              {groups[status].map((row) => (
                <GapRow key={row.key} row={row} />
              ))}
            </Stack>
          )}
        </section>
      ))}
    </Stack>
  );
}
