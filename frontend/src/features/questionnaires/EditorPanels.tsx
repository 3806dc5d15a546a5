import { Button, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ScoringMethod } from '../../client/types.gen';
import { LIMITS, newBand, SCORING_METHODS } from './definition';
import { BilingualFields, type DefinitionForm, EditorHeading, FieldError, IconAction, type Moves } from './QuestionEditor';
import { ActionsHead } from '../../components/ListTable';

/** Title, description, scoring method and bands of the whole template. */
export function SettingsEditor({ form }: { form: DefinitionForm }) {
  const { t } = useTranslation();
  const values = form.getValues();
  return (
    <Stack gap="lg" data-testid="settings-editor">
      <Stack gap={4}>
        <Title order={2} fz="lg">
          {t('questionnaires.editor.settings')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('questionnaires.editor.settingsHint')}
        </Text>
      </Stack>
      <BilingualFields form={form} path="title" labels={[t('questionnaires.labels.titleJa'), t('questionnaires.labels.titleEn')]} required />
      <BilingualFields
        form={form}
        path="description"
        labels={[t('questionnaires.labels.descriptionJa'), t('questionnaires.labels.descriptionEn')]}
        multiline
      />
      <Select
        label={t('questionnaires.fields.scoring')}
        description={t(`questionnaires.scoringHints.${values.scoring}`)}
        allowDeselect={false}
        maw={520}
        data={SCORING_METHODS.map((m) => ({ value: m, label: t(`questionnaires.scoringMethods.${m}`) }))}
        {...form.getInputProps('scoring')}
        onChange={(v) => v && form.setFieldValue('scoring', v as ScoringMethod)}
      />
      <Stack gap="xs">
        <Title order={3} fz="md">
          {t('questionnaires.fields.bands')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('questionnaires.editor.bandsHint')}
        </Text>
        {values.bands.length === 0 ? (
          <Text size="sm">{t('questionnaires.editor.noBands')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={6} highlightOnHover={false}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={120}>{t('questionnaires.fields.min')}</Table.Th>
                  <Table.Th w={150}>{t('questionnaires.fields.key')}</Table.Th>
                  <Table.Th>{t('questionnaires.editor.labelJa')}</Table.Th>
                  <Table.Th>{t('questionnaires.editor.labelEn')}</Table.Th>
                  <ActionsHead w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {values.bands.map((b, i) => {
                  const n = i + 1;
                  return (
                    <Table.Tr key={b.id}>
                      <Table.Td valign="top">
                        <NumberInput
                          aria-label={t('questionnaires.labels.bandMin', { n })}
                          decimalScale={2}
                          clampBehavior="none"
                          {...form.getInputProps(`bands.${i}.min`)}
                        />
                      </Table.Td>
                      <Table.Td valign="top">
                        <TextInput
                          aria-label={t('questionnaires.labels.bandKey', { n })}
                          classNames={{ input: 'mono' }}
                          autoComplete="off"
                          spellCheck={false}
                          {...form.getInputProps(`bands.${i}.key`)}
                        />
                      </Table.Td>
                      <Table.Td valign="top">
                        <TextInput aria-label={t('questionnaires.labels.bandLabelJa', { n })} {...form.getInputProps(`bands.${i}.label.ja`)} />
                      </Table.Td>
                      <Table.Td valign="top">
                        <TextInput
                          lang="en"
                          aria-label={t('questionnaires.labels.bandLabelEn', { n })}
                          {...form.getInputProps(`bands.${i}.label.en`)}
                        />
                      </Table.Td>
                      <Table.Td valign="top">
                        <IconAction label={t('questionnaires.editor.removeBand', { n })} onClick={() => form.removeListItem('bands', i)} danger>
                          <IconTrash size={16} />
                        </IconAction>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            disabled={values.bands.length >= LIMITS.bands}
            onClick={() => form.insertListItem('bands', newBand(form.getValues()))}
          >
            {t('questionnaires.editor.addBand')}
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}

export type SectionMoves = Moves & { onAddQuestion: () => void; canAddQuestion: boolean };

/** A section's key, title and description; its questions are picked in the outline. */
export function SectionEditor({ form, si, moves }: { form: DefinitionForm; si: number; moves: SectionMoves }) {
  const { t } = useTranslation();
  const section = form.getValues().sections[si];
  if (!section) return null;
  const sp = `sections.${si}`;
  return (
    <Stack gap="lg" data-testid="section-editor">
      <EditorHeading title={t('questionnaires.editor.section', { n: moves.number })} itemKey={section.key} moves={moves} />
      <TextInput
        label={t('questionnaires.fields.key')}
        description={t('questionnaires.editor.keyHint')}
        withAsterisk
        maw={320}
        autoComplete="off"
        spellCheck={false}
        classNames={{ input: 'mono' }}
        {...form.getInputProps(`${sp}.key`)}
      />
      <BilingualFields
        form={form}
        path={`${sp}.title`}
        labels={[t('questionnaires.labels.sectionTitleJa'), t('questionnaires.labels.sectionTitleEn')]}
        required
      />
      <BilingualFields
        form={form}
        path={`${sp}.description`}
        labels={[t('questionnaires.labels.descriptionJa'), t('questionnaires.labels.descriptionEn')]}
        multiline
      />
      <FieldError form={form} path={`${sp}.questions`} />
      <Group>
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={moves.onAddQuestion} disabled={!moves.canAddQuestion}>
          {t('questionnaires.editor.addQuestion')}
        </Button>
      </Group>
    </Stack>
  );
}
