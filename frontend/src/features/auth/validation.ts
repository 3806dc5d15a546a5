import type { TFunction } from 'i18next';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailError(t: TFunction, value: string): string | null {
  if (!value.trim()) return t('validation.required');
  return EMAIL.test(value.trim()) ? null : t('validation.email');
}

export function passwordError(t: TFunction, value: string): string | null {
  if (!value) return t('validation.required');
  if (value.length < 10) return t('validation.minLength', { min: 10 });
  if (value.length > 256) return t('validation.maxLength', { max: 256 });
  return null;
}
