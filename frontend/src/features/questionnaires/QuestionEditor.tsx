import {
  ActionIcon,
  Button,
  Checkbox,
  Divider,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconCopy, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuestionType, Severity } from '../../client/types.gen';
import { ActionsHead } from '../../components/ListTable';
import {
  type DefinitionValues,
  type FindingValues,
  isChoice,
  LIMITS,
  newId,
  newOption,
  pick,
  QUESTION_TYPES,
  type QuestionValues,
  SEVERITIES,
  withType,
} from './definition';

export type DefinitionForm = UseFormReturnType<DefinitionValues>;

/** A small icon button with its name as tooltip and accessible label. */
export function IconAction({
  label,
  onClick,
  disabled,
  danger,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  danger?: boolean;
  children: React.ReactNode;
}) {
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon variant="subtle" color={danger ? 'red' : 'gray'} aria-label={label} onClick={onClick} disabled={disabled}>
        {children}
      </ActionIcon>
    </Tooltip>
  );
}

/**
 * The pair of a bilingual text (ja, en) side by side. A required text needs one of the two languages,
 * so neither field carries the asterisk; the hint under them says so.
 */
export function BilingualFields({
  form,
  path,
  labels,
  multiline,
  required,
  hint,
  placeholder,
}: {
  form: DefinitionForm;
  path: string;
  labels: [string, string];
  multiline?: boolean;
  required?: boolean;
  hint?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const Input = multiline ? Textarea : TextInput;
  const extra = multiline ? { autosize: true, minRows: 2, maxRows: 8 } : {};
  const note = hint ?? (required ? t('questionnaires.editor.eitherRequired') : undefined);
  return (
    <Stack gap={4}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Input label={labels[0]} placeholder={placeholder} {...extra} {...form.getInputProps(`${path}.ja`)} />
        <Input label={labels[1]} lang="en" placeholder={placeholder} {...extra} {...form.getInputProps(`${path}.en`)} />
      </SimpleGrid>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Stack>
  );
}

export function FieldError({ form, path }: { form: DefinitionForm; path: string }) {
  const error = form.errors[path];
  return error ? (
    <Text size="sm" c="red.9" role="alert">
      {error}
    </Text>
  ) : null;
}

/** Where a section or question stands among its siblings, and how to move or remove it. */
export type Moves = {
  number: number;
  canMoveUp: boolean;
  canMoveDown: boolean;
  onMove: (dir: -1 | 1) => void;
  onRemove: () => void;
};

export type QuestionMoves = Moves & { onDuplicate: () => void; canDuplicate: boolean };

/** The heading of a section's or question's editor: what it is and its key, then move up, move down, any `children` actions, delete. */
export function EditorHeading({ title, itemKey, moves, children }: { title: string; itemKey: string; moves: Moves; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="nowrap" align="center">
      <Title order={2} fz="lg">
        {title}
        <Text span c="dimmed" className="mono" ml="xs" fz="sm">
          {itemKey}
        </Text>
      </Title>
      <Group gap={4} wrap="nowrap">
        <IconAction label={t('questionnaires.editor.moveUp')} onClick={() => moves.onMove(-1)} disabled={!moves.canMoveUp}>
          <IconArrowUp size={18} />
        </IconAction>
        <IconAction label={t('questionnaires.editor.moveDown')} onClick={() => moves.onMove(1)} disabled={!moves.canMoveDown}>
          <IconArrowDown size={18} />
        </IconAction>
        {children}
        <IconAction label={t('questionnaires.editor.delete')} onClick={moves.onRemove} danger>
          <IconTrash size={18} />
        </IconAction>
      </Group>
    </Group>
  );
}

/** One question: key, type, texts, required and weight; for choice questions its options and finding rules. */
export function QuestionEditor({ form, si, qi, moves }: { form: DefinitionForm; si: number; qi: number; moves: QuestionMoves }) {
  const { t, i18n } = useTranslation();
  const qp = `sections.${si}.questions.${qi}`;
  const question = form.getValues().sections[si]?.questions[qi];
  if (!question) return null;
  const choice = isChoice(question.type);
  const current = (): QuestionValues => form.getValues().sections[si]!.questions[qi]!;

  const setType = (type: QuestionType) => form.setFieldValue(qp, withType(current(), type));

  // Finding rules name options by key: they follow a renamed key and drop a removed option.
  const renameOption = (oi: number, next: string) => {
    const q = current();
    const prev = q.options[oi]?.key ?? '';
    form.setFieldValue(`${qp}.options.${oi}.key`, next);
    if (!prev || q.options.some((o, i) => i !== oi && o.key === prev)) return;
    q.findings.forEach((f, fi) => {
      if (f.when.includes(prev)) form.setFieldValue(`${qp}.findings.${fi}.when`, f.when.map((k) => (k === prev ? next : k)));
    });
  };
  const removeOption = (oi: number) => {
    const q = current();
    const key = q.options[oi]?.key ?? '';
    form.removeListItem(`${qp}.options`, oi);
    if (q.options.some((o, i) => i !== oi && o.key === key)) return;
    q.findings.forEach((f, fi) => {
      if (f.when.includes(key)) form.setFieldValue(`${qp}.findings.${fi}.when`, f.when.filter((k) => k !== key));
    });
  };
  const addFinding = () => {
    const q = current();
    const worst = q.options.some((o) => o.key === 'no') ? ['no'] : [];
    const rule: FindingValues = { id: newId(), when: worst, severity: 'medium', title: { ja: '', en: '' } };
    form.insertListItem(`${qp}.findings`, rule);
  };

  const seen = new Set<string>();
  const optionChoices = question.options.flatMap((o) => {
    const key = o.key.trim();
    if (!key || seen.has(key)) return [];
    seen.add(key);
    return [{ value: key, label: pick(o.label, i18n.language) || key }];
  });

  return (
    <Stack gap="lg" data-testid="question-editor">
      <EditorHeading title={t('questionnaires.editor.question', { n: moves.number })} itemKey={question.key} moves={moves}>
        <IconAction label={t('questionnaires.editor.duplicate')} onClick={moves.onDuplicate} disabled={!moves.canDuplicate}>
          <IconCopy size={18} />
        </IconAction>
      </EditorHeading>

      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" verticalSpacing="sm">
        <TextInput
          label={t('questionnaires.fields.key')}
          description={t('questionnaires.editor.keyHint')}
          withAsterisk
          autoComplete="off"
          spellCheck={false}
          classNames={{ input: 'mono' }}
          {...form.getInputProps(`${qp}.key`)}
        />
        <Select
          label={t('questionnaires.fields.type')}
          description={t('questionnaires.editor.typeHint')}
          allowDeselect={false}
          data={QUESTION_TYPES.map((type) => ({ value: type, label: t(`questionnaires.types.${type}`) }))}
          {...form.getInputProps(`${qp}.type`)}
          onChange={(v) => v && setType(v as QuestionType)}
        />
        <NumberInput
          label={t('questionnaires.fields.weight')}
          description={t('questionnaires.editor.weightHint')}
          min={0}
          max={LIMITS.weight}
          decimalScale={2}
          allowNegative={false}
          clampBehavior="none"
          {...form.getInputProps(`${qp}.weight`)}
        />
      </SimpleGrid>
      <Checkbox label={t('questionnaires.fields.required')} {...form.getInputProps(`${qp}.required`, { type: 'checkbox' })} />

      <BilingualFields
        form={form}
        path={`${qp}.text`}
        labels={[t('questionnaires.labels.textJa'), t('questionnaires.labels.textEn')]}
        multiline
        required
        hint={t('questionnaires.editor.textHint')}
      />
      <BilingualFields form={form} path={`${qp}.help`} labels={[t('questionnaires.labels.helpJa'), t('questionnaires.labels.helpEn')]} multiline />

      <Divider />
      {!choice ? (
        <Text size="sm" c="dimmed">
          {t('questionnaires.editor.notChoice')}
        </Text>
      ) : (
        <>
          <Stack gap="xs">
            <Title order={3} fz="md">
              {t('questionnaires.fields.options')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('questionnaires.editor.optionsHint')}
            </Text>
            <Table.ScrollContainer minWidth={680}>
              <Table verticalSpacing={6} highlightOnHover={false} data-testid="options-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={130}>{t('questionnaires.fields.key')}</Table.Th>
                    <Table.Th>{t('questionnaires.editor.labelJa')}</Table.Th>
                    <Table.Th>{t('questionnaires.editor.labelEn')}</Table.Th>
                    <Table.Th w={100}>{t('questionnaires.fields.score')}</Table.Th>
                    <ActionsHead w={108} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {question.options.map((o, oi) => {
                    const n = oi + 1;
                    const op = `${qp}.options.${oi}`;
                    return (
                      <Table.Tr key={o.id} data-testid="option-row">
                        <Table.Td valign="top">
                          <TextInput
                            aria-label={t('questionnaires.labels.optionKey', { n })}
                            classNames={{ input: 'mono' }}
                            autoComplete="off"
                            spellCheck={false}
                            {...form.getInputProps(`${op}.key`)}
                            onChange={(e) => renameOption(oi, e.currentTarget.value)}
                          />
                        </Table.Td>
                        <Table.Td valign="top">
                          <TextInput aria-label={t('questionnaires.labels.optionLabelJa', { n })} {...form.getInputProps(`${op}.label.ja`)} />
                        </Table.Td>
                        <Table.Td valign="top">
                          <TextInput lang="en" aria-label={t('questionnaires.labels.optionLabelEn', { n })} {...form.getInputProps(`${op}.label.en`)} />
                        </Table.Td>
                        <Table.Td valign="top">
                          <NumberInput
                            aria-label={t('questionnaires.labels.optionScore', { n })}
                            placeholder={t('questionnaires.editor.scorePlaceholder')}
                            min={-LIMITS.score}
                            max={LIMITS.score}
                            decimalScale={2}
                            clampBehavior="none"
                            {...form.getInputProps(`${op}.score`)}
                          />
                        </Table.Td>
                        <Table.Td valign="top">
                          <Group gap={0} wrap="nowrap">
                            <IconAction
                              label={t('questionnaires.editor.moveOptionUp', { n })}
                              onClick={() => form.reorderListItem(`${qp}.options`, { from: oi, to: oi - 1 })}
                              disabled={oi === 0}
                            >
                              <IconArrowUp size={16} />
                            </IconAction>
                            <IconAction
                              label={t('questionnaires.editor.moveOptionDown', { n })}
                              onClick={() => form.reorderListItem(`${qp}.options`, { from: oi, to: oi + 1 })}
                              disabled={oi === question.options.length - 1}
                            >
                              <IconArrowDown size={16} />
                            </IconAction>
                            <IconAction label={t('questionnaires.editor.removeOption', { n })} onClick={() => removeOption(oi)} danger>
                              <IconTrash size={16} />
                            </IconAction>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <FieldError form={form} path={`${qp}.options`} />
            <Group>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPlus size={14} />}
                disabled={question.options.length >= LIMITS.options}
                onClick={() => form.insertListItem(`${qp}.options`, newOption(current()))}
              >
                {t('questionnaires.editor.addOption')}
              </Button>
            </Group>
          </Stack>

          <Stack gap="xs">
            <Title order={3} fz="md">
              {t('questionnaires.fields.findings')}
            </Title>
            <Text size="xs" c="dimmed">
              {t('questionnaires.editor.findingsHint')}
            </Text>
            {question.findings.length === 0 && <Text size="sm">{t('questionnaires.editor.noFindings')}</Text>}
            {question.findings.map((f, fi) => {
              const n = fi + 1;
              const fp = `${qp}.findings.${fi}`;
              return (
                <Paper key={f.id} withBorder p="sm" radius="sm" data-testid="finding-rule">
                  <Stack gap="sm">
                    <Group justify="space-between">
                      <Text size="sm" fw={600}>
                        {t('questionnaires.editor.findingRule', { n })}
                      </Text>
                      <IconAction
                        label={t('questionnaires.editor.removeFinding', { n })}
                        onClick={() => form.removeListItem(`${qp}.findings`, fi)}
                        danger
                      >
                        <IconTrash size={16} />
                      </IconAction>
                    </Group>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                      <MultiSelect
                        label={t('questionnaires.fields.when')}
                        withAsterisk
                        data={optionChoices}
                        {...form.getInputProps(`${fp}.when`)}
                      />
                      <Select
                        label={t('questionnaires.fields.severity')}
                        allowDeselect={false}
                        data={SEVERITIES.map((s) => ({ value: s, label: t(`questionnaires.severities.${s}`) }))}
                        {...form.getInputProps(`${fp}.severity`)}
                        onChange={(v) => v && form.setFieldValue(`${fp}.severity`, v as Severity)}
                      />
                    </SimpleGrid>
                    <BilingualFields
                      form={form}
                      path={`${fp}.title`}
                      labels={[t('questionnaires.labels.findingTitleJa'), t('questionnaires.labels.findingTitleEn')]}
                      placeholder={t('questionnaires.editor.findingTitlePlaceholder')}
                    />
                  </Stack>
                </Paper>
              );
            })}
            <FieldError form={form} path={`${qp}.findings`} />
            <Group>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPlus size={14} />}
                disabled={question.findings.length >= LIMITS.findings}
                onClick={addFinding}
              >
                {t('questionnaires.editor.addFinding')}
              </Button>
            </Group>
          </Stack>
        </>
      )}
    </Stack>
  );
}
