import { Badge, Button, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileImport, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usersListUsersOptions, vendorsListVendorsOptions } from '../../client/@tanstack/react-query.gen';
import { vendorsExportVendors } from '../../client/sdk.gen';
import { CategoryBadges, DATA_CATEGORIES } from '../../components/CategoryBadges';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ClearFilters, FlagFilter, MultiFilter, SearchFilter, SelectFilter, SortSelect } from '../../components/ListFilters';
import { ListTable } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { TIERS, TierBadge, ToneBadge } from '../../components/TierBadge';
import { filenameFromResponse, saveBlob } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { useListSearch } from '../../lib/listSearch';
import { notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { CERTIFICATION_FILTERS, STATUS_TONES, STATUSES } from './vocabulary';

const route = getRouteApi('/_app/vendors');
const FILTERS = [
  'q',
  'tier',
  'status',
  'category',
  'certification',
  'owner',
  'noIncidentContact',
  'assessmentOverdue',
  'noSelectionReview',
  'noActiveContract',
] as const;
const SORTS = ['name', '-tier', '-persons_total', '-updated_at'] as const;
const SORT_LABELS = {
  name: 'vendors.sortName',
  '-tier': 'vendors.sortTier',
  '-persons_total': 'vendors.sortPersons',
  '-updated_at': 'vendors.sortUpdated',
} as const;

export function VendorsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const { search, setSearch, filtered, clearFilters, paging } = useListSearch(route, { filters: FILTERS });

  const list = useQuery({
    ...vendorsListVendorsOptions({
      query: {
        page: paging.page,
        size: paging.size,
        sort: search.sort ?? SORTS[0],
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

  const exportCsv = useMutation({
    mutationFn: async () => {
      const { data, response } = await vendorsExportVendors({ parseAs: 'blob', throwOnError: true });
      const name = filenameFromResponse(response, 'itaku-vendors.csv');
      saveBlob(data as Blob, name);
      return name;
    },
    onSuccess: (name) => notifySuccess(t('vendors.exported', { name })),
  });

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
            <SearchFilter
              label={t('vendors.searchLabel')}
              placeholder={t('vendors.searchPlaceholder')}
              value={search.q}
              onChange={(q) => setSearch({ q })}
              minWidth={260}
            />
            <MultiFilter
              label={t('vendors.tierFilter')}
              value={search.tier}
              onChange={(tier) => setSearch({ tier })}
              options={TIERS}
              optionLabel={(tier) => t(`vendors.tiers.${tier}`)}
              w={200}
            />
            <MultiFilter
              label={t('vendors.statusFilter')}
              value={search.status}
              onChange={(status) => setSearch({ status })}
              options={STATUSES}
              optionLabel={(s) => t(`vendors.statuses.${s}`)}
              w={220}
            />
            <SortSelect
              label={t('vendors.sort')}
              value={search.sort}
              onChange={(sort) => setSearch({ sort })}
              options={SORTS}
              optionLabel={(s) => t(SORT_LABELS[s])}
              w={180}
            />
          </Group>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <SelectFilter
              label={t('vendors.categoryFilter')}
              value={search.category}
              onChange={(category) => setSearch({ category })}
              options={DATA_CATEGORIES}
              optionLabel={(c) => t(`vendors.dataCategories.${c}`)}
              w={260}
            />
            <SelectFilter
              label={t('vendors.certificationFilter')}
              value={search.certification}
              onChange={(certification) => setSearch({ certification })}
              options={CERTIFICATION_FILTERS}
              optionLabel={(c) => t(`vendors.certificationStates.${c}`)}
              w={220}
            />
            <SelectFilter
              label={t('vendors.ownerFilter')}
              searchable
              value={search.owner}
              onChange={(owner) => setSearch({ owner })}
              options={(people.data?.items ?? []).map((p) => p.id)}
              optionLabel={(id) => owners.get(id) ?? ''}
              w={200}
            />
            <FlagFilter
              label={t('vendors.noIncidentContactFilter')}
              value={search.noIncidentContact}
              onChange={(noIncidentContact) => setSearch({ noIncidentContact })}
            />
            <FlagFilter
              label={t('assessments.registerFilters.assessmentOverdue')}
              hint={t('assessments.registerFilters.assessmentOverdueHint')}
              value={search.assessmentOverdue}
              onChange={(assessmentOverdue) => setSearch({ assessmentOverdue })}
            />
            <FlagFilter
              label={t('assessments.registerFilters.noSelectionReview')}
              hint={t('assessments.registerFilters.noSelectionReviewHint')}
              value={search.noSelectionReview}
              onChange={(noSelectionReview) => setSearch({ noSelectionReview })}
            />
            <FlagFilter
              label={t('vendors.noActiveContractFilter')}
              hint={t('vendors.noActiveContractHint')}
              value={search.noActiveContract}
              onChange={(noActiveContract) => setSearch({ noActiveContract })}
            />
            <ClearFilters shown={filtered} onClear={clearFilters} />
          </Group>
        </Stack>

        <ListTable
          query={list}
          items={list.data?.items}
          columns={8}
          minWidth={960}
          emptyText={t('vendors.empty')}
          filtered={filtered}
          paging={paging}
          count={list.data}
          head={
            <>
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
            </>
          }
          row={(v) => (
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
          )}
        />
      </Paper>
    </>
  );
}
