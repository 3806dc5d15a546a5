import { ActionIcon, Box, Button, Collapse, Group, NavLink, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconChevronDown, IconChevronRight, IconPlus, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type DefinitionValues, LIMITS, pick } from './definition';

export type Selection = { kind: 'settings' } | { kind: 'section'; id: string } | { kind: 'question'; id: string };

function ErrorMark() {
  const { t } = useTranslation();
  return <IconAlertCircle size={16} color="var(--mantine-color-red-9)" role="img" aria-label={t('questionnaires.editor.hasErrors')} />;
}

/**
 * The template's structure to move around in: the settings, each section (collapsible) and its
 * questions. Items with an error are marked, so a problem in a 40-question template is easy to find.
 */
export function EditorOutline({
  values,
  errorPaths,
  selection,
  collapsed,
  onSelect,
  onToggle,
  onToggleAll,
  onAddSection,
  onAddQuestion,
}: {
  values: DefinitionValues;
  errorPaths: string[];
  selection: Selection;
  collapsed: ReadonlySet<string>;
  onSelect: (s: Selection) => void;
  onToggle: (sectionId: string) => void;
  onToggleAll: (collapse: boolean) => void;
  onAddSection: () => void;
  onAddQuestion: (si: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const has = (prefix: string) => errorPaths.some((p) => p === prefix || p.startsWith(`${prefix}.`));
  const settingsError = errorPaths.some((p) => !p.startsWith('sections.') || p === 'sections');
  const starts = values.sections.reduce<number[]>((acc, s, i) => [...acc, (acc[i] ?? 0) + s.questions.length], [0]);

  return (
    <Box component="nav" aria-label={t('questionnaires.editor.outline')}>
      <Group justify="space-between" mb={4} gap={4}>
        <Text size="sm" fw={600}>
          {t('questionnaires.editor.outline')}
        </Text>
        <Group gap={0}>
          <Button size="compact-xs" variant="subtle" onClick={() => onToggleAll(false)} disabled={collapsed.size === 0}>
            {t('questionnaires.editor.expandAll')}
          </Button>
          <Button size="compact-xs" variant="subtle" onClick={() => onToggleAll(true)} disabled={collapsed.size === values.sections.length}>
            {t('questionnaires.editor.collapseAll')}
          </Button>
        </Group>
      </Group>
      <NavLink
        component="button"
        type="button"
        label={t('questionnaires.editor.settings')}
        leftSection={<IconSettings size={16} />}
        rightSection={settingsError ? <ErrorMark /> : undefined}
        active={selection.kind === 'settings'}
        aria-current={selection.kind === 'settings' ? 'true' : undefined}
        onClick={() => onSelect({ kind: 'settings' })}
      />
      <Stack gap={2} mt={4}>
        {values.sections.map((s, si) => {
          const name = pick(s.title, lang) || t('questionnaires.editor.untitled');
          const open = !collapsed.has(s.id);
          const active = selection.kind === 'section' && selection.id === s.id;
          const sp = `sections.${si}`;
          // Marked on the section: its own fields, or any of its questions while it is collapsed.
          const own = (p: string) =>
            p === `${sp}.key` || p === `${sp}.questions` || p.startsWith(`${sp}.title.`) || p.startsWith(`${sp}.description.`);
          const sectionError = open ? errorPaths.some(own) : has(sp);
          return (
            <div key={s.id} data-testid="outline-section">
              <Group gap={0} wrap="nowrap" align="center">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-expanded={open}
                  aria-label={open ? t('questionnaires.editor.collapse', { name }) : t('questionnaires.editor.expand', { name })}
                  onClick={() => onToggle(s.id)}
                >
                  {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                </ActionIcon>
                <NavLink
                  component="button"
                  type="button"
                  style={{ flex: 1, minWidth: 0 }}
                  label={
                    <Text size="sm" fw={600} truncate>
                      {si + 1}. {name}
                    </Text>
                  }
                  description={<span className="mono">{s.key}</span>}
                  styles={{ body: { minWidth: 0 } }}
                  rightSection={
                    sectionError ? (
                      <ErrorMark />
                    ) : (
                      <Text size="xs" c="dimmed">
                        {s.questions.length}
                      </Text>
                    )
                  }
                  active={active}
                  aria-current={active ? 'true' : undefined}
                  onClick={() => onSelect({ kind: 'section', id: s.id })}
                />
              </Group>
              <Collapse expanded={open}>
                <Stack gap={0} pl={28}>
                  {s.questions.map((q, qi) => {
                    const number = (starts[si] ?? 0) + qi + 1;
                    const selected = selection.kind === 'question' && selection.id === q.id;
                    const text = pick(q.text, lang) || t('questionnaires.editor.untitled');
                    return (
                      <NavLink
                        key={q.id}
                        component="button"
                        type="button"
                        data-testid="outline-question"
                        data-key={q.key}
                        label={
                          <Text size="sm" lineClamp={1}>
                            {number}. {text}
                          </Text>
                        }
                        description={
                          <Text span size="xs" c="inherit" truncate display="block">
                            <span className="mono">{q.key}</span> · {t(`questionnaires.types.${q.type}`)}
                          </Text>
                        }
                        styles={{ body: { minWidth: 0 } }}
                        rightSection={has(`sections.${si}.questions.${qi}`) ? <ErrorMark /> : undefined}
                        active={selected}
                        aria-current={selected ? 'true' : undefined}
                        onClick={() => onSelect({ kind: 'question', id: q.id })}
                      />
                    );
                  })}
                  <Group>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      my={4}
                      leftSection={<IconPlus size={14} />}
                      aria-label={t('questionnaires.editor.addQuestionTo', { name })}
                      disabled={s.questions.length >= LIMITS.questions}
                      onClick={() => onAddQuestion(si)}
                    >
                      {t('questionnaires.editor.addQuestion')}
                    </Button>
                  </Group>
                </Stack>
              </Collapse>
            </div>
          );
        })}
      </Stack>
      <Button
        mt="sm"
        variant="default"
        size="xs"
        fullWidth
        leftSection={<IconPlus size={14} />}
        disabled={values.sections.length >= LIMITS.sections}
        onClick={onAddSection}
      >
        {t('questionnaires.editor.addSection')}
      </Button>
    </Box>
  );
}
