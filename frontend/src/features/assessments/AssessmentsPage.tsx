import { Button, Modal, Paper, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { assessmentsListAssessmentsOptions } from '../../client/@tanstack/react-query.gen';
import { ASSESSMENT_STATUSES, AssessmentCells } from '../../components/AssessmentBadges';
import { AnchorLink } from '../../components/links';
import { ClearFilters, FilterBar, FlagFilter, MultiFilter, SearchFilter, SelectFilter, SortSelect, VendorFilter } from '../../components/ListFilters';
import { ListTable } from '../../components/ListTable';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../lib/format';
import { useListSearch } from '../../lib/listSearch';
import { notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { NewAssessmentForm } from './NewAssessmentForm';
import { KINDS } from './vocabulary';

const route = getRouteApi('/_app/assessments');
const FILTERS = ['q', 'status', 'kind', 'overdue', 'vendor'] as const;
const SORTS = ['-updated_at', '-created_at', 'due_date', 'score', 'title'] as const;
const SORT_LABELS = {
  '-updated_at': 'assessments.sortUpdated',
  '-created_at': 'assessments.sortCreated',
  due_date: 'assessments.sortDue',
  score: 'assessments.sortScore',
  title: 'assessments.sortTitle',
} as const;

export function AssessmentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const { search, setSearch, patchSearch, filtered, clearFilters, paging } = useListSearch(route, { filters: FILTERS });
  const navigate = route.useNavigate();

  const list = useQuery({
    ...assessmentsListAssessmentsOptions({
      query: {
        page: paging.page,
        size: paging.size,
        sort: search.sort ?? SORTS[0],
        q: search.q || undefined,
        status: search.status?.length ? search.status : undefined,
        kind: search.kind,
        overdue: search.overdue || undefined,
        vendor_id: search.vendor,
      },
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('assessments.title')}
        description={t('assessments.subtitle')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => patchSearch({ new: true })}>
              {t('assessments.new')}
            </Button>
          )
        }
      />

      <Paper withBorder radius="md" p="md">
        <FilterBar>
          <SearchFilter
            label={t('assessments.searchLabel')}
            placeholder={t('assessments.searchPlaceholder')}
            value={search.q}
            onChange={(q) => setSearch({ q })}
          />
          <MultiFilter
            label={t('assessments.statusFilter')}
            value={search.status}
            onChange={(status) => setSearch({ status })}
            options={ASSESSMENT_STATUSES}
            optionLabel={(s) => t(`assessments.statuses.${s}`)}
            w={240}
          />
          <SelectFilter
            label={t('assessments.kindFilter')}
            value={search.kind}
            onChange={(kind) => setSearch({ kind })}
            options={KINDS}
            optionLabel={(k) => t(`assessments.kinds.${k}`)}
            w={160}
          />
          <VendorFilter label={t('assessments.vendorFilter')} value={search.vendor} onChange={(vendor) => setSearch({ vendor })} w={240} />
          <SortSelect
            label={t('assessments.sort')}
            value={search.sort}
            onChange={(sort) => setSearch({ sort })}
            options={SORTS}
            optionLabel={(s) => t(SORT_LABELS[s])}
            w={190}
          />
          <FlagFilter label={t('assessments.overdueFilter')} value={search.overdue} onChange={(overdue) => setSearch({ overdue })} />
          <ClearFilters shown={filtered} onClear={clearFilters} />
        </FilterBar>

        <ListTable
          query={list}
          items={list.data?.items}
          columns={8}
          minWidth={980}
          emptyText={t('assessments.empty')}
          filtered={filtered}
          paging={paging}
          count={list.data}
          head={
            <>
              <Table.Th>{t('assessments.columns.title')}</Table.Th>
              <Table.Th>{t('assessments.columns.vendor')}</Table.Th>
              <Table.Th>{t('assessments.columns.kind')}</Table.Th>
              <Table.Th>{t('assessments.columns.status')}</Table.Th>
              <Table.Th>{t('assessments.columns.due')}</Table.Th>
              <Table.Th>{t('assessments.columns.score')}</Table.Th>
              <Table.Th ta="right" className="nowrap">
                {t('assessments.columns.openFindings')}
              </Table.Th>
              <Table.Th>{t('assessments.columns.updated')}</Table.Th>
            </>
          }
          row={(a) => (
            <Table.Tr key={a.id} data-testid="assessment-row">
              <Table.Td>
                <AnchorLink to="/assessments/$assessmentId" params={{ assessmentId: a.id }} size="sm" fw={600}>
                  {a.title}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <AnchorLink to="/vendors/$vendorId" params={{ vendorId: a.vendor_id }} size="sm" c="inherit">
                  {a.vendor_name}
                </AnchorLink>
              </Table.Td>
              <AssessmentCells a={a} />
              <Table.Td ta="right">
                {a.open_findings > 0 ? (
                  <AnchorLink to="/assessments/$assessmentId" params={{ assessmentId: a.id }} hash="findings" size="sm" fw={600}>
                    {t('assessments.openFindingsCount', { count: a.open_findings })}
                  </AnchorLink>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('common.none')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td className="nowrap">
                <Text size="sm">{f.date(a.updated_at)}</Text>
              </Table.Td>
            </Table.Tr>
          )}
        />
      </Paper>

      <Modal
        opened={!!search.new && canEdit}
        onClose={() => patchSearch({ new: undefined }, { replace: true })}
        size="lg"
        title={t('assessments.create.title')}
      >
        <NewAssessmentForm
          vendorId={search.vendor}
          onCancel={() => patchSearch({ new: undefined }, { replace: true })}
          onCreated={(a) => {
            notifySuccess(t('assessments.create.created', { title: a.title }));
            void navigate({ to: '/assessments/$assessmentId', params: { assessmentId: a.id } });
          }}
        />
      </Modal>
    </>
  );
}
