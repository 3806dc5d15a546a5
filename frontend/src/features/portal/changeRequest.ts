import type { ChangeKind, ChangeRequestCreate } from '../../client/types.gen';
import { corporateCheckDigit, normalizeCorporateNumber } from '../../lib/corporateNumber';
import { isDay } from './periodicReport';

/** The vendor's request for approval as the form holds it (the API's field names; '' for "not given"). */
export type ChangeValues = {
  kind: '' | ChangeKind;
  title: string;
  details: string;
  planned_date: string;
  subcontractor_name: string;
  subcontractor_corporate_number: string;
  subcontractor_country: string;
  work: string;
  data_handled: string;
};

export const CHANGE_FIELDS = [
  'kind',
  'title',
  'details',
  'planned_date',
  'subcontractor_name',
  'subcontractor_corporate_number',
  'subcontractor_country',
  'work',
  'data_handled',
] as const satisfies readonly (keyof ChangeValues)[];

export function emptyChange(kind: '' | ChangeKind = ''): ChangeValues {
  return {
    kind,
    title: '',
    details: '',
    planned_date: '',
    subcontractor_name: '',
    subcontractor_corporate_number: '',
    subcontractor_country: 'JP',
    work: '',
    data_handled: '',
  };
}

export type ChangeError = 'required' | 'choose' | 'date' | 'digits' | 'checkDigit' | 'country';

/** Everything the API would refuse, found before sending; a subcontractor needs who and which work. */
export function checkChange(values: ChangeValues): Partial<Record<keyof ChangeValues, ChangeError>> {
  const errors: Partial<Record<keyof ChangeValues, ChangeError>> = {};
  if (!values.kind) errors.kind = 'choose';
  if (!values.details.trim()) errors.details = 'required';
  if (values.planned_date && !isDay(values.planned_date)) errors.planned_date = 'date';
  if (values.kind === 'new_subcontractor') {
    if (!values.subcontractor_name.trim()) errors.subcontractor_name = 'required';
    if (!values.work.trim()) errors.work = 'required';
    const n = normalizeCorporateNumber(values.subcontractor_corporate_number);
    if (n && !/^\d{13}$/.test(n)) errors.subcontractor_corporate_number = 'digits';
    else if (n && corporateCheckDigit(n.slice(1)) !== Number(n[0])) errors.subcontractor_corporate_number = 'checkDigit';
    const country = values.subcontractor_country.trim().toUpperCase();
    if (country && !/^[A-Z]{2}$/.test(country)) errors.subcontractor_country = 'country';
  } else if (values.kind === 'measures_change' && !values.title.trim()) {
    errors.title = 'required';
  }
  return errors;
}

const text = (v: string): string | null => (v.trim() ? v.trim() : null);

/**
 * The request body. A subcontractor request may leave its title empty: it is then named after the
 * subcontractor (`subcontractorTitle`, in the contact's language, e.g. "再委託先の追加：…"). The
 * subcontractor's fields go only with a subcontractor request.
 */
export function changeBody(values: ChangeValues, subcontractorTitle: (name: string) => string): ChangeRequestCreate {
  const kind = values.kind as ChangeKind;
  const sub = kind === 'new_subcontractor';
  const name = values.subcontractor_name.trim();
  return {
    kind,
    title: (text(values.title) ?? (sub ? subcontractorTitle(name) : '')).slice(0, 300),
    details: values.details.trim(),
    planned_date: values.planned_date || null,
    subcontractor_name: sub ? text(name) : null,
    subcontractor_corporate_number: sub ? text(normalizeCorporateNumber(values.subcontractor_corporate_number)) : null,
    subcontractor_country: sub ? text(values.subcontractor_country.toUpperCase()) : null,
    work: sub ? text(values.work) : null,
    data_handled: sub ? text(values.data_handled) : null,
  };
}
