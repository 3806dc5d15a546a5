import { Badge, Checkbox, Collapse, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ClauseRequirementRead, ParameterRead } from '../../client/types.gen';
import { textIn } from '../../lib/bilingual';
import { LevelBadge, OwnRequirementBadge } from './badges';
import { effectiveLevel, policyHint, type ClauseDraft, type ClauseDrafts, type ParamValue } from './clauses';

type UnitKey = 'hours' | 'per_year';
const isUnit = (u: string | null): u is UnitKey => u === 'hours' || u === 'per_year';

/** "24 時間" / "年 1 回": a value with the parameter's unit in the UI language. */
export function withUnit(t: TFunction, value: number, unit: string | null): string {
  return isUnit(unit) ? t(`contracts.units.${unit}`, { value }) : unit ? `${value} ${unit}` : String(value);
}

/** The policy next to an input (and in the library): "方針: 24 時間 以内", "方針: 定めが必要". */
export function policyText(t: TFunction, p: ParameterRead): string | undefined {
  const hint = policyHint(p);
  if (!hint) return undefined;
  if (hint.kind === 'must_be_true') return t('contracts.form.policyMustBeTrue');
  const value = withUnit(t, hint.limit, hint.unit);
  return hint.kind === 'max' ? t('contracts.form.policyMax', { value }) : t('contracts.form.policyMin', { value });
}

function choiceLabel(t: TFunction, choice: string): string {
  return t(`contracts.choices.${choice}` as 'contracts.choices.japan', { defaultValue: choice });
}

function ParameterInput({
  p,
  value,
  onChange,
  coversMyNumber,
}: {
  p: ParameterRead;
  value: ParamValue;
  onChange: (v: ParamValue) => void;
  coversMyNumber: boolean;
}) {
  const { t, i18n } = useTranslation();
  const label = textIn(p.title, i18n.language);
  const hints = [policyText(t, p), p.only_when_my_number && !coversMyNumber ? t('contracts.form.onlyWhenMyNumber') : undefined].filter(Boolean);
  const description = hints.length ? hints.join(' · ') : undefined;
  switch (p.type) {
    case 'int':
      return (
        <NumberInput
          label={label}
          description={description}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          rightSection={isUnit(p.unit) ? <Text size="xs" c="dimmed" pr={6}>{t(`contracts.unitSuffix.${p.unit}`)}</Text> : undefined}
          rightSectionWidth={60}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : v === '' ? null : Number(v))}
          data-param={p.name}
        />
      );
    case 'bool':
      return (
        <Switch
          label={label}
          description={description}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          mt="xs"
          data-param={p.name}
        />
      );
    case 'choice':
      return (
        <Select
          label={label}
          description={description}
          placeholder={t('contracts.form.notSet')}
          clearable
          data={p.choices.map((c) => ({ value: c, label: choiceLabel(t, c) }))}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v)}
          data-param={p.name}
        />
      );
    default:
      return (
        <TextInput
          label={label}
          description={description}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          data-param={p.name}
        />
      );
  }
}

function ClauseRow({
  r,
  draft,
  onChange,
  coversMyNumber,
}: {
  r: ClauseRequirementRead;
  draft: ClauseDraft;
  onChange: (d: ClauseDraft) => void;
  coversMyNumber: boolean;
}) {
  const { t, i18n } = useTranslation();
  const title = textIn(r.title, i18n.language);
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="clause-row"
      data-key={r.key}
      style={draft.included ? { borderColor: 'var(--mantine-color-navy-4)', background: 'var(--mantine-color-navy-0)' } : undefined}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
        <Checkbox
          label={<Text fw={600} size="sm">{title}</Text>}
          aria-label={`${t('contracts.form.included')}: ${title}`}
          checked={draft.included}
          onChange={(e) => onChange({ ...draft, included: e.currentTarget.checked })}
        />
        <Group gap={6} wrap="nowrap">
          {r.custom && <OwnRequirementBadge />}
          {coversMyNumber && r.required_for_my_number && r.level !== 'required' && (
            <Badge size="sm" variant="light" color="grape" miw="max-content" title={t('contracts.myNumberRequired')}>
              {t('contracts.myNumber')}
            </Badge>
          )}
          <LevelBadge level={effectiveLevel(r, coversMyNumber)} />
        </Group>
      </Group>
      <Collapse expanded={draft.included} keepMounted={false}>
        <Stack gap="sm" mt="sm" pl={30}>
          {r.standard_wording && (
            <Text size="xs" c="dimmed" lineClamp={3} title={textIn(r.standard_wording, i18n.language)}>
              {t('contracts.form.standardWording')}: {textIn(r.standard_wording, i18n.language)}
            </Text>
          )}
          {r.parameters.length > 0 && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {r.parameters.map((p) => (
                <ParameterInput
                  key={p.name}
                  p={p}
                  coversMyNumber={coversMyNumber}
                  value={draft.values[p.name] ?? null}
                  onChange={(v) => onChange({ ...draft, values: { ...draft.values, [p.name]: v } })}
                />
              ))}
            </SimpleGrid>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('contracts.form.article')}
              placeholder={t('contracts.form.articlePlaceholder')}
              value={draft.article}
              onChange={(e) => onChange({ ...draft, article: e.currentTarget.value })}
            />
            <Textarea
              label={t('contracts.form.excerpt')}
              autosize
              minRows={1}
              maxRows={4}
              value={draft.excerpt}
              onChange={(e) => onChange({ ...draft, excerpt: e.currentTarget.value })}
              style={{ gridColumn: 'span 2' }}
            />
          </SimpleGrid>
        </Stack>
      </Collapse>
    </Paper>
  );
}

/** Every library requirement as a row: tick what the contract contains, with the values it states. */
export function ClausePicker({
  requirements,
  drafts,
  onChange,
  coversMyNumber,
}: {
  requirements: readonly ClauseRequirementRead[];
  drafts: ClauseDrafts;
  onChange: (key: string, draft: ClauseDraft) => void;
  coversMyNumber: boolean;
}) {
  return (
    <Stack gap="xs">
      {requirements.map((r) => {
        const draft = drafts[r.key];
        return draft ? <ClauseRow key={r.key} r={r} draft={draft} coversMyNumber={coversMyNumber} onChange={(d) => onChange(r.key, d)} /> : null;
      })}
    </Stack>
  );
}
