import { Alert, Anchor, Box, Button, Grid, Group, List, Modal, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useBlocker } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  questionnairesGetQuestionnaireQueryKey,
  questionnairesSaveQuestionnaireDraftMutation,
} from '../../client/@tanstack/react-query.gen';
import type { Definition, QuestionnaireRead } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { ToneBadge } from '../../components/TierBadge';
import { asApiError } from '../../lib/errors';
import { notifyError, notifySuccess } from '../../lib/notify';
import {
  apiErrorsToFields,
  type DefinitionValues,
  describeLocation,
  LIMITS,
  locateError,
  newId,
  newQuestion,
  newSection,
  pathToLoc,
  pick,
  questionKeys,
  suggestKey,
  toDefinition,
  toValues,
  validateDefinition,
} from './definition';
import { SectionEditor, SettingsEditor } from './EditorPanels';
import { EditorOutline, type Selection } from './EditorOutline';
import { QuestionEditor } from './QuestionEditor';
import { useRefreshQuestionnaires } from './refresh';
import { useTemplateActions } from './useTemplateActions';

function locate(values: DefinitionValues, selection: Selection): { si: number; qi: number | null } | null {
  if (selection.kind === 'settings') return null;
  for (let si = 0; si < values.sections.length; si += 1) {
    const s = values.sections[si]!;
    if (selection.kind === 'section' && s.id === selection.id) return { si, qi: null };
    const qi = s.questions.findIndex((q) => q.id === selection.id);
    if (selection.kind === 'question' && qi >= 0) return { si, qi };
  }
  return null;
}

/**
 * The editor on a template's draft: an outline of sections and questions on the left, the selected
 * item's fields on the right. Checks the obvious rules before saving; the API's 422 lands on the same
 * fields, and what has no field is listed above.
 */
export function QuestionnaireEditor({
  template,
  definition,
  onClose,
  onStale,
}: {
  template: QuestionnaireRead;
  definition: Definition;
  onClose: () => void;
  onStale: () => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useRefreshQuestionnaires();
  const actions = useTemplateActions(template);
  const draft = template.draft!;
  const form = useForm<DefinitionValues>({ initialValues: toValues(definition), validate: (v) => validateDefinition(t, v) });
  const [selection, setSelection] = useState<Selection>({ kind: 'settings' });
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [apiProblems, setApiProblems] = useState<string[]>([]);
  const [showSummary, setShowSummary] = useState(false);
  const values = form.getValues();
  const dirty = form.isDirty();
  const path = { questionnaire_id: template.id };
  const questionNumber = (si: number, qi: number) => values.sections.slice(0, si).reduce((n, s) => n + s.questions.length, 0) + qi + 1;

  const blocker = useBlocker({ shouldBlockFn: () => form.isDirty(), enableBeforeUnload: () => form.isDirty(), withResolver: true });

  const expand = (sectionId: string) =>
    setCollapsed((prev) => {
      if (!prev.has(sectionId)) return prev;
      const next = new Set(prev);
      next.delete(sectionId);
      return next;
    });

  const toggle = (id: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = (collapse: boolean) => setCollapsed(collapse ? new Set(values.sections.map((s) => s.id)) : new Set());

  /** Open the item an error is on and put the cursor in its field. */
  const goTo = (errorPath: string) => {
    const where = locateError(errorPath);
    const v = form.getValues();
    if (where === 'template') setSelection({ kind: 'settings' });
    else {
      const s = v.sections[where.section];
      if (!s) return;
      expand(s.id);
      const q = where.question === null ? undefined : s.questions[where.question];
      setSelection(q ? { kind: 'question', id: q.id } : { kind: 'section', id: s.id });
    }
    window.setTimeout(() => form.getInputNode(errorPath)?.focus(), 50);
  };

  const addQuestion = (si: number) => {
    const v = form.getValues();
    const section = v.sections[si];
    if (!section || section.questions.length >= LIMITS.questions) return;
    const q = newQuestion(v, si, section.questions.length);
    form.insertListItem(`sections.${si}.questions`, q);
    expand(section.id);
    setSelection({ kind: 'question', id: q.id });
  };
  const addSection = () => {
    const section = newSection(form.getValues());
    form.insertListItem('sections', section);
    setSelection({ kind: 'section', id: section.id });
  };

  const moveQuestion = (si: number, qi: number, dir: -1 | 1) => {
    const v = form.getValues();
    const section = v.sections[si]!;
    const to = qi + dir;
    if (to >= 0 && to < section.questions.length) {
      form.reorderListItem(`sections.${si}.questions`, { from: qi, to });
      return;
    }
    // Past the first or last question: into the neighbouring section.
    const target = v.sections[si + dir];
    const question = section.questions[qi];
    if (!target || !question) return;
    form.setFieldValue(
      'sections',
      v.sections.map((s, i) => {
        if (i === si) return { ...s, questions: s.questions.filter((_, j) => j !== qi) };
        if (i === si + dir) return { ...s, questions: dir < 0 ? [...s.questions, question] : [question, ...s.questions] };
        return s;
      }),
    );
    form.clearErrors();
    expand(target.id);
  };

  const duplicateQuestion = (si: number, qi: number) => {
    const v = form.getValues();
    const q = v.sections[si]?.questions[qi];
    if (!q) return;
    const copy = {
      ...structuredClone(q),
      id: newId(),
      key: suggestKey(`${q.key.trim() || 'q'}_`, questionKeys(v), 2),
    };
    copy.options = copy.options.map((o) => ({ ...o, id: newId() }));
    copy.findings = copy.findings.map((f) => ({ ...f, id: newId() }));
    form.insertListItem(`sections.${si}.questions`, copy, qi + 1);
    setSelection({ kind: 'question', id: copy.id });
  };

  const removeQuestion = (si: number, qi: number) => {
    const section = form.getValues().sections[si]!;
    const question = section.questions[qi]!;
    const neighbour = section.questions[qi + 1] ?? section.questions[qi - 1];
    confirmAction({
      title: t('questionnaires.editor.deleteQuestionTitle', { n: questionNumber(si, qi), key: question.key }),
      message: t('questionnaires.editor.deleteQuestionMessage'),
      confirmLabel: t('questionnaires.editor.delete'),
      danger: true,
      onConfirm: () => {
        form.removeListItem(`sections.${si}.questions`, qi);
        setSelection(neighbour ? { kind: 'question', id: neighbour.id } : { kind: 'section', id: section.id });
      },
    });
  };

  const removeSection = (si: number) => {
    const section = form.getValues().sections[si]!;
    const name = pick(section.title, i18n.language) || section.key;
    confirmAction({
      title: t('questionnaires.editor.deleteSectionTitle', { name }),
      message: t('questionnaires.editor.deleteSectionMessage', { n: section.questions.length }),
      confirmLabel: t('questionnaires.editor.delete'),
      danger: true,
      onConfirm: () => {
        form.removeListItem('sections', si);
        setSelection({ kind: 'settings' });
      },
    });
  };

  const save = useMutation({ ...questionnairesSaveQuestionnaireDraftMutation(), meta: { handlesErrors: true } });
  const submit = form.onSubmit(
    (v) => {
      setApiProblems([]);
      save.mutate(
        { path, body: { definition: toDefinition(v), draft_version: draft.version } },
        {
          onSuccess: (read) => {
            queryClient.setQueryData(questionnairesGetQuestionnaireQueryKey({ path }), read);
            form.resetDirty(v);
            setShowSummary(false);
            notifySuccess(t('questionnaires.editor.saved'));
            void refresh();
          },
          onError: (err) => {
            const e = asApiError(err);
            if (e.status === 422) {
              const { errors, unmapped } = apiErrorsToFields(t, e.detail, v);
              form.setErrors(errors);
              setApiProblems(unmapped.length || Object.keys(errors).length ? unmapped : [t('errors.codes.validation_error')]);
              setShowSummary(true);
              const first = Object.keys(errors)[0];
              if (first) goTo(first);
              return;
            }
            // A stale draft is reloaded and the editor says so above; anything else is a notification.
            if (e.error === 'stale_version') onStale();
            else {
              notifyError(err);
              if (e.error === 'no_draft') onStale();
            }
          },
        },
      );
    },
    (errors) => {
      setShowSummary(true);
      const first = Object.keys(errors)[0];
      if (first) goTo(first);
    },
  );

  const errorPaths = Object.keys(form.errors).filter((p) => !!form.errors[p]);
  const problems = errorPaths.map((p) => ({ path: p, where: describeLocation(t, pathToLoc(p), values), message: String(form.errors[p]) }));

  const at = locate(values, selection);
  const sectionCount = values.sections.length;

  let panel = <SettingsEditor form={form} />;
  if (at && at.qi === null) {
    const si = at.si;
    panel = (
      <SectionEditor
        key={values.sections[si]!.id}
        form={form}
        si={si}
        moves={{
          number: si + 1,
          canMoveUp: si > 0,
          canMoveDown: si < sectionCount - 1,
          onMove: (dir) => form.reorderListItem('sections', { from: si, to: si + dir }),
          onRemove: () => removeSection(si),
          onAddQuestion: () => addQuestion(si),
          canAddQuestion: values.sections[si]!.questions.length < LIMITS.questions,
        }}
      />
    );
  } else if (at && at.qi !== null) {
    const { si, qi } = at as { si: number; qi: number };
    const count = values.sections[si]!.questions.length;
    panel = (
      <QuestionEditor
        key={values.sections[si]!.questions[qi]!.id}
        form={form}
        si={si}
        qi={qi}
        moves={{
          number: questionNumber(si, qi),
          canMoveUp: si > 0 || qi > 0,
          canMoveDown: si < sectionCount - 1 || qi < count - 1,
          onMove: (dir) => moveQuestion(si, qi, dir),
          onDuplicate: () => duplicateQuestion(si, qi),
          canDuplicate: count < LIMITS.questions,
          onRemove: () => removeQuestion(si, qi),
        }}
      />
    );
  }

  return (
    <form noValidate onSubmit={submit}>
      <Box
        pos="sticky"
        top={56}
        bg="gray.0"
        py="sm"
        mb="md"
        style={{ zIndex: 5, borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Group justify="space-between" align="center" gap="md" wrap="wrap">
          <Stack gap={0} style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Title order={1} fz={22}>
              {pick({ ja: template.title_ja, en: template.title_en }, i18n.language)}
            </Title>
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {t('questionnaires.editor.title', { n: draft.number })}
              </Text>
              <ToneBadge tone={dirty ? 'medium' : 'low'} size="md" data-testid="save-state" aria-live="polite">
                {dirty ? t('questionnaires.editor.unsaved') : t('questionnaires.editor.allSaved')}
              </ToneBadge>
            </Group>
          </Stack>
          <Group gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('questionnaires.editor.close')}
            </Button>
            <Tooltip label={t('questionnaires.editor.publishSaveFirst')} disabled={!dirty} withArrow>
              {/* data-disabled, not disabled: a disabled button gets no hover, and the tooltip says why. */}
              <Button
                variant="default"
                onClick={(e) => (dirty || save.isPending ? e.preventDefault() : actions.publish())}
                loading={actions.pending.publish}
                data-disabled={dirty || save.isPending || undefined}
                aria-disabled={dirty || save.isPending || undefined}
              >
                {t('questionnaires.publish')}
              </Button>
            </Tooltip>
            <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} disabled={!dirty}>
              {t('questionnaires.editor.save')}
            </Button>
          </Group>
        </Group>
      </Box>

      {showSummary && (problems.length > 0 || apiProblems.length > 0) && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          mb="md"
          role="alert"
          title={apiProblems.length ? t('questionnaires.editor.apiErrorsTitle') : t('questionnaires.editor.errorsTitle', { n: problems.length })}
          data-testid="editor-problems"
        >
          <List size="sm" spacing={2}>
            {problems.slice(0, 20).map((p) => (
              <List.Item key={p.path}>
                <Anchor component="button" type="button" size="sm" onClick={() => goTo(p.path)}>
                  {p.where}
                </Anchor>
                {t('questionnaires.where.colon')}
                {p.message}
              </List.Item>
            ))}
            {apiProblems.map((line, i) => (
              <List.Item key={`api-${i}`}>{line}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <Paper withBorder radius="md" p="xs" pos="sticky" top={136}>
            <Box mah="calc(100vh - 160px)" style={{ overflowY: 'auto', overflowX: 'hidden' }}>
              <EditorOutline
                values={values}
                errorPaths={errorPaths}
                selection={selection}
                collapsed={collapsed}
                onSelect={setSelection}
                onToggle={toggle}
                onToggleAll={toggleAll}
                onAddSection={addSection}
                onAddQuestion={addQuestion}
              />
            </Box>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
          <Paper withBorder radius="md" p="lg">
            {panel}
          </Paper>
        </Grid.Col>
      </Grid>

      <Modal
        opened={blocker.status === 'blocked'}
        onClose={() => blocker.reset?.()}
        title={t('questionnaires.editor.leaveTitle')}
      >
        <Stack gap="md">
          <Text size="sm">{t('questionnaires.editor.leaveMessage')}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => blocker.reset?.()}>
              {t('questionnaires.editor.stay')}
            </Button>
            <Button color="red" onClick={() => blocker.proceed?.()}>
              {t('questionnaires.editor.leave')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
