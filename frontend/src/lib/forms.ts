import type { TFunction } from 'i18next';
import { asApiError } from './errors';
import { notifyError } from './notify';

type FieldError = { loc: (string | number)[]; msg: string; type: string; ctx?: Record<string, unknown> };

function isFieldErrorList(detail: unknown): detail is FieldError[] {
  return Array.isArray(detail) && detail.every((d) => d && typeof d === 'object' && Array.isArray((d as FieldError).loc));
}

/** A translated message for one pydantic error; the English `msg` is only a last resort. */
export function fieldErrorMessage(t: TFunction, e: FieldError): string {
  const min = /at least (\d+)/.exec(e.msg)?.[1];
  const max = /at most (\d+)/.exec(e.msg)?.[1];
  const field = String(e.loc[e.loc.length - 1] ?? '');
  switch (e.type) {
    case 'missing':
    case 'required':
      return t('validation.required');
    case 'string_too_short':
      return min === '1' || !min ? t('validation.required') : t('validation.minLength', { min });
    case 'string_too_long':
      return t('validation.maxLength', { max: max ?? '' });
    case 'enum':
    case 'literal_error':
      return t('validation.choose');
    case 'too_short':
      return t('validation.scopesRequired');
    case 'value_error':
      if (/email/i.test(e.msg)) return t('validation.email');
      if (/time zone/i.test(e.msg)) return t('validation.timeZone');
      if (/thresholds must rise/i.test(e.msg)) return t('validation.thresholdsRise');
      if (/corporate number has exactly 13 digits/i.test(e.msg)) return t('validation.corporateNumberDigits');
      if (/check digit/i.test(e.msg)) {
        const expected = /should be (\d)/.exec(e.msg)?.[1];
        return expected
          ? t('validation.corporateNumberCheckDigit', { expected })
          : t('validation.corporateNumberCheckDigitGeneric');
      }
      return t('validation.invalid');
    case 'url_parsing':
    case 'url_scheme':
    case 'url_type':
    case 'url_syntax_violation':
      return t('validation.url');
    case 'string_pattern_mismatch':
      if (field === 'country' || field === 'storage_country') return t('validation.country');
      if (field === 'phone') return t('validation.phone');
      return t('validation.invalid');
    case 'int_parsing':
    case 'int_type':
    case 'int_from_float':
    case 'greater_than_equal':
    case 'less_than_equal':
      return t('validation.wholeNumber');
    case 'invalid_reference':
      return field === 'owner_user_id' ? t('validation.notMember') : t('validation.notFoundReference');
    default:
      return t('validation.invalid');
  }
}

type SettableForm = { setFieldError: (path: string, error: string) => void };

/**
 * Puts the API's 422 `detail` list `[{loc, msg, type}]` onto the form's fields.
 * `loc` is e.g. ["body", "email"]; `fields` lists the form's own field names.
 * Returns true when every error found a field (then no extra notification is needed).
 */
export function applyApiFieldErrors(
  form: SettableForm,
  err: unknown,
  t: TFunction,
  fields: readonly string[],
  rename: Record<string, string> = {},
): boolean {
  const e = asApiError(err);
  if (e.status !== 422 || !isFieldErrorList(e.detail)) return false;
  let allMapped = e.detail.length > 0;
  for (const item of e.detail) {
    const parts = item.loc.filter((p) => p !== 'body' && p !== 'query').map(String);
    const apiField = parts[0] ?? '';
    // Nested forms list dotted paths (`policy.thresholds.high`); flat forms list top-level names.
    const path = parts.join('.');
    const field = rename[path] ?? rename[apiField] ?? (fields.includes(path) ? path : apiField);
    if (fields.includes(field)) form.setFieldError(field, fieldErrorMessage(t, item));
    else allMapped = false;
  }
  return allMapped;
}

/**
 * A record form's failed save: changed meanwhile by someone else (`stale_version`: say so and `onStale` reloads),
 * field errors onto their fields, anything else as a notification.
 */
export function saveErrorHandler(form: SettableForm, t: TFunction, fields: readonly string[], onStale?: () => void) {
  return (err: unknown) => {
    if (asApiError(err).error === 'stale_version') {
      notifyError(err);
      onStale?.();
    } else if (!applyApiFieldErrors(form, err, t, fields)) notifyError(err);
  };
}
