import { Alert, Badge, Box, Group, MultiSelect, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconExclamationMark, IconSettings, IconX } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useId, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { contractsGetGapOverviewOptions } from '../../client/@tanstack/react-query.gen';
import type { ContractGapsRead, ContractStatus, GapOverviewRead, RequirementGapsRead } from '../../client/types.gen';
import { ContractStatusBadge } from '../../components/ContractStatusBadge';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ClearFilters, FilterBar, SortSelect, VendorFilter } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { EmptyText, QueryState } from '../../components/QueryState';
import { ToneBadge } from '../../components/TierBadge';
import { textIn } from '../../lib/bilingual';
import { useFormat } from '../../lib/format';
import { useListSearch } from '../../lib/listSearch';
import { CONTRACT_STATUSES, MyNumberBadge, RenewalDueBadge } from './badges';
import { ContractsNav } from './ContractsNav';
import { GapLegend, GapMark, GapSummary } from './GapMarks';
import { cellLabel, cellsByKey, sortContracts, type OverviewSort } from './overview';

const route = getRouteApi('/_app/contracts/overview');
// The API's default when `status` is left out.
const DEFAULT_STATUSES: ContractStatus[] = ['active'];
const SORTS = ['gaps', 'vendor'] as const satisfies readonly OverviewSort[];

/** Organisation-wide: which contracts lack which clauses, one row per contract and one column per requirement. */
export function GapOverviewPage() {
  const { t, i18n } = useTranslation();
  const { search, setSearch, filtered, clearFilters } = useListSearch(route, { filters: ['status', 'vendor'] });
  const overview = useQuery({
    ...contractsGetGapOverviewOptions({ query: { status: search.status, vendor_id: search.vendor } }),
    placeholderData: keepPreviousData,
  });

  const sort: OverviewSort = search.sort ?? 'gaps';
  const data = overview.data;

  return (
    <>
      <ContractsNav current="overview" />
      <PageHeader
        title={t('contracts.overview.title')}
        description={t('contracts.overview.subtitle')}
        actions={
          <ButtonLink to="/contracts/policy" variant="default" leftSection={<IconSettings size={16} />}>
            {t('contracts.policyLink')}
          </ButtonLink>
        }
      />

      {data && data.vendors_without_active_contract > 0 && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} mb="md" data-testid="vendors-without-contract">
          <Group gap="sm" justify="space-between" wrap="wrap">
            <Text size="sm">{t('contracts.overview.noActiveContract', { count: data.vendors_without_active_contract })}</Text>
            <AnchorLink to="/vendors" search={{ noActiveContract: true }} size="sm" fw={600}>
              {t('contracts.overview.noActiveContractLink')}
            </AnchorLink>
          </Group>
        </Alert>
      )}

      <Paper withBorder radius="md" p="md">
        <FilterBar>
          <VendorFilter label={t('contracts.vendorFilter')} value={search.vendor} onChange={(vendor) => setSearch({ vendor })} w={260} />
          <MultiSelect
            label={t('contracts.statusFilter')}
            value={search.status ?? DEFAULT_STATUSES}
            // Nothing chosen is the default again (active), as the API reads it.
            onChange={(v) => setSearch({ status: v.length && !(v.length === 1 && v[0] === 'active') ? (v as ContractStatus[]) : undefined })}
            data={CONTRACT_STATUSES.map((s) => ({ value: s, label: t(`contracts.statuses.${s}`) }))}
            w={300}
          />
          <SortSelect
            label={t('contracts.overview.sort')}
            value={sort}
            onChange={(v) => setSearch({ sort: v === 'vendor' ? v : undefined })}
            options={SORTS}
            optionLabel={(s) => t(s === 'gaps' ? 'contracts.overview.sortGaps' : 'contracts.overview.sortVendor')}
            w={220}
          />
          <ClearFilters shown={filtered} onClear={clearFilters} />
          {data && (
            <Badge variant="light" color="gray" size="lg" ml="auto">
              {t('contracts.gaps.profile', { profile: t(`jurisdictions.${data.profile}`) })}
            </Badge>
          )}
        </FilterBar>

        <QueryState
          query={overview}
          placeholder={<Skeleton height={320} radius="md" />}
          isEmpty={(d) => d.contracts.length === 0}
          empty={
            <EmptyText py="xl" data-testid="overview-empty">
              {filtered ? t('contracts.overview.empty') : t('contracts.overview.emptyActive')}
            </EmptyText>
          }
        >
          {(d) => (
            <Stack gap="sm">
              <GapLegend />
              <GapMatrix overview={d} rows={sortContracts(d.contracts, sort, i18n.language)} />
            </Stack>
          )}
        </QueryState>
      </Paper>
    </>
  );
}

const FIRST_WIDTH = 240;
const SUMMARY_WIDTH = 185;
const EDGE = 'inset -1px 0 0 var(--mantine-color-gray-3)';

/** A cell that stays in view while the requirement columns scroll sideways (it needs a background of its own). */
function sticky(left: number, width: number, zIndex = 1, edge = false): CSSProperties {
  return {
    position: 'sticky',
    left,
    zIndex,
    width,
    minWidth: width,
    maxWidth: width,
    background: 'var(--mantine-color-body)',
    boxShadow: edge ? EDGE : undefined,
  };
}

function RequirementHeader({ r }: { r: RequirementGapsRead }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <Table.Th scope="col" data-testid="requirement-column" data-key={r.key} style={{ verticalAlign: 'bottom', textAlign: 'center', padding: '8px 4px', minWidth: 44 }}>
      <Stack gap={4} align="center">
        <span
          style={{
            // Japanese reads naturally top to bottom; English is turned to read bottom to top, as in a spreadsheet.
            writingMode: 'vertical-rl',
            transform: en ? 'rotate(180deg)' : undefined,
            maxInlineSize: '12em',
            lineHeight: 1.3,
            fontSize: 'var(--mantine-font-size-xs)',
            fontWeight: 600,
            textAlign: 'start',
            overflowWrap: 'normal',
            wordBreak: 'normal',
          }}
        >
          {textIn(r.title, i18n.language)}
        </span>
        {r.custom && (
          <ToneBadge tone="info" size="xs" px={4}>
            {t('contracts.overview.ownColumn')}
          </ToneBadge>
        )}
      </Stack>
    </Table.Th>
  );
}

function Counts({ r }: { r: RequirementGapsRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.Td ta="center" data-testid="requirement-counts" data-key={r.key} style={{ padding: '4px' }}>
      <span className="visually-hidden">{t('contracts.overview.counts', { missing: r.missing, weaker: r.weaker })}</span>
      <Stack gap={0} align="center" aria-hidden="true">
        <Group gap={1} wrap="nowrap" c={r.missing ? 'red.9' : 'dimmed'}>
          <IconX size={11} stroke={3} />
          <Text size="xs" fw={r.missing ? 700 : 400}>
            {f.number(r.missing)}
          </Text>
        </Group>
        <Group gap={1} wrap="nowrap" c={r.weaker ? '#6b4f00' : 'dimmed'}>
          <IconExclamationMark size={11} stroke={3} />
          <Text size="xs" fw={r.weaker ? 700 : 400}>
            {f.number(r.weaker)}
          </Text>
        </Group>
      </Stack>
    </Table.Td>
  );
}

function ContractRow({ c, requirements }: { c: ContractGapsRead; requirements: readonly RequirementGapsRead[] }) {
  const { t, i18n } = useTranslation();
  const cells = cellsByKey(c);
  return (
    <Table.Tr data-testid="overview-row" data-contract-id={c.contract_id}>
      <Table.Th scope="row" style={{ ...sticky(0, FIRST_WIDTH), fontWeight: 'normal' }}>
        <Stack gap={2}>
          <AnchorLink to="/vendors/$vendorId" params={{ vendorId: c.vendor_id }} size="xs" c="gray.7">
            {c.vendor_name}
          </AnchorLink>
          <AnchorLink to="/contracts/$contractId" params={{ contractId: c.contract_id }} size="sm" fw={600}>
            {c.title}
          </AnchorLink>
          <Group gap={4} mt={2}>
            <ContractStatusBadge status={c.status} />
            {c.covers_my_number && <MyNumberBadge />}
            {c.renewal_due && <RenewalDueBadge />}
          </Group>
        </Stack>
      </Table.Th>
      <Table.Td style={sticky(FIRST_WIDTH, SUMMARY_WIDTH, 1, true)}>
        <GapSummary summary={c.summary} />
      </Table.Td>
      {requirements.map((r) => {
        const cell = cells.get(r.key);
        if (!cell) {
          return (
            <Table.Td key={r.key} data-testid="gap-cell" data-key={r.key} data-status="none">
              <span className="visually-hidden">{t('contracts.overview.notApplicable')}</span>
            </Table.Td>
          );
        }
        const label = cellLabel(t, cell);
        return (
          <Table.Td
            key={r.key}
            ta="center"
            data-testid="gap-cell"
            data-key={r.key}
            data-status={cell.status}
            data-level={cell.level}
            title={`${textIn(r.title, i18n.language)}: ${label}`}
            style={{ padding: '6px 4px' }}
          >
            <GapMark status={cell.status} level={cell.level} />
            <span className="visually-hidden">{label}</span>
          </Table.Td>
        );
      })}
    </Table.Tr>
  );
}

/**
 * The matrix. With ~18 requirement columns it is wider than the page: it scrolls sideways inside its own box (which
 * takes keyboard focus for that), the contract and summary columns stay put, and the header stays on top.
 */
function GapMatrix({ overview, rows }: { overview: GapOverviewRead; rows: readonly ContractGapsRead[] }) {
  const { t } = useTranslation();
  const captionId = useId();
  const { requirements } = overview;
  return (
    <Box
      tabIndex={0}
      role="region"
      aria-labelledby={captionId}
      style={{ overflow: 'auto', maxHeight: '75vh', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}
      data-testid="gap-matrix"
    >
      <Table verticalSpacing={6} horizontalSpacing="xs" withColumnBorders style={{ width: 'max-content', minWidth: '100%', borderCollapse: 'separate', borderSpacing: 0 }}>
        <caption id={captionId} className="visually-hidden">
          {t('contracts.overview.tableLabel')}
        </caption>
        <Table.Thead style={{ position: 'sticky', top: 0, zIndex: 3, background: 'var(--mantine-color-body)' }}>
          <Table.Tr>
            <Table.Th scope="col" style={{ ...sticky(0, FIRST_WIDTH, 2), verticalAlign: 'bottom' }}>
              {t('contracts.overview.contractColumn')}
            </Table.Th>
            <Table.Th scope="col" style={{ ...sticky(FIRST_WIDTH, SUMMARY_WIDTH, 2, true), verticalAlign: 'bottom' }}>
              {t('contracts.overview.summaryColumn')}
            </Table.Th>
            {requirements.map((r) => (
              <RequirementHeader key={r.key} r={r} />
            ))}
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row" colSpan={2} style={{ ...sticky(0, FIRST_WIDTH + SUMMARY_WIDTH, 2, true), fontSize: 'var(--mantine-font-size-xs)' }}>
              {t('contracts.overview.countsRow')}
            </Table.Th>
            {requirements.map((r) => (
              <Counts key={r.key} r={r} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <ContractRow key={c.contract_id} c={c} requirements={requirements} />
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
