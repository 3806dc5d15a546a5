import { Alert, Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assessmentsCreateAssessmentMutation, questionnairesListQuestionnairesOptions } from '../../client/@tanstack/react-query.gen';
import type { AssessmentKind, AssessmentRead, QuestionnaireSummary } from '../../client/types.gen';
import { DayInput } from '../../components/DayInput';
import { QueryError } from '../../components/QueryError';
import { VendorSelect } from '../../components/VendorSelect';
import { addDays, useFormat } from '../../lib/format';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError } from '../../lib/notify';
import { KINDS } from './vocabulary';

const FIELDS = ['vendor_id', 'questionnaire_id', 'kind', 'due_date', 'title'] as const;

// The kind a built-in template is made for, chosen with it unless the user picked another.
const KIND_OF_TEMPLATE: Record<string, AssessmentKind> = {
  'selection-review': 'selection',
  'periodic-audit': 'periodic',
  'sme-self-check': 'periodic',
};

type Values = {
  vendor_id: string | null;
  questionnaire_id: string | null;
  kind: AssessmentKind;
  due_date: string | null;
  title: string;
};

/** A draft assessment: which vendor, which published template, what for, and by when. */
export function NewAssessmentForm({
  vendorId,
  onCreated,
  onCancel,
}: {
  vendorId?: string;
  onCreated: (a: AssessmentRead) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const templates = useQuery(questionnairesListQuestionnairesOptions());
  const published = (templates.data ?? []).filter((q): q is QuestionnaireSummary & { published: NonNullable<QuestionnaireSummary['published']> } => !!q.published);
  const name = (q: QuestionnaireSummary) => (i18n.language === 'en' ? q.title_en || q.title_ja : q.title_ja || q.title_en);

  const [kindChosen, setKindChosen] = useState(false);
  const form = useForm<Values>({
    initialValues: {
      vendor_id: vendorId ?? null,
      questionnaire_id: null,
      kind: 'selection',
      due_date: addDays(f.today(), 14),
      title: '',
    },
    validate: {
      vendor_id: (v) => (v ? null : t('validation.choose')),
      questionnaire_id: (v) => (v ? null : t('validation.choose')),
      title: (v) => (v.length > 300 ? t('validation.maxLength', { max: 300 }) : null),
    },
  });
  const create = useMutation({
    ...assessmentsCreateAssessmentMutation(),
    meta: { handlesErrors: true },
    onSuccess: onCreated,
    onError: (err) => {
      if (!applyApiFieldErrors(form, err, t, FIELDS)) notifyError(err);
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        create.mutate({
          body: {
            vendor_id: v.vendor_id ?? '',
            questionnaire_id: v.questionnaire_id ?? '',
            kind: v.kind,
            due_date: v.due_date,
            title: v.title.trim() || null,
          },
        }),
      )}
    >
      <Stack gap="md">
        <VendorSelect label={t('assessments.create.vendor')} required {...form.getInputProps('vendor_id')} />
        {templates.error ? (
          <QueryError error={templates.error} onRetry={() => void templates.refetch()} />
        ) : templates.data && published.length === 0 ? (
          <Alert color="orange" variant="light">
            {t('assessments.create.noTemplates')}
          </Alert>
        ) : (
          <Select
            label={t('assessments.create.template')}
            description={t('assessments.create.templateHint')}
            required
            allowDeselect={false}
            data-autofocus={!!vendorId}
            data={published.map((q) => ({
              value: q.id,
              label: t('assessments.create.templateOption', { title: name(q), count: q.published.question_count }),
            }))}
            {...form.getInputProps('questionnaire_id')}
            onChange={(id) => {
              form.setFieldValue('questionnaire_id', id);
              const kind = KIND_OF_TEMPLATE[published.find((q) => q.id === id)?.builtin_key ?? ''];
              if (kind && !kindChosen) form.setFieldValue('kind', kind);
            }}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('assessments.create.kind')}
            required
            allowDeselect={false}
            data={KINDS.map((k) => ({ value: k, label: t(`assessments.kinds.${k}`) }))}
            {...form.getInputProps('kind')}
            onChange={(v) => {
              setKindChosen(true);
              form.setFieldValue('kind', (v as AssessmentKind | null) ?? 'selection');
            }}
          />
          <DayInput label={t('assessments.create.dueDate')} minDate={f.today()} {...form.getInputProps('due_date')} />
        </SimpleGrid>
        <TextInput label={t('assessments.create.titleField')} description={t('assessments.create.titleHint')} {...form.getInputProps('title')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={published.length === 0}>
            {t('assessments.create.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
