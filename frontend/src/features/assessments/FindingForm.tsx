import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { findingsCreateFindingMutation } from '../../client/@tanstack/react-query.gen';
import type { Definition, FindingRead, Severity } from '../../client/types.gen';
import { SEVERITIES } from '../../components/AssessmentBadges';
import { DayInput } from '../../components/DayInput';
import { VendorSelect } from '../../components/VendorSelect';
import { textIn } from '../../lib/bilingual';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError } from '../../lib/notify';
import { questionNumbers } from '../../lib/questions';

const FIELDS = ['vendor_id', 'question_key', 'severity', 'title', 'description', 'remediation_plan', 'due_date'] as const;
const blank = (v: string) => (v.trim() === '' ? null : v.trim());

type Values = {
  vendor_id: string | null;
  question_key: string | null;
  severity: Severity;
  title: string;
  description: string;
  remediation_plan: string;
  due_date: string | null;
};

/**
 * A finding added by hand: for a vendor (picked here, or suggested), or for an assessment of a vendor
 * (then optionally tied to one of its questions, which the reviewer may have picked already).
 */
export function FindingForm({
  vendorId,
  assessment,
  questionKey,
  onSaved,
  onCancel,
}: {
  vendorId?: string;
  assessment?: { id: string; definition: Definition };
  questionKey?: string;
  onSaved: (finding: FindingRead) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      vendor_id: vendorId ?? null,
      question_key: questionKey ?? null,
      severity: 'medium',
      title: '',
      description: '',
      remediation_plan: '',
      due_date: null,
    },
    validate: {
      vendor_id: (v) => (v ? null : t('validation.choose')),
      title: (v) => (!v.trim() ? t('validation.required') : v.length > 300 ? t('validation.maxLength', { max: 300 }) : null),
    },
  });
  const create = useMutation({
    ...findingsCreateFindingMutation(),
    meta: { handlesErrors: true },
    onSuccess: onSaved,
    onError: (err) => {
      if (!applyApiFieldErrors(form, err, t, FIELDS)) notifyError(err);
    },
  });
  const numbers = assessment ? questionNumbers(assessment.definition.sections) : new Map<string, string>();
  const questions = assessment
    ? assessment.definition.sections.flatMap((s) =>
        s.questions.map((q) => ({
          value: q.key,
          label: `${t('common.questionNumber', { number: numbers.get(q.key) })} ${textIn(q.text, i18n.language)}`,
        })),
      )
    : [];

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) =>
        create.mutate({
          body: {
            vendor_id: v.vendor_id ?? '',
            assessment_id: assessment?.id ?? null,
            question_key: assessment ? v.question_key : null,
            severity: v.severity,
            title: v.title.trim(),
            description: blank(v.description),
            remediation_plan: blank(v.remediation_plan),
            due_date: v.due_date,
          },
        }),
      )}
    >
      <Stack gap="md">
        {!assessment && <VendorSelect label={t('assessments.findings.vendor')} required {...form.getInputProps('vendor_id')} />}
        {assessment && (
          <Select
            label={t('assessments.findings.question')}
            placeholder={t('assessments.findings.noQuestion')}
            clearable
            searchable
            data={questions}
            {...form.getInputProps('question_key')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('assessments.findings.severity')}
            required
            allowDeselect={false}
            data={SEVERITIES.map((s) => ({ value: s, label: t(`assessments.findings.severities.${s}`) }))}
            {...form.getInputProps('severity')}
          />
          <DayInput label={t('assessments.findings.due')} {...form.getInputProps('due_date')} />
        </SimpleGrid>
        <TextInput label={t('assessments.findings.titleField')} required data-autofocus {...form.getInputProps('title')} />
        <Textarea label={t('assessments.findings.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <Textarea label={t('assessments.findings.remediationPlan')} autosize minRows={2} {...form.getInputProps('remediation_plan')} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('assessments.findings.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
