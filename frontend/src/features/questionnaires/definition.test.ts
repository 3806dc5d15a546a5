import { describe, expect, it } from 'vitest';
import type { Definition } from '../../client/types.gen';
import { i18n } from '../../i18n';
import { ja } from '../../i18n/ja';
import {
  apiErrorLines,
  apiErrorsToFields,
  describeLocation,
  newQuestion,
  newSection,
  suggestKey,
  suggestQuestionKey,
  toDefinition,
  toValues,
  validateDefinition,
  withType,
} from './definition';

const t = i18n.t;
const v = ja.questionnaires.validation;

/** Two sections: s1 with q1 (yes/no, a finding on "no") and q2 (text), s2 with q3 (single choice). */
function definition(): Definition {
  return {
    format: 'itaku.questionnaire/1',
    title: { ja: '選定時審査', en: 'Selection review' },
    scoring: 'weighted_percent',
    bands: [{ min: 80, key: 'ok', label: { ja: '適合', en: 'OK' } }],
    sections: [
      {
        key: 's1',
        title: { ja: '基本方針', en: 'Policy' },
        questions: [
          {
            key: 'q1',
            type: 'yes_no_na',
            text: { ja: '方針はありますか。', en: '' },
            required: true,
            weight: 2,
            options: [],
            findings: [{ when: ['no'], severity: 'medium', title: null }],
          },
          { key: 'q2', type: 'text', text: { ja: '', en: 'Describe it.' }, required: false, weight: 1 },
        ],
      },
      {
        key: 's2',
        title: { ja: '技術的措置', en: '' },
        questions: [
          {
            key: 'q3',
            type: 'single_choice',
            text: { ja: '暗号化', en: 'Encryption' },
            options: [
              { key: 'all', label: { ja: 'すべて', en: 'All' }, score: 1 },
              { key: 'none', label: { ja: 'なし', en: 'None' }, score: 0 },
            ],
          },
        ],
      },
    ],
  };
}

describe('the form values of a definition', () => {
  it('round-trip, giving yes/no/n.a. its default options and leaving empty texts out', () => {
    const values = toValues(definition());
    expect(values.sections[0]!.questions[0]!.options.map((o) => [o.key, o.score])).toEqual([
      ['yes', 1],
      ['no', 0],
      ['na', ''],
    ]);
    const back = toDefinition(values);
    expect(back.sections[0]!.questions[0]!.options).toEqual([
      { key: 'yes', label: { ja: 'はい', en: 'Yes' }, score: 1 },
      { key: 'no', label: { ja: 'いいえ', en: 'No' }, score: 0 },
      { key: 'na', label: { ja: '該当しない', en: 'Not applicable' }, score: null },
    ]);
    expect(back.sections[0]!.questions[0]!.findings).toEqual([{ when: ['no'], severity: 'medium', title: null }]);
    expect(back.sections[0]!.questions[1]).toMatchObject({ key: 'q2', help: null, options: [], findings: [] });
    expect(back.description).toBeNull();
    expect(back.bands).toEqual([{ min: 80, key: 'ok', label: { ja: '適合', en: 'OK' } }]);
  });

  it('do not send the options of a question switched to a non-choice type, and restore them when switched back', () => {
    const values = toValues(definition());
    const q = values.sections[1]!.questions[0]!;
    const asText = withType(q, 'text');
    values.sections[1]!.questions[0] = asText;
    expect(toDefinition(values).sections[1]!.questions[0]).toMatchObject({ type: 'text', options: [], findings: [] });
    expect(withType(asText, 'single_choice').options.map((o) => o.key)).toEqual(['all', 'none']);
  });

  it('give a new choice question two options to fill in', () => {
    const values = toValues(definition());
    const q = withType(newQuestion(values, 0, 2, 'text'), 'multiple_choice');
    expect(q.options.map((o) => o.key)).toEqual(['o1', 'o2']);
  });
});

describe('key suggestions', () => {
  it('number by position and skip keys in use', () => {
    expect(suggestKey('q', [], 1)).toBe('q1');
    expect(suggestKey('q', ['q12', 'q13'], 12)).toBe('q14');
  });

  it('suggest q + the position of a new question in the whole template', () => {
    const values = toValues(definition());
    // after q3, the last of three: the fourth question; "q3" is taken by the question before it
    expect(suggestQuestionKey(values, 1, 1)).toBe('q4');
    // at the end of the first section: position 3, but q3 exists (in the second section)
    expect(suggestQuestionKey(values, 0, 2)).toBe('q4');
    // at the very start: q1, q2 and q3 are taken
    expect(newQuestion(values, 0, 0).key).toBe('q4');
  });

  it('start a new section with one question keyed after the others', () => {
    const s = newSection(toValues(definition()));
    expect(s.key).toBe('s3');
    expect(s.questions.map((q) => [q.key, q.type, q.options.length])).toEqual([['q4', 'yes_no_na', 3]]);
  });
});

describe('validateDefinition', () => {
  it('accepts a good definition', () => {
    expect(validateDefinition(t, toValues(definition()))).toEqual({});
  });

  it('puts key, text, option and rule problems on their fields', () => {
    const values = toValues(definition());
    const [q1, q2] = values.sections[0]!.questions;
    q1!.key = 'Q 1';
    q1!.text = { ja: ' ', en: '' };
    q1!.options = q1!.options.slice(0, 1);
    q1!.findings[0]!.when = ['no'];
    q2!.key = 'q3';
    q2!.weight = 101;
    values.sections[1]!.questions[0]!.options[1]!.key = 'all';
    values.sections[1]!.key = 's1';
    values.title = { ja: '', en: '' };
    values.bands[0]!.min = '';
    expect(validateDefinition(t, values)).toEqual({
      'title.ja': v.textRequired,
      'bands.0.min': ja.validation.required,
      'sections.0.questions.0.key': v.keyPattern,
      'sections.0.questions.0.text.ja': v.textRequired,
      'sections.0.questions.0.options': v.minOptions,
      'sections.0.questions.0.findings.0.when': v.findingUnknownOption,
      'sections.0.questions.1.weight': v.numberRange.replace('{{min}}', '0').replace('{{max}}', '100'),
      'sections.1.questions.0.options.1.key': v.optionKeyTaken,
      'sections.1.key': v.keyTaken,
      'sections.1.questions.0.key': v.keyTaken,
    });
  });

  it('asks for at least one section, and one question in each', () => {
    const values = toValues(definition());
    values.sections[1]!.questions = [];
    expect(validateDefinition(t, values)).toEqual({ 'sections.1.questions': v.noQuestions });
    values.sections = [];
    expect(validateDefinition(t, values)).toEqual({ sections: v.noSections });
  });

  it('ignores the options of a question that is not a choice', () => {
    const values = toValues(definition());
    values.sections[1]!.questions[0] = withType(values.sections[1]!.questions[0]!, 'number');
    values.sections[1]!.questions[0]!.options = [];
    expect(validateDefinition(t, values)).toEqual({});
  });
});

describe('the API’s 422 on a definition', () => {
  const loc = (...parts: (string | number)[]) => ['body', 'definition', ...parts];

  it('lands on the editor’s fields', () => {
    const values = toValues(definition());
    const { errors, unmapped } = apiErrorsToFields(
      t,
      [
        { loc: loc('sections', 0, 'questions', 1, 'key'), msg: "String should match pattern '^[a-z0-9][a-z0-9_.-]{0,63}$'", type: 'string_pattern_mismatch' },
        { loc: loc('sections', 1, 'questions', 0), msg: 'Value error, question q3: a choice question needs at least two options', type: 'value_error' },
        { loc: loc('sections', 0, 'questions', 0), msg: "Value error, question q1: a finding rule names unknown options ['nope']", type: 'value_error' },
        { loc: loc('sections', 0, 'title'), msg: 'Value error, give the text in Japanese, English or both', type: 'value_error' },
        { loc: loc('sections', 0, 'questions', 0, 'weight'), msg: 'Input should be less than or equal to 100', type: 'less_than_equal' },
        { loc: loc('sections', 0, 'questions', 0, 'findings', 0, 'when', 1), msg: "String should match pattern '…'", type: 'string_pattern_mismatch' },
        { loc: loc('sections', 0, 'questions', 1), msg: 'Value error, question q2: only choice questions have options', type: 'value_error' },
      ],
      values,
    );
    expect(errors).toEqual({
      'sections.0.questions.1.key': v.keyPattern,
      'sections.1.questions.0.options': v.minOptions,
      'sections.0.questions.0.findings': v.findingUnknownOption,
      'sections.0.title.ja': v.textRequired,
      'sections.0.questions.0.weight': v.numberRange.replace('{{min}}', '0').replace('{{max}}', '100'),
      'sections.0.questions.0.findings.0.when': v.keyPattern,
      'sections.0.questions.1.type': v.onlyChoice,
    });
    expect(unmapped).toEqual([]);
  });

  it('finds the question whose key is used twice, and lists what has no field', () => {
    const values = toValues(definition());
    values.sections[1]!.questions[0]!.key = 'q1';
    const { errors, unmapped } = apiErrorsToFields(
      t,
      [
        { loc: loc(), msg: 'Value error, question key q1 is used twice; keys must be unique in the template', type: 'value_error' },
        { loc: loc('format'), msg: "Input should be 'itaku.questionnaire/1'", type: 'literal_error' },
      ],
      values,
    );
    expect(errors).toEqual({ 'sections.1.questions.0.key': v.keyTaken });
    expect(unmapped).toEqual([`形式：${v.format}`]);
  });

  it('names where each problem of an imported file is, numbering questions through the template', () => {
    const file = definition();
    expect(describeLocation(t, loc('sections', 1, 'questions', 0, 'options', 1, 'label'), file)).toBe(
      'セクション 2（s2） › 質問 3（q3） › 選択肢 2 › 表示名',
    );
    expect(
      apiErrorLines(t, [{ loc: loc('sections'), msg: 'List should have at least 1 item after validation, not 0', type: 'too_short' }], { sections: [] }),
    ).toEqual([`セクション：${v.noSections}`]);
    expect(apiErrorLines(t, 'not a list')).toEqual([ja.errors.codes.validation_error]);
  });
});
