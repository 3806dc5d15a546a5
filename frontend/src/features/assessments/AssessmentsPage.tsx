import { Button, Checkbox, Group, Modal, MultiSelect, Paper, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assessmentsListAssessmentsOptions } from '../../client/@tanstack/react-query.gen';
import type { AssessmentKind, AssessmentStatus } from '../../client/types.gen';
import { ASSESSMENT_STATUSES, AssessmentStatusBadge, DueDate, ScoreBand } from '../../components/AssessmentBadges';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { QueryError } from '../../components/QueryError';
import { TableRows } from '../../components/TableRows';
import { VendorSelect } from '../../components/VendorSelect';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { NewAssessmentForm } from './NewAssessmentForm';
import { KINDS } from './vocabulary';

const route = getRouteApi('/_app/assessments');
const DEFAULT_SIZE = 50;

export function AssessmentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [q, setQ] = useState(search.q ?? '');

  const page = search.page ?? 1;
  const size = search.size ?? DEFAULT_SIZE;
  const list = useQuery({
    ...assessmentsListAssessmentsOptions({
      query: {
        page,
        size,
        sort: search.sort ?? '-updated_at',
        q: search.q || undefined,
        status: search.status?.length ? search.status : undefined,
        kind: search.kind,
        overdue: search.overdue || undefined,
        vendor_id: search.vendor,
      },
    }),
    placeholderData: keepPreviousData,
  });

  type Search = typeof search;
  const setSearch = (patch: Partial<Search>) =>
    void navigate({ search: (prev: Search) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const setQuery = useDebouncedCallback((value: string) => setSearch({ q: value.trim() || undefined }), 350);
  const filtered = !!(search.q || search.status?.length || search.kind || search.overdue || search.vendor);

  return (
    <>
      <PageHeader
        title={t('assessments.title')}
        description={t('assessments.subtitle')}
        actions={
          canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => void navigate({ search: (prev: Search) => ({ ...prev, new: true }) })}>
              {t('assessments.new')}
            </Button>
          )
        }
      />

      <Paper withBorder radius="md" p="md">
        <Group gap="sm" align="flex-end" wrap="wrap" mb="md">
          <TextInput
            label={t('assessments.searchLabel')}
            placeholder={t('assessments.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setQuery(e.currentTarget.value);
            }}
            style={{ flex: '1 1 220px' }}
          />
          <MultiSelect
            label={t('assessments.statusFilter')}
            placeholder={search.status?.length ? undefined : t('common.all')}
            clearable
            value={search.status ?? []}
            onChange={(v) => setSearch({ status: v.length ? (v as AssessmentStatus[]) : undefined })}
            data={ASSESSMENT_STATUSES.map((s) => ({ value: s, label: t(`assessments.statuses.${s}`) }))}
            w={240}
          />
          <Select
            label={t('assessments.kindFilter')}
            placeholder={t('common.all')}
            clearable
            value={search.kind ?? null}
            onChange={(v) => setSearch({ kind: (v as AssessmentKind | null) ?? undefined })}
            data={KINDS.map((k) => ({ value: k, label: t(`assessments.kinds.${k}`) }))}
            w={160}
          />
          <VendorSelect
            label={t('assessments.vendorFilter')}
            placeholder={t('common.all')}
            clearable
            value={search.vendor ?? null}
            onChange={(v) => setSearch({ vendor: v ?? undefined })}
            w={240}
          />
          <Select
            label={t('assessments.sort')}
            allowDeselect={false}
            value={search.sort ?? '-updated_at'}
            onChange={(v) => setSearch({ sort: (v as Search['sort']) ?? undefined })}
            data={[
              { value: '-updated_at', label: t('assessments.sortUpdated') },
              { value: '-created_at', label: t('assessments.sortCreated') },
              { value: 'due_date', label: t('assessments.sortDue') },
              { value: 'score', label: t('assessments.sortScore') },
              { value: 'title', label: t('assessments.sortTitle') },
            ]}
            w={190}
          />
          <Checkbox
            label={t('assessments.overdueFilter')}
            checked={!!search.overdue}
            onChange={(e) => setSearch({ overdue: e.currentTarget.checked || undefined })}
            mb={8}
          />
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                setQ('');
                setSearch({ q: undefined, status: undefined, kind: undefined, overdue: undefined, vendor: undefined });
              }}
            >
              {t('common.clearFilters')}
            </Button>
          )}
        </Group>

        {list.error ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={980}>
            <Table>
              <Table.Thead>
                <Table.Tr>
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
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <TableRows
                  columns={8}
                  loading={list.isPending}
                  empty={list.data?.items.length === 0}
                  emptyText={filtered ? t('common.noResults') : t('assessments.empty')}
                />
                {list.data?.items.map((a) => (
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
                    <Table.Td className="nowrap">
                      <Text size="sm">{t(`assessments.kinds.${a.kind}`)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <AssessmentStatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td>
                      <DueDate day={a.due_date} overdue={a.overdue} />
                    </Table.Td>
                    <Table.Td>
                      <ScoreBand score={a.score} band={a.band} questionnaireId={a.questionnaire_id} versionId={a.questionnaire_version_id} />
                    </Table.Td>
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
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {list.data && (
          <Pager page={page} size={size} total={list.data.total} onPage={(p) => setSearch({ page: p === 1 ? undefined : p })} />
        )}
      </Paper>

      <Modal
        opened={!!search.new && canEdit}
        onClose={() => void navigate({ search: (prev: Search) => ({ ...prev, new: undefined }), replace: true })}
        size="lg"
        title={t('assessments.create.title')}
      >
        <NewAssessmentForm
          vendorId={search.vendor}
          onCancel={() => void navigate({ search: (prev: Search) => ({ ...prev, new: undefined }), replace: true })}
          onCreated={(a) => {
            notifySuccess(t('assessments.create.created', { title: a.title }));
            void navigate({ to: '/assessments/$assessmentId', params: { assessmentId: a.id } });
          }}
        />
      </Modal>
    </>
  );
}
