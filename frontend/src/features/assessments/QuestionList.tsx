import { Anchor, Badge, Blockquote, Button, Divider, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconFlag, IconMessage, IconPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerRead, AssessmentRead, FindingRead, Question } from '../../client/types.gen';
import { FindingStatusBadge, SeverityBadge } from '../../components/AssessmentBadges';
import { textIn } from '../../lib/bilingual';
import { downloadStoredFile, formatBytes } from '../../lib/download';
import { intlLocale, useFormat } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { questionNumbers } from '../../lib/questions';
import { readableAnswer } from './answers';
import { ReviewPanel } from './ReviewPanel';

function AnswerView({ question, answer }: { question: Question; answer: AnswerRead | undefined }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const download = useMutation({ mutationFn: downloadStoredFile, meta: { handlesErrors: true }, onError: notifyError });
  const readable = readableAnswer(question, answer, i18n.language, f);
  const files = answer?.files ?? [];
  const empty = readable.kind === 'empty' && files.length === 0;
  return (
    <Stack gap={6} data-testid="answer">
      {empty ? (
        <Text size="sm" c="dimmed" fs="italic">
          {t('assessments.question.noAnswer')}
        </Text>
      ) : readable.kind === 'text' ? (
        <Text size="sm" fw={600} style={{ whiteSpace: 'pre-wrap' }}>
          {readable.text}
        </Text>
      ) : readable.kind === 'list' ? (
        <List size="sm" spacing={2} fw={600}>
          {readable.items.map((item) => (
            <List.Item key={item}>{item}</List.Item>
          ))}
        </List>
      ) : null}
      {files.length > 0 && (
        <Group gap="xs">
          <Text size="xs" c="dimmed" fw={500}>
            {t('assessments.question.files')}
          </Text>
          {files.map((file) => (
            <Button
              key={file.id}
              size="compact-sm"
              variant="subtle"
              leftSection={<IconDownload size={14} />}
              loading={download.isPending && download.variables === file.id}
              onClick={() => download.mutate(file.id)}
              aria-label={t('assessments.question.download', { name: file.filename })}
            >
              {t('common.fileWithSize', { name: file.filename, size: formatBytes(file.size, intlLocale(i18n.language)) })}
            </Button>
          ))}
        </Group>
      )}
      {answer?.comment && (
        <Blockquote p="xs" color="gray" iconSize={0} styles={{ root: { borderInlineStartWidth: 3 } }}>
          <Text size="xs" c="dimmed" fw={500}>
            {t('assessments.question.vendorComment')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {answer.comment}
          </Text>
        </Blockquote>
      )}
      {answer?.answered_by_label && (
        <Text size="xs" c="dimmed">
          {t('assessments.question.answeredBy', { who: answer.answered_by_label, date: f.dateTime(answer.updated_at) })}
        </Text>
      )}
    </Stack>
  );
}

/** What the reviewer wrote earlier, shown read-only once the answers can no longer be commented on. */
function PastReview({ answer }: { answer: AnswerRead | undefined }) {
  const { t } = useTranslation();
  if (!answer?.return_comment && !answer?.reviewer_note) return null;
  const item = (label: string, text: string) => (
    <div>
      <Text size="xs" fw={600} c="navy.9">
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Text>
    </div>
  );
  return (
    <Stack gap={4}>
      {answer.return_comment && item(t('assessments.question.returnComment'), answer.return_comment)}
      {answer.reviewer_note && item(t('assessments.question.reviewerNote'), answer.reviewer_note)}
    </Stack>
  );
}

function QuestionItem({
  assessment,
  question,
  number,
  answer,
  findings,
  reviewable,
  canEdit,
  onReviewed,
  onAddFinding,
  onOpenFinding,
}: {
  assessment: AssessmentRead;
  question: Question;
  number: string;
  answer: AnswerRead | undefined;
  findings: FindingRead[];
  reviewable: boolean;
  canEdit: boolean;
  onReviewed: (a: AssessmentRead) => void;
  onAddFinding: (questionKey: string) => void;
  onOpenFinding: (findingId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const hasReview = !!(answer?.return_comment || answer?.reviewer_note);
  const [open, setOpen] = useState(hasReview);
  const numberLabel = t('common.questionNumber', { number });
  const help = textIn(question.help, i18n.language);
  return (
    <Stack gap="xs" py="sm" data-testid="question" data-question={question.key} id={`q-${question.key}`}>
      <Group gap={8} align="flex-start" wrap="nowrap">
        <Text size="sm" fw={700} c="navy.9" className="nowrap">
          {numberLabel}
        </Text>
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} component="div">
            {textIn(question.text, i18n.language)}
            {question.required && (
              <Badge size="xs" variant="outline" color="red" ml={6} style={{ verticalAlign: 'middle' }}>
                {t('assessments.question.required')}
              </Badge>
            )}
          </Text>
          {help && (
            <Text size="xs" c="dimmed" mt={2}>
              {help}
            </Text>
          )}
        </div>
      </Group>
      <div style={{ paddingInlineStart: 52 }}>
        <AnswerView question={question} answer={answer} />
        {findings.length > 0 && (
          <Stack gap={4} mt={6}>
            {findings.map((finding) => (
              <Group key={finding.id} gap={6} wrap="nowrap">
                <IconFlag size={14} aria-hidden />
                <SeverityBadge severity={finding.severity} />
                <FindingStatusBadge status={finding.status} />
                <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onOpenFinding(finding.id)}>
                  {finding.title}
                </Anchor>
              </Group>
            ))}
          </Stack>
        )}
        {!reviewable && (
          <div style={{ marginTop: 6 }}>
            <PastReview answer={answer} />
          </div>
        )}
        {(reviewable || canEdit) && (
          <Group gap="xs" mt={6}>
            {reviewable && (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconMessage size={14} />}
                onClick={() => setOpen((o) => !o)}
                aria-expanded={open}
                aria-controls={`review-${question.key}`}
                aria-label={t('assessments.question.reviewLabel', { number: numberLabel })}
              >
                {t('assessments.question.comment')}
              </Button>
            )}
            {canEdit && (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconPlus size={14} />}
                onClick={() => onAddFinding(question.key)}
                aria-label={t('assessments.question.addFindingLabel', { number: numberLabel })}
              >
                {t('assessments.question.addFinding')}
              </Button>
            )}
          </Group>
        )}
        {reviewable && open && (
          <Paper withBorder radius="sm" p="sm" mt={6} bg="gray.0" id={`review-${question.key}`}>
            <ReviewPanel
              assessmentId={assessment.id}
              questionKey={question.key}
              answer={answer}
              label={t('assessments.question.reviewLabel', { number: numberLabel })}
              onSaved={onReviewed}
            />
          </Paper>
        )}
      </div>
    </Stack>
  );
}

/** Every section and question of the assessment with its answer, as the reviewer reads them. */
export function QuestionList({
  assessment,
  findings,
  reviewable,
  canEdit,
  onReviewed,
  onAddFinding,
  onOpenFinding,
}: {
  assessment: AssessmentRead;
  findings: FindingRead[];
  reviewable: boolean;
  canEdit: boolean;
  onReviewed: (a: AssessmentRead) => void;
  onAddFinding: (questionKey: string) => void;
  onOpenFinding: (findingId: string) => void;
}) {
  const { i18n } = useTranslation();
  const answers = new Map(assessment.answers.map((a) => [a.question_key, a]));
  const numbers = questionNumbers(assessment.definition.sections);
  const byQuestion = new Map<string, FindingRead[]>();
  for (const finding of findings) {
    if (finding.question_key) byQuestion.set(finding.question_key, [...(byQuestion.get(finding.question_key) ?? []), finding]);
  }
  return (
    <Stack gap="md">
      {assessment.definition.sections.map((section, index) => {
        const description = textIn(section.description, i18n.language);
        return (
          <Paper key={section.key} withBorder radius="md" p="md" component="section" aria-labelledby={`section-${section.key}`}>
            <Title order={2} fz="lg" id={`section-${section.key}`}>
              {index + 1}. {textIn(section.title, i18n.language)}
            </Title>
            {description && (
              <Text size="sm" c="dimmed" mt={4}>
                {description}
              </Text>
            )}
            <Stack gap={0} mt="xs">
              {section.questions.map((q, i) => (
                <div key={q.key}>
                  {i > 0 && <Divider />}
                  <QuestionItem
                    assessment={assessment}
                    question={q}
                    number={numbers.get(q.key) ?? ''}
                    answer={answers.get(q.key)}
                    findings={byQuestion.get(q.key) ?? []}
                    reviewable={reviewable}
                    canEdit={canEdit}
                    onReviewed={onReviewed}
                    onAddFinding={onAddFinding}
                    onOpenFinding={onOpenFinding}
                  />
                </div>
              ))}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
