import type { TFunction } from 'i18next';
import { fieldErrorMessage } from '../../lib/forms';

/**
 * The import report's messages come from the API in English without codes; the ones it is known to
 * send are shown in the reader's language, anything else as sent.
 */
const PATTERNS: [RegExp, (t: TFunction, m: RegExpExecArray) => string][] = [
  [/^not an Itaku vendor id$/i, (t) => t('vendors.import.messages.notVendorId')],
  [/^no vendor with this id in your register$/i, (t) => t('vendors.import.messages.unknownId')],
  [/^(.+) is not a member of your organisation$/i, (t, m) => t('vendors.import.messages.notMember', { email: m[1] })],
  [/^use TRUE\/FALSE/i, (t) => t('vendors.import.messages.boolean')],
  [/^same corporate number as line (\d+)$/i, (t, m) => t('vendors.import.messages.sameNumber', { line: m[1] })],
  [/^another vendor of your register has this corporate number$/i, (t) => t('vendors.import.messages.numberTaken')],
  [/^the same vendor appears twice$/i, (t) => t('vendors.import.messages.sameVendorTwice')],
  [/^Input should be 'candidate'/i, (t) => t('vendors.import.messages.status')],
  [/neither UTF-8 nor Shift_JIS/i, (t) => t('vendors.import.messages.notEncoding')],
  [/^The file is empty\.?$/i, (t) => t('vendors.import.messages.emptyFile')],
  [/header row has no 名称/i, (t) => t('vendors.import.messages.noNameColumn')],
  [/has ([\d,]+) rows; import at most ([\d,]+)/i, (t, m) => t('vendors.import.messages.tooManyRows', { rows: m[1], max: m[2] })],
  [/not valid CSV/i, (t) => t('vendors.import.messages.invalidCsv')],
  // Field checks of the vendor itself, worded as on the forms.
  [/^Field required$/i, (t) => t('validation.required')],
  [/^String should have at least 1 character/i, (t) => t('validation.required')],
  [/^String should have at most (\d+) character/i, (t, m) => t('validation.maxLength', { max: m[1] })],
  [/^String should match pattern '\^\[A-Z\]\{2\}\$'/i, (t) => t('validation.country')],
  [/corporate number has exactly 13 digits/i, (t, m) => fieldErrorMessage(t, { loc: [], type: 'value_error', msg: m.input })],
  [/check digit/i, (t, m) => fieldErrorMessage(t, { loc: [], type: 'value_error', msg: m.input })],
  [/^(Input should be a valid URL|URL scheme should be)/i, (t) => t('validation.url')],
];

export function importMessage(t: TFunction, message: string): string {
  for (const [pattern, say] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) return say(t, m);
  }
  return message;
}
