import type { TFunction } from 'i18next';
import type { Messages } from '../i18n/ja';

/**
 * Every failure of the generated client arrives as an ApiError (see lib/api.ts): the API's
 * `{error, detail}` body plus the HTTP status, Retry-After, and status 0 for network failures.
 * It keeps the ErrorBody shape, so the generated error types stay true.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly error: string;
  readonly detail: unknown;
  readonly retryAfter: number | null;

  constructor(status: number, error: string, detail: unknown, retryAfter: number | null = null) {
    super(typeof detail === 'string' ? detail : error);
    this.name = 'ApiError';
    this.status = status;
    this.error = error;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export const NETWORK_ERROR = 'network_error';

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'not_authenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'validation_error',
  429: 'too_many_requests',
};

/** Build an ApiError from what the client received: a parsed body, a text body, or a thrown fetch error. */
export function toApiError(raw: unknown, response?: Response): ApiError {
  if (raw instanceof ApiError) return raw;
  if (!response) return new ApiError(0, NETWORK_ERROR, raw instanceof Error ? raw.message : String(raw));
  const retry = response.headers.get('Retry-After');
  const retryAfter = retry !== null && /^\d+$/.test(retry) ? Number(retry) : null;
  if (raw && typeof raw === 'object' && typeof (raw as { error?: unknown }).error === 'string') {
    const body = raw as { error: string; detail?: unknown };
    return new ApiError(response.status, body.error, body.detail ?? null, retryAfter);
  }
  const fallback = STATUS_CODES[response.status] ?? (response.status >= 500 ? 'internal_error' : 'bad_request');
  return new ApiError(response.status, fallback, typeof raw === 'string' ? raw : null, retryAfter);
}

export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(-1, 'unknown', err instanceof Error ? err.message : null);
}

export type ErrorCodeMessages = keyof Messages['errors']['codes'];

/** The translated message for any error the client raised. */
export function errorMessage(t: TFunction, err: unknown): string {
  const e = asApiError(err);
  if (e.isNetwork) return t('errors.network');
  if (e.error === 'too_many_requests') {
    return e.retryAfter !== null
      ? t('errors.codes.too_many_requests', { seconds: e.retryAfter })
      : t('errors.codes.too_many_requests_generic');
  }
  const known = t(`errors.codes.${e.error}` as `errors.codes.${ErrorCodeMessages}`, { defaultValue: '' });
  if (known) return known;
  const byStatus = STATUS_CODES[e.status];
  if (byStatus) return t(`errors.codes.${byStatus}` as `errors.codes.${ErrorCodeMessages}`);
  if (e.status >= 500) return t('errors.codes.internal_error');
  return t('errors.unknown');
}
