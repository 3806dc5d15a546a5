import { Button, Group, Paper, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { assessmentsUpdateAssessmentMutation } from '../../client/@tanstack/react-query.gen';
import type { AssessmentRead } from '../../client/types.gen';
import { asApiError } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';

/** Notes for the team about the whole assessment; the vendor never sees them. */
export function InternalNotes({
  assessment,
  canEdit,
  onSaved,
  onStale,
}: {
  assessment: AssessmentRead;
  canEdit: boolean;
  onSaved: () => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { internal_notes: assessment.internal_notes ?? '' },
    validate: { internal_notes: (v) => (v.length > 20000 ? t('validation.maxLength', { max: 20000 }) : null) },
  });
  const save = useMutation({
    ...assessmentsUpdateAssessmentMutation(),
    meta: { handlesErrors: true },
    onSuccess: () => {
      form.resetDirty();
      notifySuccess(t('assessments.notes.saved'));
      onSaved();
    },
    onError: (err) => {
      if (asApiError(err).error === 'stale_version') {
        notifyError(err);
        onStale();
      } else if (!applyApiFieldErrors(form, err, t, ['internal_notes'])) notifyError(err);
    },
  });
  return (
    <Paper withBorder radius="md" p="md" data-testid="internal-notes">
      <Title order={2} fz="lg">
        {t('assessments.notes.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('assessments.notes.hint')}
      </Text>
      {canEdit ? (
        <form
          noValidate
          onSubmit={form.onSubmit((v) =>
            save.mutate({
              path: { assessment_id: assessment.id },
              body: { version: assessment.version, internal_notes: v.internal_notes.trim() || null },
            }),
          )}
        >
          <Textarea label={t('assessments.notes.label')} autosize minRows={3} {...form.getInputProps('internal_notes')} />
          <Group justify="flex-end" mt="xs">
            <Button type="submit" size="xs" loading={save.isPending} disabled={!form.isDirty()}>
              {t('common.save')}
            </Button>
          </Group>
        </form>
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={assessment.internal_notes ? undefined : 'dimmed'}>
          {assessment.internal_notes ?? t('assessments.notes.empty')}
        </Text>
      )}
    </Paper>
  );
}
