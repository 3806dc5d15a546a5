import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { ApiError } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { policyFieldPaths, validateThresholds } from './policy';

const t = i18n.t;
const RISE = '「中」<「高」<「重大」の順に大きくなるように入力してください。';

describe('validateThresholds', () => {
  it('accepts thresholds that rise', () => {
    expect(validateThresholds(t, { medium: 20, high: 45, critical: 70 })).toEqual({});
  });

  it('puts a threshold that does not rise on the field that should be larger', () => {
    expect(validateThresholds(t, { medium: 45, high: 45, critical: 70 })).toEqual({ 'policy.thresholds.high': RISE });
    expect(validateThresholds(t, { medium: 20, high: 80, critical: 70 })).toEqual({ 'policy.thresholds.critical': RISE });
  });

  it('asks for whole numbers from 1 to 1,000 before comparing', () => {
    expect(validateThresholds(t, { medium: '', high: 0, critical: 1001 })).toEqual({
      'policy.thresholds.medium': '入力してください。',
      'policy.thresholds.high': '1〜1,000 の整数で入力してください。',
      'policy.thresholds.critical': '1〜1,000 の整数で入力してください。',
    });
  });
});

describe('the API’s 422 on the policy form', () => {
  it('lands on nested fields and on the policy as a whole', () => {
    const errors: Record<string, string> = {};
    const form = { setFieldError: (path: string, error: string) => void (errors[path] = error) };
    const err = new ApiError(422, 'validation_error', [
      { loc: ['body', 'policy', 'category_points', 'ordinary'], msg: 'Input should be a valid integer', type: 'int_parsing' },
      { loc: ['body', 'policy'], msg: 'Value error, thresholds must rise: medium < high < critical', type: 'value_error' },
    ]);
    expect(applyApiFieldErrors(form, err, t, policyFieldPaths())).toBe(true);
    expect(errors).toEqual({ 'policy.category_points.ordinary': '0 以上の整数で入力してください。', policy: RISE });
  });
});
