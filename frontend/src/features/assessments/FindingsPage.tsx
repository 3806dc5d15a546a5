import { Button, Modal, Paper } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findingsListFindingsOptions } from '../../client/@tanstack/react-query.gen';
import { FINDING_STATUSES, SEVERITIES } from '../../components/AssessmentBadges';
import { ClearFilters, FilterBar, FlagFilter, MultiFilter, SortSelect, VendorFilter } from '../../components/ListFilters';
import { PageHeader } from '../../components/PageHeader';
import { useListSearch } from '../../lib/listSearch';
import { notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { FindingDrawer } from './FindingDrawer';
import { FindingForm } from './FindingForm';
import { FindingsTable } from './FindingsTable';
import { useRefreshAssessments } from './refresh';

const route = getRouteApi('/_app/findings');
const FILTERS = ['status', 'severity', 'overdue', 'vendor'] as const;
const SORTS = ['-created_at', 'due_date', '-updated_at'] as const;
const SORT_LABELS = {
  '-created_at': 'assessments.findings.sortCreated',
  due_date: 'assessments.findings.sortDue',
  '-updated_at': 'assessments.findings.sortUpdated',
} as const;

export function FindingsPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const refresh = useRefreshAssessments();
  const { search, setSearch, patchSearch, filtered, clearFilters, paging } = useListSearch(route, { filters: FILTERS });
  const [adding, setAdding] = useState(false);

  const list = useQuery({
    ...findingsListFindingsOptions({
      query: {
        page: paging.page,
        size: paging.size,
        sort: search.sort ?? SORTS[0],
        status: search.status?.length ? search.status : undefined,
        severity: search.severity?.length ? search.severity : undefined,
        overdue: search.overdue || undefined,
        vendor_id: search.vendor,
      },
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('assessments.findings.title')}
        description={t('assessments.findings.subtitle')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {t('assessments.findings.add')}
            </Button>
          )
        }
      />
      <Paper withBorder radius="md" p="md">
        <FilterBar>
          <MultiFilter
            label={t('assessments.findings.statusFilter')}
            value={search.status}
            onChange={(status) => setSearch({ status })}
            options={FINDING_STATUSES}
            optionLabel={(s) => t(`assessments.findings.statuses.${s}`)}
            w={240}
          />
          <MultiFilter
            label={t('assessments.findings.severityFilter')}
            value={search.severity}
            onChange={(severity) => setSearch({ severity })}
            options={SEVERITIES}
            optionLabel={(s) => t(`assessments.findings.severities.${s}`)}
            w={200}
          />
          <VendorFilter label={t('assessments.findings.vendorFilter')} value={search.vendor} onChange={(vendor) => setSearch({ vendor })} w={240} />
          <SortSelect
            label={t('assessments.findings.sort')}
            value={search.sort}
            onChange={(sort) => setSearch({ sort })}
            options={SORTS}
            optionLabel={(s) => t(SORT_LABELS[s])}
            w={190}
          />
          <FlagFilter label={t('assessments.findings.overdueFilter')} value={search.overdue} onChange={(overdue) => setSearch({ overdue })} />
          <ClearFilters shown={filtered} onClear={clearFilters} />
        </FilterBar>
        <FindingsTable
          query={list}
          findings={list.data?.items}
          emptyText={filtered ? t('assessments.findings.emptyFiltered') : t('assessments.findings.empty')}
          showVendor
          onOpen={(finding) => patchSearch({ finding })}
          paging={paging}
          count={list.data}
        />
      </Paper>
      <Modal opened={adding} onClose={() => setAdding(false)} size="lg" title={t('assessments.findings.addTitle')}>
        {adding && (
          <FindingForm
            vendorId={search.vendor}
            onCancel={() => setAdding(false)}
            onSaved={(finding) => {
              notifySuccess(t('assessments.findings.added'));
              setAdding(false);
              void refresh();
              patchSearch({ finding: finding.id });
            }}
          />
        )}
      </Modal>
      <FindingDrawer
        findingId={search.finding}
        onClose={() => patchSearch({ finding: undefined })}
        onChanged={() => void refresh()}
      />
    </>
  );
}
