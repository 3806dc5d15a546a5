import {
  Badge,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconAlertTriangle, IconDownload, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersListUsersOptions, vendorsListVendorsOptions } from '../../client/@tanstack/react-query.gen';
import { vendorsExportVendors } from '../../client/sdk.gen';
import type { DataCategory, Tier, VendorStatus } from '../../client/types.gen';
import { AnchorLink, ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { TIERS, TierBadge, ToneBadge } from '../../components/TierBadge';
import { filenameFromResponse, saveBlob } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { CategoryBadges } from './CategoryBadges';
import { CERTIFICATION_FILTERS, DATA_CATEGORIES, STATUS_TONES, STATUSES } from './vocabulary';

const route = getRouteApi('/_app/vendors');
const DEFAULT_SIZE = 50;

export function VendorsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [q, setQ] = useState(search.q ?? '');

  const page = search.page ?? 1;
  const size = search.size ?? DEFAULT_SIZE;
  const list = useQuery({
    ...vendorsListVendorsOptions({
      query: {
        page,
        size,
        sort: search.sort ?? 'name',
        q: search.q || undefined,
        tier: search.tier?.length ? search.tier : undefined,
        status: search.status?.length ? search.status : undefined,
        data_category: search.category,
        certification: search.certification,
        owner_user_id: search.owner,
        missing_incident_contact: search.noIncidentContact || undefined,
        assessment_overdue: search.assessmentOverdue || undefined,
        no_selection_review: search.noSelectionReview || undefined,
        no_active_contract: search.noActiveContract || undefined,
      },
    }),
    placeholderData: keepPreviousData,
  });
  const people = useQuery(usersListUsersOptions({ query: { size: 100, sort: 'name' } }));
  const owners = new Map((people.data?.items ?? []).map((p) => [p.id, p.name]));

  type Search = typeof search;
  const setSearch = (patch: Partial<Search>) =>
    void navigate({ search: (prev: Search) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const setQuery = useDebouncedCallback((value: string) => setSearch({ q: value.trim() || undefined }), 350);

  const exportCsv = useMutation({
    mutationFn: async () => {
      const { data, response } = await vendorsExportVendors({ parseAs: 'blob', throwOnError: true });
      const name = filenameFromResponse(response, 'itaku-vendors.csv');
      saveBlob(data as Blob, name);
      return name;
    },
    onSuccess: (name) => notifySuccess(t('vendors.exported', { name })),
  });

  const filtered = !!(
    search.q ||
    search.tier?.length ||
    search.status?.length ||
    search.category ||
    search.certification ||
    search.owner ||
    search.noIncidentContact ||
    search.assessmentOverdue ||
    search.noSelectionReview ||
    search.noActiveContract
  );

  return (
    <>
      <PageHeader
        title={t('vendors.title')}
        description={t('vendors.subtitle')}
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={exportCsv.isPending}
              onClick={() => exportCsv.mutate()}
            >
              {t('vendors.exportCsv')}
            </Button>
            {canEdit && (
              <ButtonLink to="/vendors/import" variant="default" leftSection={<IconFileImport size={16} />}>
                {t('vendors.importCsv')}
              </ButtonLink>
            )}
            {canEdit && (
              <ButtonLink to="/vendors/new" leftSection={<IconPlus size={16} />}>
                {t('vendors.add')}
              </ButtonLink>
            )}
          </>
        }
      />

      <Paper withBorder radius="md" p="md">
        <Stack gap="sm" mb="md">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <TextInput
              label={t('vendors.searchLabel')}
              placeholder={t('vendors.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                setQuery(e.currentTarget.value);
              }}
              style={{ flex: '1 1 260px' }}
            />
            <MultiSelect
              label={t('vendors.tierFilter')}
              placeholder={search.tier?.length ? undefined : t('common.all')}
              clearable
              value={search.tier ?? []}
              onChange={(v) => setSearch({ tier: v.length ? (v as Tier[]) : undefined })}
              data={TIERS.map((tier) => ({ value: tier, label: t(`vendors.tiers.${tier}`) }))}
              w={200}
            />
            <MultiSelect
              label={t('vendors.statusFilter')}
              placeholder={search.status?.length ? undefined : t('common.all')}
              clearable
              value={search.status ?? []}
              onChange={(v) => setSearch({ status: v.length ? (v as VendorStatus[]) : undefined })}
              data={STATUSES.map((s) => ({ value: s, label: t(`vendors.statuses.${s}`) }))}
              w={220}
            />
            <Select
              label={t('vendors.sort')}
              allowDeselect={false}
              value={search.sort ?? 'name'}
              onChange={(v) => setSearch({ sort: (v as Search['sort']) ?? undefined })}
              data={[
                { value: 'name', label: t('vendors.sortName') },
                { value: '-tier', label: t('vendors.sortTier') },
                { value: '-persons_total', label: t('vendors.sortPersons') },
                { value: '-updated_at', label: t('vendors.sortUpdated') },
              ]}
              w={180}
            />
          </Group>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label={t('vendors.categoryFilter')}
              placeholder={t('common.all')}
              clearable
              value={search.category ?? null}
              onChange={(v) => setSearch({ category: (v as DataCategory | null) ?? undefined })}
              data={DATA_CATEGORIES.map((c) => ({ value: c, label: t(`vendors.dataCategories.${c}`) }))}
              w={260}
            />
            <Select
              label={t('vendors.certificationFilter')}
              placeholder={t('common.all')}
              clearable
              value={search.certification ?? null}
              onChange={(v) => setSearch({ certification: (v as Search['certification'] | null) ?? undefined })}
              data={CERTIFICATION_FILTERS.map((c) => ({ value: c, label: t(`vendors.certificationStates.${c}`) }))}
              w={220}
            />
            <Select
              label={t('vendors.ownerFilter')}
              placeholder={t('common.all')}
              clearable
              searchable
              value={search.owner ?? null}
              onChange={(v) => setSearch({ owner: v ?? undefined })}
              data={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              w={200}
            />
            <Checkbox
              label={t('vendors.noIncidentContactFilter')}
              checked={!!search.noIncidentContact}
              onChange={(e) => setSearch({ noIncidentContact: e.currentTarget.checked || undefined })}
              mb={8}
            />
            <Tooltip label={t('assessments.registerFilters.assessmentOverdueHint')} withArrow multiline w={280} events={{ hover: true, focus: true, touch: false }}>
              <Checkbox
                label={t('assessments.registerFilters.assessmentOverdue')}
                checked={!!search.assessmentOverdue}
                onChange={(e) => setSearch({ assessmentOverdue: e.currentTarget.checked || undefined })}
                mb={8}
              />
            </Tooltip>
            <Tooltip label={t('assessments.registerFilters.noSelectionReviewHint')} withArrow multiline w={280} events={{ hover: true, focus: true, touch: false }}>
              <Checkbox
                label={t('assessments.registerFilters.noSelectionReview')}
                checked={!!search.noSelectionReview}
                onChange={(e) => setSearch({ noSelectionReview: e.currentTarget.checked || undefined })}
                mb={8}
              />
            </Tooltip>
            <Tooltip label={t('vendors.noActiveContractHint')} withArrow multiline w={280} events={{ hover: true, focus: true, touch: false }}>
              <Checkbox
                label={t('vendors.noActiveContractFilter')}
                checked={!!search.noActiveContract}
                onChange={(e) => setSearch({ noActiveContract: e.currentTarget.checked || undefined })}
                mb={8}
              />
            </Tooltip>
            {filtered && (
              <Button
                variant="subtle"
                onClick={() => {
                  setQ('');
                  setSearch({
                    q: undefined,
                    tier: undefined,
                    status: undefined,
                    category: undefined,
                    certification: undefined,
                    owner: undefined,
                    noIncidentContact: undefined,
                    assessmentOverdue: undefined,
                    noSelectionReview: undefined,
                    noActiveContract: undefined,
                  });
                }}
              >
                {t('common.clearFilters')}
              </Button>
            )}
          </Group>
        </Stack>

        {list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('vendors.name')}</Table.Th>
                  <Table.Th>{t('vendors.tier')}</Table.Th>
                  <Table.Th>{t('vendors.status')}</Table.Th>
                  <Table.Th>{t('vendors.categories')}</Table.Th>
                  <Table.Th ta="right">{t('vendors.persons')}</Table.Th>
                  <Table.Th>
                    <span className="visually-hidden">{t('vendors.incidentContact')}</span>
                  </Table.Th>
                  <Table.Th>{t('vendors.ownerFilter')}</Table.Th>
                  <Table.Th>{t('vendors.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <TableRows
                  columns={8}
                  loading={list.isPending}
                  empty={list.data?.items.length === 0}
                  emptyText={filtered ? t('common.noResults') : t('vendors.empty')}
                />
                {list.data?.items.map((v) => (
                  <Table.Tr key={v.id} data-testid="vendor-row">
                    <Table.Td>
                      <AnchorLink to="/vendors/$vendorId" params={{ vendorId: v.id }} size="sm" fw={600}>
                        {v.name}
                      </AnchorLink>
                      {v.name_kana && (
                        <Text size="xs" c="dimmed" lh={1.3}>
                          {v.name_kana}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <TierBadge tier={v.tier} />
                        {v.tier_overridden && (
                          <Tooltip label={t('vendors.overriddenHint')} withArrow>
                            <Badge size="xs" variant="outline" color="gray" tabIndex={0}>
                              {t('vendors.overridden')}
                            </Badge>
                          </Tooltip>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <ToneBadge tone={STATUS_TONES[v.status]} size="sm">
                        {t(`vendors.statuses.${v.status}`)}
                      </ToneBadge>
                    </Table.Td>
                    <Table.Td>
                      <CategoryBadges categories={v.data_categories} />
                    </Table.Td>
                    <Table.Td ta="right" className="nowrap">
                      <Text size="sm">{v.persons_total ? f.number(v.persons_total) : t('common.none')}</Text>
                    </Table.Td>
                    <Table.Td w={40}>
                      {v.missing_incident_contact && (
                        <Tooltip label={t('vendors.missingIncidentContact')} withArrow>
                          <IconAlertTriangle
                            size={18}
                            color="var(--mantine-color-red-8)"
                            role="img"
                            aria-label={t('vendors.missingIncidentContact')}
                            tabIndex={0}
                          />
                        </Tooltip>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" truncate maw={140}>
                        {v.owner_user_id ? (owners.get(v.owner_user_id) ?? '') : t('common.none')}
                      </Text>
                    </Table.Td>
                    <Table.Td className="nowrap">
                      <Text size="sm">{f.date(v.updated_at)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {list.data && (
          <Pager page={page} size={size} total={list.data.total} onPage={(p) => setSearch({ page: p === 1 ? undefined : p })} />
        )}
      </Paper>
    </>
  );
}
