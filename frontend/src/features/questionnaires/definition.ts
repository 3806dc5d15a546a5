import type { TFunction } from 'i18next';
import {
  type Band,
  type Definition,
  type FindingRule,
  type Option,
  type Question,
  QuestionType,
  ScoringMethod,
  type Section,
  Severity,
  type Text,
} from '../../client/types.gen';
import { i18n } from '../../i18n';
import { enumValues } from '../../lib/enums';
import { fieldErrorMessage } from '../../lib/forms';

/*
 * A template's definition as the editor's form holds it, and back. The rules checked here are the
 * obvious ones of backend/itaku/assessments/definition.py (the source of truth): key pattern and
 * uniqueness, texts in at least one language, at least two options on a choice question, at least
 * one section and one question, and the numeric ranges. The API checks everything again; its 422 is
 * mapped onto the same form paths by `apiErrorsToFields`.
 */

export const KEY_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
export const CHOICE_TYPES: readonly QuestionType[] = ['yes_no_na', 'single_choice', 'multiple_choice'];
export const QUESTION_TYPES = enumValues(QuestionType);
export const SEVERITIES = enumValues(Severity);
export const SCORING_METHODS = enumValues(ScoringMethod);
export const LIMITS = { sections: 50, questions: 200, options: 50, findings: 10, bands: 10, text: 4000, weight: 100, score: 100 };

/** A number input's value: a number, or '' while the field is empty. */
export type Num = number | string;
export type TextValues = { ja: string; en: string };
export type OptionValues = { id: string; key: string; label: TextValues; score: Num };
export type FindingValues = { id: string; when: string[]; severity: Severity; title: TextValues };
export type QuestionValues = {
  id: string;
  key: string;
  type: QuestionType;
  text: TextValues;
  help: TextValues;
  required: boolean;
  weight: Num;
  options: OptionValues[];
  findings: FindingValues[];
};
export type SectionValues = { id: string; key: string; title: TextValues; description: TextValues; questions: QuestionValues[] };
export type BandValues = { id: string; min: Num; key: string; label: TextValues };
export type DefinitionValues = {
  title: TextValues;
  description: TextValues;
  scoring: ScoringMethod;
  bands: BandValues[];
  sections: SectionValues[];
};

let nextId = 0;
/** A React key for an item of the form's lists; never sent to the API. */
export const newId = (): string => `item-${++nextId}`;

export const isChoice = (type: QuestionType): boolean => CHOICE_TYPES.includes(type);

const text = (v: Text | null | undefined): TextValues => ({ ja: v?.ja ?? '', en: v?.en ?? '' });
const emptyText = (): TextValues => ({ ja: '', en: '' });

/** The text in the UI language, else in the other one (as the portal shows it). */
export function pick(v: Text | TextValues | null | undefined, lang: string): string {
  const ja = v?.ja ?? '';
  const en = v?.en ?? '';
  return lang === 'en' ? en || ja : ja || en;
}

/** A content text in both languages from the message files (e.g. the default yes/no/n.a. labels). */
export function bilingual(key: 'yes' | 'no' | 'na' | 'newSection' | 'newQuestion'): TextValues {
  return {
    ja: i18n.getFixedT('ja')(`questionnaires.content.${key}`),
    en: i18n.getFixedT('en')(`questionnaires.content.${key}`),
  };
}

/** The options the API gives a yes/no/n.a. question without options: yes 1, no 0, n.a. out of scoring. */
export function yesNoNaOptions(): OptionValues[] {
  return [
    { id: newId(), key: 'yes', label: bilingual('yes'), score: 1 },
    { id: newId(), key: 'no', label: bilingual('no'), score: 0 },
    { id: newId(), key: 'na', label: bilingual('na'), score: '' },
  ];
}

export function toValues(d: Definition): DefinitionValues {
  return {
    title: text(d.title),
    description: text(d.description),
    scoring: d.scoring ?? 'weighted_percent',
    bands: (d.bands ?? []).map((b) => ({ id: newId(), min: b.min, key: b.key, label: text(b.label) })),
    sections: d.sections.map((s) => ({
      id: newId(),
      key: s.key,
      title: text(s.title),
      description: text(s.description),
      questions: s.questions.map((q) => ({
        id: newId(),
        key: q.key,
        type: q.type,
        text: text(q.text),
        help: text(q.help),
        required: q.required ?? true,
        weight: q.weight ?? 1,
        options:
          q.type === 'yes_no_na' && !q.options?.length
            ? yesNoNaOptions()
            : (q.options ?? []).map((o) => ({ id: newId(), key: o.key, label: text(o.label), score: o.score ?? '' })),
        findings: (q.findings ?? []).map((f) => ({ id: newId(), when: [...f.when], severity: f.severity, title: text(f.title) })),
      })),
    })),
  };
}

const trimmed = (v: TextValues): Text => ({ ja: v.ja.trim(), en: v.en.trim() });
const optionalText = (v: TextValues): Text | null => (v.ja.trim() || v.en.trim() ? trimmed(v) : null);
const num = (v: Num): number | null => (v === '' || v === null || v === undefined ? null : Number(v));

/**
 * The body's `definition` from the form. Options and finding rules of a question whose type is not a
 * choice stay in the form (switching back restores them) but are not sent.
 */
export function toDefinition(v: DefinitionValues): Definition {
  return {
    format: 'itaku.questionnaire/1',
    title: trimmed(v.title),
    description: optionalText(v.description),
    scoring: v.scoring,
    bands: v.bands.map((b): Band => ({ min: num(b.min) ?? 0, key: b.key.trim(), label: trimmed(b.label) })),
    sections: v.sections.map(
      (s): Section => ({
        key: s.key.trim(),
        title: trimmed(s.title),
        description: optionalText(s.description),
        questions: s.questions.map((q): Question => {
          const choice = isChoice(q.type);
          return {
            key: q.key.trim(),
            type: q.type,
            text: trimmed(q.text),
            help: optionalText(q.help),
            required: q.required,
            weight: num(q.weight) ?? 0,
            options: choice
              ? q.options.map((o): Option => ({ key: o.key.trim(), label: trimmed(o.label), score: num(o.score) }))
              : [],
            findings: choice
              ? q.findings.map(
                  (f): FindingRule => ({ when: f.when.map((k) => k.trim()), severity: f.severity, title: optionalText(f.title) }),
                )
              : [],
          };
        }),
      }),
    ),
  };
}

/** `prefix` + the smallest number from `from` on that no key in `taken` uses (q12, q13…). */
export function suggestKey(prefix: string, taken: Iterable<string>, from = 1): string {
  const used = new Set(taken);
  let n = Math.max(1, from);
  while (used.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export function questionKeys(v: DefinitionValues): string[] {
  return v.sections.flatMap((s) => s.questions.map((q) => q.key.trim()));
}

/** The key of a question inserted at `index` of section `sectionIndex`: its position in the template, e.g. q12. */
export function suggestQuestionKey(v: DefinitionValues, sectionIndex: number, index: number): string {
  const before = v.sections.slice(0, sectionIndex).reduce((n, s) => n + s.questions.length, 0);
  return suggestKey('q', questionKeys(v), before + index + 1);
}

export function newQuestion(v: DefinitionValues, sectionIndex: number, index: number, type: QuestionType = 'yes_no_na'): QuestionValues {
  return {
    id: newId(),
    key: suggestQuestionKey(v, sectionIndex, index),
    type,
    text: emptyText(),
    help: emptyText(),
    required: true,
    weight: 1,
    options: type === 'yes_no_na' ? yesNoNaOptions() : [],
    findings: [],
  };
}

export function newSection(v: DefinitionValues): SectionValues {
  const key = suggestKey('s', v.sections.map((s) => s.key.trim()), v.sections.length + 1);
  const section: SectionValues = { id: newId(), key, title: emptyText(), description: emptyText(), questions: [] };
  return { ...section, questions: [newQuestion({ ...v, sections: [...v.sections, section] }, v.sections.length, 0)] };
}

export function newOption(q: QuestionValues): OptionValues {
  return { id: newId(), key: suggestKey('o', q.options.map((o) => o.key.trim()), q.options.length + 1), label: emptyText(), score: '' };
}

export function newBand(v: DefinitionValues): BandValues {
  return { id: newId(), min: '', key: suggestKey('band', v.bands.map((b) => b.key.trim()), v.bands.length + 1), label: emptyText() };
}

/** A question whose options are set for its (new) type: yes/no/n.a. gets the defaults, others keep theirs. */
export function withType(q: QuestionValues, type: QuestionType): QuestionValues {
  if (type === 'yes_no_na' && q.options.length === 0) return { ...q, type, options: yesNoNaOptions() };
  if (isChoice(type) && q.options.length === 0) {
    const first = newOption(q);
    return { ...q, type, options: [first, newOption({ ...q, options: [first] })] };
  }
  return { ...q, type };
}

// --- validation ----------------------------------------------------------------------------------------

type Errors = Record<string, string>;

function textErrors(t: TFunction, errors: Errors, path: string, v: TextValues, required: boolean): void {
  if (required && !v.ja.trim() && !v.en.trim()) errors[`${path}.ja`] = t('questionnaires.validation.textRequired');
  for (const lang of ['ja', 'en'] as const) {
    if (v[lang].trim().length > LIMITS.text) errors[`${path}.${lang}`] = t('validation.maxLength', { max: LIMITS.text });
  }
}

function keyError(t: TFunction, key: string): string | null {
  const k = key.trim();
  if (!k) return t('validation.required');
  return KEY_PATTERN.test(k) ? null : t('questionnaires.validation.keyPattern');
}

function numberError(t: TFunction, v: Num, min: number, max: number, required: boolean): string | null {
  if (v === '' || v === null || v === undefined) return required ? t('validation.required') : null;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) return t('questionnaires.validation.numberRange', { min, max });
  return null;
}

/** The positions (after the first) of values that appeared before, for "used twice" errors. */
function repeats(values: string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => {
    if (!v) return [];
    if (seen.has(v)) return [i];
    seen.add(v);
    return [];
  });
}

/** Errors keyed by form path (`sections.0.questions.2.key`), empty when the definition may be saved. */
export function validateDefinition(t: TFunction, v: DefinitionValues): Errors {
  const errors: Errors = {};
  const set = (path: string, message: string | null) => {
    if (message && !errors[path]) errors[path] = message;
  };
  textErrors(t, errors, 'title', v.title, true);
  textErrors(t, errors, 'description', v.description, false);

  v.bands.forEach((b, i) => {
    set(`bands.${i}.key`, keyError(t, b.key));
    set(`bands.${i}.min`, numberError(t, b.min, -1_000_000, 1_000_000, true));
    textErrors(t, errors, `bands.${i}.label`, b.label, true);
  });
  for (const i of repeats(v.bands.map((b) => b.key.trim()))) set(`bands.${i}.key`, t('questionnaires.validation.keyTaken'));

  if (v.sections.length === 0) set('sections', t('questionnaires.validation.noSections'));
  v.sections.forEach((s, si) => {
    const sp = `sections.${si}`;
    set(`${sp}.key`, keyError(t, s.key));
    textErrors(t, errors, `${sp}.title`, s.title, true);
    textErrors(t, errors, `${sp}.description`, s.description, false);
    if (s.questions.length === 0) set(`${sp}.questions`, t('questionnaires.validation.noQuestions'));
    s.questions.forEach((q, qi) => {
      const qp = `${sp}.questions.${qi}`;
      set(`${qp}.key`, keyError(t, q.key));
      textErrors(t, errors, `${qp}.text`, q.text, true);
      textErrors(t, errors, `${qp}.help`, q.help, false);
      set(`${qp}.weight`, numberError(t, q.weight, 0, LIMITS.weight, true));
      if (!isChoice(q.type)) return;
      if (q.options.length < 2) set(`${qp}.options`, t('questionnaires.validation.minOptions'));
      q.options.forEach((o, oi) => {
        set(`${qp}.options.${oi}.key`, keyError(t, o.key));
        textErrors(t, errors, `${qp}.options.${oi}.label`, o.label, true);
        set(`${qp}.options.${oi}.score`, numberError(t, o.score, -LIMITS.score, LIMITS.score, false));
      });
      for (const oi of repeats(q.options.map((o) => o.key.trim()))) set(`${qp}.options.${oi}.key`, t('questionnaires.validation.optionKeyTaken'));
      const optionKeys = new Set(q.options.map((o) => o.key.trim()));
      q.findings.forEach((f, fi) => {
        if (f.when.length === 0) set(`${qp}.findings.${fi}.when`, t('questionnaires.validation.findingWhen'));
        else if (f.when.some((k) => !optionKeys.has(k.trim()))) set(`${qp}.findings.${fi}.when`, t('questionnaires.validation.findingUnknownOption'));
        textErrors(t, errors, `${qp}.findings.${fi}.title`, f.title, false);
      });
    });
  });
  for (const i of repeats(v.sections.map((s) => s.key.trim()))) set(`sections.${i}.key`, t('questionnaires.validation.keyTaken'));
  const positions = v.sections.flatMap((s, si) => s.questions.map((_, qi) => `sections.${si}.questions.${qi}`));
  for (const i of repeats(questionKeys(v))) set(`${positions[i]}.key`, t('questionnaires.validation.keyTaken'));
  return errors;
}

// --- the API's 422 ------------------------------------------------------------------------------------

export type ApiFieldError = { loc: (string | number)[]; msg: string; type: string; ctx?: Record<string, unknown> };

export function isFieldErrorList(detail: unknown): detail is ApiFieldError[] {
  return Array.isArray(detail) && detail.every((d) => !!d && typeof d === 'object' && Array.isArray((d as ApiFieldError).loc));
}

const TEXTS = '(?:title|description|label|text|help)';
const FIELD_PATHS = [
  new RegExp(`^${TEXTS}\\.(?:ja|en)$`),
  /^(?:scoring|bands|sections)$/,
  new RegExp(`^bands\\.\\d+\\.(?:min|key|label\\.(?:ja|en))$`),
  new RegExp(`^sections\\.\\d+\\.(?:key|questions|${TEXTS}\\.(?:ja|en))$`),
  new RegExp(`^sections\\.\\d+\\.questions\\.\\d+\\.(?:key|type|required|weight|options|findings|${TEXTS}\\.(?:ja|en))$`),
  new RegExp(`^sections\\.\\d+\\.questions\\.\\d+\\.options\\.\\d+\\.(?:key|score|label\\.(?:ja|en))$`),
  new RegExp(`^sections\\.\\d+\\.questions\\.\\d+\\.findings\\.\\d+\\.(?:when|severity|title\\.(?:ja|en))$`),
];

/** Whether the editor shows a field (and its error) at this form path. */
export const isFieldPath = (path: string): boolean => FIELD_PATHS.some((re) => re.test(path));

/** The message of one API error, in the user's language; the English `msg` is never shown. */
export function apiErrorMessage(t: TFunction, e: ApiFieldError): string {
  const last = String(e.loc[e.loc.length - 1] ?? '');
  if (e.type === 'string_pattern_mismatch' && (last === 'key' || typeof e.loc[e.loc.length - 1] === 'number')) {
    return t('questionnaires.validation.keyPattern');
  }
  if (e.type === 'value_error') {
    if (/give the text in Japanese, English or both/.test(e.msg)) return t('questionnaires.validation.textRequired');
    if (/needs at least two options/.test(e.msg)) return t('questionnaires.validation.minOptions');
    if (/option keys repeat/.test(e.msg)) return t('questionnaires.validation.optionKeyTaken');
    if (/finding rule names unknown options/.test(e.msg)) return t('questionnaires.validation.findingUnknownOption');
    if (/only choice questions/.test(e.msg)) return t('questionnaires.validation.onlyChoice');
    if (/keys must be unique|section keys repeat/.test(e.msg)) return t('questionnaires.validation.keyTaken');
  }
  if (e.type === 'too_short') {
    if (last === 'sections') return t('questionnaires.validation.noSections');
    if (last === 'questions') return t('questionnaires.validation.noQuestions');
    if (last === 'when') return t('questionnaires.validation.findingWhen');
  }
  if (e.type === 'literal_error' && last === 'format') return t('questionnaires.validation.format');
  if (e.type === 'too_long') return t('questionnaires.validation.tooMany');
  if (e.type === 'less_than_equal' || e.type === 'greater_than_equal') {
    if (last === 'weight') return t('questionnaires.validation.numberRange', { min: 0, max: LIMITS.weight });
    if (last === 'score') return t('questionnaires.validation.numberRange', { min: -LIMITS.score, max: LIMITS.score });
  }
  if (e.type === 'float_parsing' || e.type === 'float_type') return t('questionnaires.validation.number');
  if (e.type === 'extra_forbidden') return t('questionnaires.validation.unknownField', { field: last });
  return fieldErrorMessage(t, e);
}

/** What was sent (form values or an imported file, of any shape): used only to name sections and questions by key. */
type Source = unknown;

function sectionsOf(source: Source): { key?: unknown; questions?: unknown }[] {
  const sections = source && typeof source === 'object' ? (source as { sections?: unknown }).sections : undefined;
  return Array.isArray(sections) ? sections.map((s) => (s && typeof s === 'object' ? s : {})) : [];
}

function questionsOf(section: { questions?: unknown } | undefined): { key?: unknown }[] {
  const questions = section?.questions;
  return Array.isArray(questions) ? questions.map((q) => (q && typeof q === 'object' ? q : {})) : [];
}

/** The form path an API error points at, or null when the editor has no field for it. */
export function apiErrorPath(e: ApiFieldError, source?: Source): string | null {
  const parts = e.loc.filter((p, i) => !(i === 0 && p === 'body')).map(String);
  if (parts[0] === 'definition') parts.shift();
  let path = parts.join('.');
  // A whole text ("give the text in Japanese, English or both") shows on its Japanese field.
  if (new RegExp(`(?:^|\\.)${TEXTS}$`).test(path)) path = `${path}.ja`;
  if (e.type === 'value_error') {
    if (/^sections\.\d+\.questions\.\d+$/.test(path)) {
      if (/only choice/.test(e.msg)) path = `${path}.type`;
      else if (/finding rule/.test(e.msg)) path = `${path}.findings`;
      else if (/option/.test(e.msg)) path = `${path}.options`;
    } else if (path === '') {
      const twice = /question key (\S+) is used twice/.exec(e.msg)?.[1];
      const sections = sectionsOf(source);
      if (twice) {
        const at = sections.flatMap((s, si) => questionsOf(s).map((q, qi) => ({ key: q.key, si, qi })));
        const second = at.filter((q) => q.key === twice)[1];
        if (second) path = `sections.${second.si}.questions.${second.qi}.key`;
      } else if (/section keys repeat/.test(e.msg)) {
        const i = repeats(sections.map((s) => String(s?.key ?? '')))[0];
        if (i !== undefined) path = `sections.${i}.key`;
      }
    }
  }
  if (isFieldPath(path)) return path;
  // An item of a list field (`findings.0.when.1`) shows on the list field.
  const list = path.replace(/\.\d+$/, '');
  return list !== path && isFieldPath(list) ? list : null;
}

/**
 * Where an error is, for people: "セクション 2（basic_policy）› 質問 5（q5）› 選択肢 1". `source` is the
 * definition that was sent (form values or an imported file), to name sections and questions by key.
 */
export function describeLocation(t: TFunction, loc: (string | number)[], source?: Source): string {
  const parts = loc.filter((p, i) => !(i === 0 && p === 'body'));
  if (parts[0] === 'definition') parts.shift();
  const names: string[] = [];
  const sections = sectionsOf(source);
  const keyed = (label: string, key: unknown) => (typeof key === 'string' && key ? t('questionnaires.where.keyed', { label, key }) : label);
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i];
    const index = parts[i + 1];
    if (typeof index !== 'number') {
      if (typeof part === 'string') names.push(t(`questionnaires.fields.${part}` as 'questionnaires.fields.key', { defaultValue: part }));
      continue;
    }
    i += 1;
    const n = index + 1;
    if (part === 'sections') names.push(keyed(t('questionnaires.where.section', { n }), sections[index]?.key));
    else if (part === 'questions') {
      // Questions are numbered through the template (as the outline and the preview number them).
      const si = parts[i - 2];
      const questions = typeof si === 'number' ? questionsOf(sections[si]) : [];
      const before = typeof si === 'number' ? sections.slice(0, si).reduce((sum, s) => sum + questionsOf(s).length, 0) : 0;
      names.push(keyed(t('questionnaires.where.question', { n: before + n }), questions[index]?.key));
    } else if (part === 'options') names.push(t('questionnaires.where.option', { n }));
    else if (part === 'findings') names.push(t('questionnaires.where.finding', { n }));
    else if (part === 'bands') names.push(t('questionnaires.where.band', { n }));
    else names.push(`${String(part)} ${n}`);
  }
  return names.length ? names.join(' › ') : t('questionnaires.where.template');
}

/**
 * The API's 422 on a definition: errors the editor can show on a field, keyed by form path, and the
 * others as readable lines (where › what).
 */
export function apiErrorsToFields(
  t: TFunction,
  detail: unknown,
  source?: Source,
): { errors: Record<string, string>; unmapped: string[] } {
  const errors: Record<string, string> = {};
  const unmapped: string[] = [];
  if (!isFieldErrorList(detail)) return { errors, unmapped };
  for (const e of detail) {
    const message = apiErrorMessage(t, e);
    const path = apiErrorPath(e, source);
    if (path) errors[path] ??= message;
    else unmapped.push(`${describeLocation(t, e.loc, source)}${t('questionnaires.where.colon')}${message}`);
  }
  return { errors, unmapped };
}

/** Every error of the API's 422 as a readable line (where: what), e.g. for an imported file. */
export function apiErrorLines(t: TFunction, detail: unknown, source?: Source): string[] {
  if (!isFieldErrorList(detail)) return [t('errors.codes.validation_error')];
  return detail.map((e) => `${describeLocation(t, e.loc, source)}${t('questionnaires.where.colon')}${apiErrorMessage(t, e)}`);
}

/** A form path as an API location: `sections.0.key` → ['sections', 0, 'key']. */
export const pathToLoc = (path: string): (string | number)[] => path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** Where a form path (an error's key) lives in the editor: the section and question to open. */
export function locateError(path: string): { section: number; question: number | null } | 'template' {
  const m = /^sections\.(\d+)(?:\.questions\.(\d+))?/.exec(path);
  if (!m) return 'template';
  return { section: Number(m[1]), question: m[2] === undefined ? null : Number(m[2]) };
}
