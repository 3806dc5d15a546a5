import { afterEach, describe, expect, it, vi } from 'vitest';
import { usersListUsers } from '../client/sdk.gen';
import { i18n } from '../i18n';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { json, stubApi } from '../test/fetch';
import { setUnauthenticatedHandler } from './api';
import { ApiError, errorMessage, toApiError } from './errors';
import { tokenStore } from './token';

const t = i18n.t;

afterEach(async () => {
  await i18n.changeLanguage('ja');
  setUnauthenticatedHandler(() => {});
});

describe('errorMessage', () => {
  it.each(Object.keys(ja.errors.codes).filter((c) => c !== 'too_many_requests' && c !== 'too_many_requests_generic'))(
    'translates %s in Japanese and English',
    async (code) => {
      const err = new ApiError(409, code, 'English detail from the server');
      expect(errorMessage(t, err)).toBe(ja.errors.codes[code as keyof typeof ja.errors.codes]);
      await i18n.changeLanguage('en');
      expect(errorMessage(t, err)).toBe(en.errors.codes[code as keyof typeof en.errors.codes]);
    },
  );

  it('shows the Retry-After seconds of too_many_requests', () => {
    const err = toApiError(
      { error: 'too_many_requests', detail: 'wait' },
      new Response(null, { status: 429, headers: { 'Retry-After': '42' } }),
    );
    expect(err.retryAfter).toBe(42);
    expect(errorMessage(t, err)).toBe('ログインの失敗が続いたため、一時的にロックされています。42 秒後にもう一度お試しください。');
  });

  it('falls back on the HTTP status for a code it does not know', () => {
    expect(errorMessage(t, new ApiError(404, 'gadget_not_found', 'x'))).toBe(ja.errors.codes.not_found);
    expect(errorMessage(t, new ApiError(503, 'database_down', 'x'))).toBe(ja.errors.codes.internal_error);
  });

  it('says the network failed when there was no response', () => {
    const err = toApiError(new TypeError('Failed to fetch'));
    expect(err.isNetwork).toBe(true);
    expect(errorMessage(t, err)).toBe(ja.errors.network);
  });

  it('reads a non-JSON error body by its status', () => {
    const err = toApiError('Bad Gateway', new Response('Bad Gateway', { status: 502 }));
    expect(err.error).toBe('internal_error');
  });
});

describe('the generated client, as configured', () => {
  it('sends the bearer token and turns an error body into an ApiError', async () => {
    tokenStore.set('token-123', 3600);
    const { calls } = stubApi(json(403, { error: 'forbidden', detail: 'no' }));
    const res = await usersListUsers();
    expect(calls[0]?.headers.get('Authorization')).toBe('Bearer token-123');
    expect(res.error).toBeInstanceOf(ApiError);
    expect(res.error).toMatchObject({ status: 403, error: 'forbidden' });
  });

  it('signs out on 401 not_authenticated but not on a wrong password', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    stubApi(json(401, { error: 'invalid_credentials', detail: 'x' }), json(401, { error: 'not_authenticated', detail: 'x' }));
    await usersListUsers();
    expect(handler).not.toHaveBeenCalled();
    await usersListUsers();
    expect(handler).toHaveBeenCalledOnce();
  });

  it('reports a network failure as status 0', async () => {
    stubApi(new TypeError('Failed to fetch'));
    const res = await usersListUsers();
    expect(res.error).toMatchObject({ status: 0, error: 'network_error' });
  });
});
