import {
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Input,
  Loader,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconMessageCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { portalSavePortalAnswerMutation } from '../../client/@tanstack/react-query.gen';
import type { PortalAnswer, PortalFile, PortalQuestion } from '../../client/types.gen';
import { DayInput } from '../../components/DayInput';
import { asApiError, errorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { textIn } from '../../lib/bilingual';
import { fromInput, invalidAnswerDetail, toInput, type AnswerValue } from './answers';
import { STICKY_OFFSET, usePortal } from './context';
import { Evidence } from './Evidence';
import { Autosave, type SaveState } from './autosave';
import { colorVar, SAVE_STATUS } from './saveStatus';

type Payload = { value: AnswerValue; comment: string | null };
type Draft = { input: string | string[] | null; comment: string };

export type QuestionProps = {
  assessmentId: string;
  organization: string;
  question: PortalQuestion;
  /** "2.3": section 2, question 3, as the staff screens number it. */
  number: string;
  answer: PortalAnswer | undefined;
  editable: boolean;
  /** Required, unanswered, and the contact tried to submit. */
  highlighted: boolean;
  onSaved: (answer: PortalAnswer) => void;
  onFiles: (questionKey: string, change: { add: PortalFile } | { remove: string }) => void;
  onState: (questionKey: string, state: SaveState) => void;
  /** Lets the page wait for this question's typing to be saved before submitting. */
  register: (questionKey: string, flush: (() => Promise<void>) | null) => void;
};

const DEBOUNCE_MS = 800;

// The question is the label: large enough to read on a phone, the help under it.
const FIELD_STYLES = {
  label: { fontSize: 'var(--mantine-font-size-md)', fontWeight: 600, lineHeight: 1.6, marginBottom: 4 },
  description: { fontSize: 'var(--mantine-font-size-sm)', lineHeight: 1.6, marginBottom: 8 },
} as const;

export function inputId(questionKey: string): string {
  return `q-${questionKey}-input`;
}

export function QuestionCard(props: QuestionProps) {
  return props.editable ? <EditableQuestion {...props} /> : <ReadOnlyQuestion {...props} />;
}

/** The card around a question: its number, whether it is required, and the reviewer's comment. */
function QuestionFrame({
  question,
  number,
  answer,
  organization,
  highlighted,
  status,
  children,
}: Pick<QuestionProps, 'question' | 'number' | 'answer' | 'organization' | 'highlighted'> & {
  status?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const returned = answer?.return_comment;
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'md', sm: 'lg' }}
      id={`q-${question.key}`}
      tabIndex={-1}
      data-testid="portal-question"
      data-question={question.key}
      data-type={question.type}
      data-missing={highlighted || undefined}
      style={{
        scrollMarginTop: STICKY_OFFSET,
        outline: 'none',
        ...(highlighted ? { borderColor: 'var(--mantine-color-red-8)', borderWidth: 2 } : {}),
        ...(returned && !highlighted ? { borderColor: 'var(--mantine-color-orange-6)', borderWidth: 2 } : {}),
      }}
    >
      <Group justify="space-between" gap="xs" mb="xs" wrap="nowrap">
        <Group gap={8} wrap="nowrap">
          <Text size="sm" fw={700} c="navy.8">
            {t('common.questionNumber', { number })}
          </Text>
          {question.required ? (
            <Badge size="sm" variant="light" color="red">
              {t('portal.question.required')}
            </Badge>
          ) : (
            <Badge size="sm" variant="light" color="gray">
              {t('portal.question.optional')}
            </Badge>
          )}
        </Group>
        {status}
      </Group>
      {returned && (
        <Box
          mb="sm"
          p="sm"
          bg="orange.0"
          style={{ borderLeft: '4px solid var(--mantine-color-orange-6)', borderRadius: 'var(--mantine-radius-sm)' }}
          data-testid="return-comment"
        >
          <Group gap={6} mb={2} wrap="nowrap">
            <IconMessageCircle size={16} aria-hidden />
            <Text size="sm" fw={700}>
              {t('portal.question.reviewerComment', { organization })}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {returned}
          </Text>
        </Box>
      )}
      {children}
    </Paper>
  );
}

/** The small per-question line: saving, saved, or not saved (the reason is shown under the answer). */
function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  const { color, question } = SAVE_STATUS[state];
  if (!question) return null;
  const { Icon, label } = question;
  return (
    <Group gap={Icon ? 4 : 6} wrap="nowrap" data-testid="save-state" data-state={state}>
      {Icon ? <Icon size={14} color={colorVar(color)} aria-hidden /> : <Loader size={12} />}
      <Text size="xs" c={color}>
        {t(`portal.save.${label}`)}
      </Text>
    </Group>
  );
}

function EditableQuestion({
  assessmentId,
  organization,
  question: q,
  number,
  answer,
  highlighted,
  onSaved,
  onFiles,
  onState,
  register,
}: QuestionProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { headers } = usePortal();
  const id = inputId(q.key);
  const labelId = `${id}-label`;

  const [input, setInput] = useState(() => toInput(q, answer?.value));
  const [comment, setComment] = useState(answer?.comment ?? '');
  const [showComment, setShowComment] = useState(!!answer?.comment);
  const [state, setState] = useState<SaveState>('idle');
  // What cannot be sent as typed (a number), or the API's refusal of the value (422 invalid_answer).
  const [invalid, setInvalid] = useState<string | null>(null);
  // Any other failure to save (network, server): shown with a retry.
  const [saveError, setSaveError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [saver] = useState(
    () =>
      new Autosave<Draft, Payload>(DEBOUNCE_MS, {
        value: q.type === 'file' ? null : ((answer?.value ?? null) as AnswerValue),
        comment: answer?.comment ?? null,
      }),
  );
  const save = useMutation({ ...portalSavePortalAnswerMutation(), meta: { handlesErrors: true } });

  useEffect(() => {
    saver.connect({
      prepare: (draft) => {
        const value = q.type === 'file' ? null : fromInput(q, draft.input);
        if (value === undefined) return undefined;
        // The API keeps multiple choices in the template's order; so does the comparison with it.
        const ordered = Array.isArray(value) ? q.options.map((o) => o.key).filter((k) => value.includes(k)) : value;
        return { value: ordered, comment: draft.comment.trim() ? draft.comment : null };
      },
      send: async (body) => {
        onSaved(await save.mutateAsync({ path: { assessment_id: assessmentId, question_key: q.key }, headers, body }));
      },
      onInvalid: () => setInvalid(t('portal.question.numberInvalid')),
      onState: (next, error) => {
        setState(next);
        onState(q.key, next);
        if (next === 'saving' || next === 'saved') {
          setSaveError(null);
          if (next === 'saved') setInvalid(null);
        }
        if (next === 'error' && error !== undefined) {
          const e = asApiError(error);
          if (e.error === 'invalid_answer') {
            const detail = invalidAnswerDetail(e.detail);
            setInvalid(detail ? t('portal.question.invalid', { message: errorMessage(t, e), detail }) : errorMessage(t, e));
          } else setSaveError(errorMessage(t, e));
        }
      },
    });
  });

  useEffect(() => {
    register(q.key, () => saver.whenIdle());
    return () => {
      register(q.key, null);
      saver.flush(); // leaving the page sends what was typed
    };
  }, [register, q.key, saver]);

  /** A choice: saved at once. */
  const choose = (next: string | string[] | null) => {
    setInput(next);
    saver.change({ input: next, comment });
  };
  /** Typing: saved after a pause, or when the field is left. */
  const type = (patch: { input?: string; comment?: string }) => {
    const draft = { input: patch.input ?? input, comment: patch.comment ?? comment };
    if (patch.input !== undefined) setInput(patch.input);
    if (patch.comment !== undefined) setComment(patch.comment);
    saver.change(draft, { later: true });
  };
  const leave = () => saver.flush();

  const text = textIn(q.text, lang);
  const help = textIn(q.help, lang) || undefined;
  const fieldError = invalid ?? (highlighted ? t('portal.question.missing') : undefined);
  const common = { id, label: text, description: help, error: fieldError, styles: FIELD_STYLES };

  let control: ReactNode;
  switch (q.type) {
    case 'yes_no_na':
    case 'single_choice': {
      const short = q.type === 'yes_no_na' && q.options.length <= 3;
      control = (
        <Radio.Group {...common} value={typeof input === 'string' ? input : null} onChange={(v) => choose(v)}>
          <SimpleGrid cols={short ? { base: q.options.length } : 1} spacing="xs">
            {q.options.map((o) => (
              <Radio.Card
                key={o.key}
                value={o.key}
                radius="md"
                px={short ? 6 : 'sm'}
                py={short ? 8 : 'sm'}
                data-option={o.key}
                // Side by side, the indicators stay on one line even when a label wraps.
                style={short ? { display: 'flex', flexDirection: 'column', justifyContent: 'flex-start' } : undefined}
              >
                {short ? (
                  <Stack gap={4} align="center">
                    <Radio.Indicator size="sm" />
                    <Text size="sm" lh={1.4} ta="center">
                      {textIn(o.label, lang)}
                    </Text>
                  </Stack>
                ) : (
                  <Group wrap="nowrap" gap="sm" align="flex-start">
                    <Radio.Indicator size="sm" mt={3} />
                    <Text size="sm" lh={1.6}>
                      {textIn(o.label, lang)}
                    </Text>
                  </Group>
                )}
              </Radio.Card>
            ))}
          </SimpleGrid>
          {!q.required && input && (
            <Button variant="subtle" size="compact-xs" mt={6} onClick={() => choose(null)}>
              {t('portal.question.clear')}
            </Button>
          )}
        </Radio.Group>
      );
      break;
    }
    case 'multiple_choice':
      control = (
        <Checkbox.Group {...common} value={Array.isArray(input) ? input : []} onChange={(v) => choose(v)}>
          <Stack gap="xs">
            {q.options.map((o) => (
              <Checkbox.Card key={o.key} value={o.key} radius="md" p="sm" data-option={o.key}>
                <Group wrap="nowrap" gap="sm" align="flex-start">
                  <Checkbox.Indicator size="sm" mt={3} />
                  <Text size="sm" lh={1.6}>
                    {textIn(o.label, lang)}
                  </Text>
                </Group>
              </Checkbox.Card>
            ))}
          </Stack>
        </Checkbox.Group>
      );
      break;
    case 'text':
      control = (
        <Textarea
          {...common}
          autosize
          minRows={3}
          maxRows={14}
          maxLength={20_000}
          value={typeof input === 'string' ? input : ''}
          onChange={(e) => type({ input: e.currentTarget.value })}
          onBlur={leave}
        />
      );
      break;
    case 'number':
      control = (
        <TextInput
          {...common}
          inputMode="decimal"
          autoComplete="off"
          placeholder={t('portal.question.numberPlaceholder')}
          value={typeof input === 'string' ? input : ''}
          onChange={(e) => type({ input: e.currentTarget.value })}
          onBlur={leave}
          styles={{ ...FIELD_STYLES, wrapper: { maxWidth: 260 } }}
        />
      );
      break;
    case 'date':
      control = (
        <DayInput
          {...common}
          value={typeof input === 'string' ? input : null}
          onChange={(v) => choose(v)}
          styles={{ ...FIELD_STYLES, wrapper: { maxWidth: 260 } }}
        />
      );
      break;
    case 'file':
      control = (
        <Input.Wrapper {...common} labelElement="div">
          <Text size="sm" c="dimmed" mb={6}>
            {t('portal.evidence.fileQuestion')}
          </Text>
        </Input.Wrapper>
      );
      break;
  }

  return (
    <QuestionFrame
      question={q}
      number={number}
      answer={answer}
      organization={organization}
      highlighted={highlighted}
      status={<SaveStatus state={uploading ? 'saving' : state} />}
    >
      <Stack gap="sm">
        {control}
        {showComment && (
          <Textarea
            label={t('portal.question.comment')}
            description={t('portal.question.commentHint')}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={4000}
            value={comment}
            onChange={(e) => type({ comment: e.currentTarget.value })}
            onBlur={leave}
          />
        )}
        <Evidence
          assessmentId={assessmentId}
          questionKey={q.key}
          files={answer?.files ?? []}
          editable
          primary={q.type === 'file'}
          labelledBy={labelId}
          onAdded={(file) => onFiles(q.key, { add: file })}
          onRemoved={(fileId) => onFiles(q.key, { remove: fileId })}
          onUpload={(phase) => {
            setUploading(phase === 'start');
            // A refused file loses nothing: the question keeps the state it had.
            const next = phase === 'start' ? 'saving' : phase === 'ok' ? 'saved' : state;
            if (phase === 'ok') setState('saved');
            onState(q.key, next);
          }}
          extra={
            !showComment && (
              <Button variant="subtle" size="compact-sm" leftSection={<IconMessageCircle size={15} />} onClick={() => setShowComment(true)}>
                {t('portal.question.addComment')}
              </Button>
            )
          }
        />
        {saveError && (
          <Group gap="xs" wrap="wrap" role="alert">
            <IconAlertTriangle size={16} color="var(--mantine-color-red-9)" aria-hidden />
            <Text size="sm" c="red.9">
              {t('portal.save.error')}: {saveError}
            </Text>
            <Button size="compact-sm" variant="light" color="red" onClick={() => saver.retry()}>
              {t('portal.save.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </QuestionFrame>
  );
}

/** A submitted answer, as the contact gave it. */
function ReadOnlyQuestion({ assessmentId, organization, question: q, number, answer }: QuestionProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const lang = i18n.language;
  const label = (key: string) => textIn(q.options.find((o) => o.key === key)?.label, lang) || key;
  const v = answer?.value;
  let shown: ReactNode = null;
  if (v !== null && v !== undefined && v !== '') {
    if (q.type === 'multiple_choice' && Array.isArray(v))
      shown = (
        <Stack gap={2} component="ul" style={{ margin: 0, paddingLeft: 20 }}>
          {v.map((k) => (
            <li key={String(k)}>
              <Text size="sm">{label(String(k))}</Text>
            </li>
          ))}
        </Stack>
      );
    else if (q.type === 'number' && typeof v === 'number') shown = <Text size="sm">{format.number(v)}</Text>;
    else if (q.type === 'date' && typeof v === 'string') shown = <Text size="sm">{format.day(v)}</Text>;
    else if (q.type === 'yes_no_na' || q.type === 'single_choice') shown = <Text size="sm">{label(String(v))}</Text>;
    else
      shown = (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {String(v)}
        </Text>
      );
  }
  const labelId = `${inputId(q.key)}-label`;
  return (
    <QuestionFrame question={q} number={number} answer={answer} organization={organization} highlighted={false}>
      <Stack gap="xs">
        <Text id={labelId} fw={600} lh={1.6}>
          {textIn(q.text, lang)}
        </Text>
        {q.type !== 'file' && (
          <Box pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-navy-2)' }} data-testid="readonly-answer">
            {shown ?? (
              <Text size="sm" c="dimmed">
                {t('portal.question.unanswered')}
              </Text>
            )}
          </Box>
        )}
        {(answer?.files.length ?? 0) > 0 || q.type === 'file' ? (
          (answer?.files.length ?? 0) > 0 ? (
            <Evidence
              assessmentId={assessmentId}
              questionKey={q.key}
              files={answer?.files ?? []}
              editable={false}
              primary={false}
              labelledBy={labelId}
              onAdded={() => {}}
              onRemoved={() => {}}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('portal.question.unanswered')}
            </Text>
          )
        ) : null}
        {answer?.comment && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {t('portal.question.comment')}: {answer.comment}
          </Text>
        )}
      </Stack>
    </QuestionFrame>
  );
}
