import { Alert, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { assessmentsAcceptAssessmentMutation, assessmentsReturnAssessmentMutation } from '../../client/@tanstack/react-query.gen';
import type { AssessmentRead } from '../../client/types.gen';
import { asApiError } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError } from '../../lib/notify';
import { questionNumbers } from '../../lib/questions';
import { questionTexts } from './answers';

/**
 * Return the answers to the vendor (with a message, and the comments left on single answers listed so
 * the reviewer sees what the vendor will see) or accept them.
 */
export function DecisionForm({
  assessment,
  decision,
  onDone,
  onCancel,
  onStale,
}: {
  assessment: AssessmentRead;
  decision: 'return' | 'accept';
  onDone: (a: AssessmentRead) => void;
  onCancel: () => void;
  onStale: () => void;
}) {
  const { t, i18n } = useTranslation();
  const isReturn = decision === 'return';
  const form = useForm<{ comment: string }>({
    initialValues: { comment: '' },
    validate: {
      comment: (v) =>
        isReturn && !v.trim() ? t('validation.required') : v.length > 4000 ? t('validation.maxLength', { max: 4000 }) : null,
    },
  });
  const onError = (err: unknown) => {
    if (asApiError(err).error === 'stale_version') {
      notifyError(err);
      onStale();
    } else if (!applyApiFieldErrors(form, err, t, ['comment'])) notifyError(err);
  };
  const returnIt = useMutation({ ...assessmentsReturnAssessmentMutation(), meta: { handlesErrors: true }, onSuccess: onDone, onError });
  const acceptIt = useMutation({ ...assessmentsAcceptAssessmentMutation(), meta: { handlesErrors: true }, onSuccess: onDone, onError });

  const commented = assessment.answers.filter((a) => a.return_comment);
  const numbers = questionNumbers(assessment.definition.sections);
  const texts = questionTexts(assessment.definition, i18n.language);

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        const options = { path: { assessment_id: assessment.id }, body: { version: assessment.version, comment: v.comment.trim() || null } };
        if (isReturn) returnIt.mutate(options);
        else acceptIt.mutate(options);
      })}
    >
      <Stack gap="md">
        <Text size="sm">{isReturn ? t('assessments.decision.returnIntro') : t('assessments.decision.acceptIntro')}</Text>
        {isReturn &&
          (commented.length ? (
            <div>
              <Text size="sm" fw={600} mb={4}>
                {t('assessments.decision.returnComments', { count: commented.length })}
              </Text>
              <List size="sm" spacing={4} data-testid="return-comments">
                {commented.map((a) => (
                  <List.Item key={a.question_key}>
                    <Text span size="sm" fw={500}>
                      {t('common.questionNumber', { number: numbers.get(a.question_key) ?? a.question_key })}{' '}
                    </Text>
                    <Text span size="sm" c="dimmed">
                      {texts.get(a.question_key)}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      → {a.return_comment}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </div>
          ) : (
            <Alert color="orange" variant="light">
              <Text size="sm">{t('assessments.decision.noReturnComments')}</Text>
            </Alert>
          ))}
        {!isReturn && assessment.open_findings > 0 && (
          <Alert color="orange" variant="light">
            <Text size="sm">{t('assessments.decision.acceptOpenFindings', { count: assessment.open_findings })}</Text>
          </Alert>
        )}
        <Textarea
          label={isReturn ? t('assessments.decision.comment') : t('assessments.decision.acceptComment')}
          required={isReturn}
          autosize
          minRows={3}
          data-autofocus
          {...form.getInputProps('comment')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={returnIt.isPending || acceptIt.isPending}>
            {isReturn ? t('assessments.decision.returnSubmit') : t('assessments.decision.acceptSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
