import { Button, Checkbox, Group, Modal, MultiSelect, Paper, Select } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findingsListFindingsOptions } from '../../client/@tanstack/react-query.gen';
import type { FindingStatus, Severity } from '../../client/types.gen';
import { FINDING_STATUSES, SEVERITIES } from '../../components/AssessmentBadges';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryError } from '../../components/QueryError';
import { VendorSelect } from '../../components/VendorSelect';
import { notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { FindingDrawer } from './FindingDrawer';
import { FindingForm } from './FindingForm';
import { FindingsTable } from './FindingsTable';
import { useRefreshAssessments } from './refresh';

const route = getRouteApi('/_app/findings');
const DEFAULT_SIZE = 50;

export function FindingsPage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const refresh = useRefreshAssessments();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [adding, setAdding] = useState(false);

  const page = search.page ?? 1;
  const size = search.size ?? DEFAULT_SIZE;
  const list = useQuery({
    ...findingsListFindingsOptions({
      query: {
        page,
        size,
        sort: search.sort ?? '-created_at',
        status: search.status?.length ? search.status : undefined,
        severity: search.severity?.length ? search.severity : undefined,
        overdue: search.overdue || undefined,
        vendor_id: search.vendor,
      },
    }),
    placeholderData: keepPreviousData,
  });

  type Search = typeof search;
  const setSearch = (patch: Partial<Search>) =>
    void navigate({ search: (prev: Search) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const filtered = !!(search.status?.length || search.severity?.length || search.overdue || search.vendor);

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
        <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
          <MultiSelect
            label={t('assessments.findings.statusFilter')}
            placeholder={search.status?.length ? undefined : t('common.all')}
            clearable
            value={search.status ?? []}
            onChange={(v) => setSearch({ status: v.length ? (v as FindingStatus[]) : undefined })}
            data={FINDING_STATUSES.map((s) => ({ value: s, label: t(`assessments.findings.statuses.${s}`) }))}
            w={240}
          />
          <MultiSelect
            label={t('assessments.findings.severityFilter')}
            placeholder={search.severity?.length ? undefined : t('common.all')}
            clearable
            value={search.severity ?? []}
            onChange={(v) => setSearch({ severity: v.length ? (v as Severity[]) : undefined })}
            data={SEVERITIES.map((s) => ({ value: s, label: t(`assessments.findings.severities.${s}`) }))}
            w={200}
          />
          <VendorSelect
            label={t('assessments.findings.vendorFilter')}
            placeholder={t('common.all')}
            clearable
            value={search.vendor ?? null}
            onChange={(v) => setSearch({ vendor: v ?? undefined })}
            w={240}
          />
          <Select
            label={t('assessments.findings.sort')}
            allowDeselect={false}
            value={search.sort ?? '-created_at'}
            onChange={(v) => setSearch({ sort: (v as Search['sort']) ?? undefined })}
            data={[
              { value: '-created_at', label: t('assessments.findings.sortCreated') },
              { value: 'due_date', label: t('assessments.findings.sortDue') },
              { value: '-updated_at', label: t('assessments.findings.sortUpdated') },
            ]}
            w={190}
          />
          <Checkbox
            label={t('assessments.findings.overdueFilter')}
            checked={!!search.overdue}
            onChange={(e) => setSearch({ overdue: e.currentTarget.checked || undefined })}
            mb={8}
          />
          {filtered && (
            <Button variant="subtle" onClick={() => setSearch({ status: undefined, severity: undefined, overdue: undefined, vendor: undefined })}>
              {t('common.clearFilters')}
            </Button>
          )}
        </Group>
        {list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <FindingsTable
            findings={list.data?.items}
            loading={list.isPending}
            emptyText={filtered ? t('assessments.findings.emptyFiltered') : t('assessments.findings.empty')}
            showVendor
            onOpen={(id) => void navigate({ search: (prev: Search) => ({ ...prev, finding: id }) })}
          />
        )}
        {list.data && (
          <Pager page={page} size={size} total={list.data.total} onPage={(p) => setSearch({ page: p === 1 ? undefined : p })} />
        )}
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
              void navigate({ search: (prev: Search) => ({ ...prev, finding: finding.id }) });
            }}
          />
        )}
      </Modal>
      <FindingDrawer
        findingId={search.finding}
        onClose={() => void navigate({ search: (prev: Search) => ({ ...prev, finding: undefined }) })}
        onChanged={() => void refresh()}
      />
    </>
  );
}
