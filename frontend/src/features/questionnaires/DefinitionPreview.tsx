import { Accordion, Badge, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Definition, Question, Text as Bilingual } from '../../client/types.gen';
import { ToneBadge } from '../../components/TierBadge';
import { useFormat } from '../../lib/format';
import { isChoice, pick } from './definition';

/** A text in the UI language, with the other language under it when there is one (marked with its `lang`). */
function Both({ value, strong }: { value: Bilingual | null | undefined; strong?: boolean }) {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const other = lang === 'en' ? 'ja' : 'en';
  const main = pick(value, lang);
  const second = value?.[lang] ? value?.[other] : '';
  return (
    <>
      <Text size="sm" fw={strong ? 500 : undefined} style={{ whiteSpace: 'pre-wrap' }}>
        {main}
      </Text>
      {second && (
        <Text size="xs" c="dimmed" lang={other} style={{ whiteSpace: 'pre-wrap' }}>
          {second}
        </Text>
      )}
    </>
  );
}

function QuestionPreview({ question, number }: { question: Question; number: number }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = i18n.language;
  const options = question.options ?? [];
  const label = (key: string) => pick(options.find((o) => o.key === key)?.label, lang) || key;
  const choice = isChoice(question.type);
  return (
    <Stack gap={6} data-testid="preview-question" data-key={question.key}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} c="dimmed" miw={28} ta="right">
          {number}.
        </Text>
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <div>
            <Both value={question.text} strong />
          </div>
          <Group gap={6}>
            <ToneBadge tone="neutral">{t(`questionnaires.types.${question.type}`)}</ToneBadge>
            <ToneBadge tone={question.required ?? true ? 'info' : 'neutral'}>
              {question.required ?? true ? t('questionnaires.preview.required') : t('questionnaires.preview.optional')}
            </ToneBadge>
            {choice && <ToneBadge tone="neutral">{t('questionnaires.preview.weight', { weight: f.number(question.weight ?? 1) })}</ToneBadge>}
            <Text size="xs" c="dimmed" className="mono">
              {question.key}
            </Text>
          </Group>
          {question.help && (
            <div>
              <Text size="xs" c="dimmed" fw={500}>
                {t('questionnaires.fields.help')}
              </Text>
              <Both value={question.help} />
            </div>
          )}
          {choice && options.length > 0 && (
            <Table withTableBorder withRowBorders verticalSpacing={4} fz="sm" maw={640} highlightOnHover={false}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('questionnaires.preview.optionLabel')}</Table.Th>
                  <Table.Th ta="right" w={110}>
                    {t('questionnaires.preview.score')}
                  </Table.Th>
                  <Table.Th w={140}>{t('questionnaires.preview.key')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {options.map((o) => (
                  <Table.Tr key={o.key}>
                    <Table.Td>{pick(o.label, lang)}</Table.Td>
                    <Table.Td ta="right" className="nowrap">
                      {o.score === null || o.score === undefined ? (
                        <Text span size="xs" c="dimmed">
                          {t('questionnaires.preview.notScored')}
                        </Text>
                      ) : (
                        f.number(o.score)
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text span size="xs" className="mono">
                        {o.key}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {choice && (question.findings ?? []).length > 0 && (
            <div>
              <Text size="xs" c="dimmed" fw={500}>
                {t('questionnaires.preview.findings')}
              </Text>
              <List size="sm" spacing={4} listStyleType="none" ml={0} pl={0}>
                {(question.findings ?? []).map((rule, i) => (
                  <List.Item key={i} data-testid="preview-finding">
                    <Group gap={6} wrap="wrap">
                      <ToneBadge tone={rule.severity}>{t(`questionnaires.severities.${rule.severity}`)}</ToneBadge>
                      <Text size="sm">
                        {t('questionnaires.preview.findingWhen', {
                          options: rule.when.map(label).join(t('common.listSeparator')),
                        })}
                      </Text>
                      <Text size="sm" c={rule.title ? undefined : 'dimmed'}>
                        → {rule.title ? pick(rule.title, lang) : t('questionnaires.preview.defaultFindingTitle')}
                      </Text>
                    </Group>
                  </List.Item>
                ))}
              </List>
            </div>
          )}
        </Stack>
      </Group>
    </Stack>
  );
}

/** A version's content, read-only: what the vendor is asked, how answers score, which answers raise findings. */
export function DefinitionPreview({ definition }: { definition: Definition }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = i18n.language;
  const all = definition.sections.map((s) => s.key);
  const [open, setOpen] = useState<string[]>(all);
  const scoring = definition.scoring ?? 'weighted_percent';
  const bands = definition.bands ?? [];
  const starts = definition.sections.reduce<number[]>((acc, s, i) => [...acc, (acc[i] ?? 0) + s.questions.length], [0]);

  return (
    <Stack gap="lg">
      {definition.description && (
        <div>
          <Both value={definition.description} />
        </div>
      )}
      <Group gap="xl" align="flex-start" wrap="wrap">
        <div style={{ flex: '1 1 280px' }}>
          <Text size="xs" c="dimmed" fw={500}>
            {t('questionnaires.preview.scoring')}
          </Text>
          <Text size="sm">{t(`questionnaires.scoringMethods.${scoring}`)}</Text>
          <Text size="xs" c="dimmed">
            {t(`questionnaires.scoringHints.${scoring}`)}
          </Text>
        </div>
        <div style={{ flex: '1 1 280px' }}>
          <Text size="xs" c="dimmed" fw={500}>
            {t('questionnaires.preview.bands')}
          </Text>
          {bands.length === 0 ? (
            <Text size="sm">{t('questionnaires.preview.noBands')}</Text>
          ) : (
            <Group gap="xs">
              {bands.map((b) => (
                <Badge key={b.key} variant="light" color="gray" size="md">
                  {pick(b.label, lang)}: {t('questionnaires.preview.bandMin', { min: f.number(b.min) })}
                </Badge>
              ))}
            </Group>
          )}
        </div>
      </Group>

      <Group justify="flex-end" gap="xs">
        <Button size="compact-sm" variant="subtle" onClick={() => setOpen(all)} disabled={open.length === all.length}>
          {t('questionnaires.preview.expandAll')}
        </Button>
        <Button size="compact-sm" variant="subtle" onClick={() => setOpen([])} disabled={open.length === 0}>
          {t('questionnaires.preview.collapseAll')}
        </Button>
      </Group>
      <Accordion multiple value={open} onChange={setOpen} variant="separated" chevronPosition="left" order={3}>
        {definition.sections.map((s, si) => (
          <Accordion.Item key={s.key} value={s.key} data-testid="preview-section">
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Text fw={600}>
                  {si + 1}. {pick(s.title, lang)}
                </Text>
                <Text size="xs" c="dimmed" className="nowrap">
                  {t('questionnaires.questionCount', { n: f.number(s.questions.length) })}
                </Text>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="lg">
                {s.description && (
                  <div>
                    <Both value={s.description} />
                  </div>
                )}
                {s.questions.map((q, qi) => (
                  <QuestionPreview key={q.key} question={q} number={(starts[si] ?? 0) + qi + 1} />
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}
