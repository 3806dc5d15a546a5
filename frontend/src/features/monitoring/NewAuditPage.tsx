import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  monitoringCreateAuditMutation,
  monitoringGetMonitoringItemOptions,
  questionnairesListQuestionnairesOptions,
} from '../../client/@tanstack/react-query.gen';
import type { AuditKind } from '../../client/types.gen';
import { DayInput } from '../../components/DayInput';
import { BackLink } from '../../components/DetailParts';
import { PageHeader } from '../../components/PageHeader';
import { VendorSelect } from '../../components/VendorSelect';
import { textIn } from '../../lib/bilingual';
import { useFormat } from '../../lib/format';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useRefreshMonitoring } from './refresh';
import { AUDIT_KINDS } from './vocabulary';

const route = getRouteApi('/_app/monitoring/audits/new');
const FIELDS = ['vendor_id', 'title', 'kind', 'planned_date', 'auditor', 'scope', 'questionnaire_id'] as const;

type Values = {
  vendor_id: string | null;
  title: string;
  kind: AuditKind;
  planned_date: string | null;
  auditor: string;
  scope: string;
  questionnaire_id: string | null;
};

/** Plan an audit: for the vendor's next audit on the calendar, or the item it was opened from; a checklist is optional. */
export function NewAuditPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate();
  const refresh = useRefreshMonitoring();
  const item = useQuery({ ...monitoringGetMonitoringItemOptions({ path: { item_id: search.item ?? '' } }), enabled: !!search.item });
  const templates = useQuery(questionnairesListQuestionnairesOptions());
  const published = (templates.data ?? []).filter((q) => !!q.published && !q.archived);
  const name = (q: (typeof published)[number]) => (i18n.language === 'en' ? q.title_en || q.title_ja : q.title_ja || q.title_en);
  const form = useForm<Values>({
    initialValues: {
      vendor_id: search.vendor ?? null,
      title: '',
      kind: 'documents',
      planned_date: search.date ?? null,
      auditor: '',
      scope: '',
      questionnaire_id: null,
    },
    validate: {
      vendor_id: (v) => (v ? null : t('validation.choose')),
      title: (v) => (!v.trim() ? t('validation.required') : v.length > 300 ? t('validation.maxLength', { max: 300 }) : null),
      planned_date: (v) => (v ? null : t('validation.required')),
    },
  });
  const create = useMutation({
    ...monitoringCreateAuditMutation(),
    meta: { handlesErrors: true },
    onSuccess: (audit) => {
      notifySuccess(t('monitoring.audits.created'));
      void refresh();
      void navigate({ to: '/monitoring/audits/$auditId', params: { auditId: audit.id } });
    },
    onError: (err) => {
      if (!applyApiFieldErrors(form, err, t, FIELDS)) notifyError(err);
    },
  });
  // The item belongs to one vendor: choosing another plans against that vendor's next audit instead.
  const forItem = item.data && item.data.vendor_id === form.values.vendor_id ? item.data : null;

  return (
    <>
      <BackLink to="/monitoring/audits">{t('monitoring.audits.backToList')}</BackLink>
      <PageHeader title={t('monitoring.audits.newTitle')} description={t('monitoring.audits.newSubtitle')} />
      <Paper withBorder radius="md" p="lg" maw={880}>
        <form
          noValidate
          onSubmit={form.onSubmit((v) =>
            create.mutate({
              body: {
                vendor_id: v.vendor_id ?? '',
                title: v.title.trim(),
                kind: v.kind,
                planned_date: v.planned_date ?? '',
                auditor: v.auditor.trim() || null,
                scope: v.scope.trim() || null,
                item_id: forItem?.id ?? null,
                questionnaire_id: v.questionnaire_id,
              },
            }),
          )}
        >
          <Stack gap="md">
            {forItem && (
              <Alert color="navy" variant="light" icon={<IconCalendarEvent size={18} />} data-testid="audit-for-item">
                {t('monitoring.audits.forItem', { item: textIn(forItem.title, i18n.language), date: f.day(forItem.due_date) })}
              </Alert>
            )}
            <VendorSelect label={t('monitoring.audits.fields.vendor')} required {...form.getInputProps('vendor_id')} />
            <TextInput label={t('monitoring.audits.fields.title')} placeholder={t('monitoring.audits.titlePlaceholder')} required maxLength={300} {...form.getInputProps('title')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <Select
                label={t('monitoring.audits.fields.kind')}
                allowDeselect={false}
                data={AUDIT_KINDS.map((k) => ({ value: k, label: t(`monitoring.audits.kinds.${k}`) }))}
                {...form.getInputProps('kind')}
              />
              <DayInput label={t('monitoring.audits.fields.planned_date')} required {...form.getInputProps('planned_date')} />
            </SimpleGrid>
            <TextInput label={t('monitoring.audits.fields.auditor')} description={t('monitoring.audits.auditorHint')} maxLength={300} {...form.getInputProps('auditor')} />
            <Textarea label={t('monitoring.audits.fields.scope')} autosize minRows={3} maxLength={10000} {...form.getInputProps('scope')} />
            <Select
              label={t('monitoring.audits.fields.checklist')}
              description={t('monitoring.audits.checklistHint')}
              placeholder={t('monitoring.audits.noChecklist')}
              clearable
              data={published.map((q) => ({ value: q.id, label: name(q) }))}
              {...form.getInputProps('questionnaire_id')}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending}>
                {t('monitoring.audits.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
