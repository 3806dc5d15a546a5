import { Button, Group, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { assessmentsReviewAssessmentAnswerMutation } from '../../client/@tanstack/react-query.gen';
import type { AnswerRead, AssessmentRead } from '../../client/types.gen';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError, notifySuccess } from '../../lib/notify';

/** The reviewer's two comments on one answer: one the vendor sees when it is returned, one kept inside. */
export function ReviewPanel({
  assessmentId,
  questionKey,
  answer,
  label,
  onSaved,
}: {
  assessmentId: string;
  questionKey: string;
  answer: AnswerRead | undefined;
  label: string;
  onSaved: (a: AssessmentRead) => void;
}) {
  const { t } = useTranslation();
  const initial = { return_comment: answer?.return_comment ?? '', reviewer_note: answer?.reviewer_note ?? '' };
  const form = useForm({
    initialValues: initial,
    validate: {
      return_comment: (v) => (v.length > 4000 ? t('validation.maxLength', { max: 4000 }) : null),
      reviewer_note: (v) => (v.length > 4000 ? t('validation.maxLength', { max: 4000 }) : null),
    },
  });
  const save = useMutation({
    ...assessmentsReviewAssessmentAnswerMutation(),
    meta: { handlesErrors: true },
    onSuccess: (a, vars) => {
      form.resetDirty({ return_comment: vars.body.return_comment ?? '', reviewer_note: vars.body.reviewer_note ?? '' });
      notifySuccess(t('assessments.question.reviewSaved'));
      onSaved(a);
    },
    onError: (err) => {
      if (!applyApiFieldErrors(form, err, t, ['return_comment', 'reviewer_note'])) notifyError(err);
    },
  });

  return (
    <form
      noValidate
      aria-label={label}
      onSubmit={form.onSubmit((v) =>
        save.mutate({
          path: { assessment_id: assessmentId, question_key: questionKey },
          body: { return_comment: v.return_comment.trim() || null, reviewer_note: v.reviewer_note.trim() || null },
        }),
      )}
    >
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <Textarea
            label={t('assessments.question.returnComment')}
            description={t('assessments.question.returnCommentHint')}
            autosize
            minRows={2}
            {...form.getInputProps('return_comment')}
          />
          <Textarea
            label={t('assessments.question.reviewerNote')}
            description={t('assessments.question.reviewerNoteHint')}
            autosize
            minRows={2}
            {...form.getInputProps('reviewer_note')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" size="xs" variant="light" loading={save.isPending} disabled={!form.isDirty()}>
            {t('assessments.question.saveReview')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
