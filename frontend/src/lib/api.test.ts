import { afterEach, describe, expect, it, vi } from 'vitest';
import { usersListUsers } from '../client/sdk.gen';
import { json, stubApi } from '../test/fetch';
import { setUnauthenticatedHandler } from './api';
import { tokenStore } from './token';

const token = (access_token: string) => json(200, { access_token, token_type: 'bearer', expires_in: 600, organization_id: 'o' });
const page = () => json(200, { items: [], total: 0, page: 1, size: 50 });
const path = (r: Request | undefined) => (r ? new URL(r.url).pathname : '');

afterEach(() => {
  tokenStore.clear();
  setUnauthenticatedHandler(() => {});
});

describe('the session in the generated client', () => {
  it('keeps the access token in memory only', () => {
    tokenStore.set('secret-token', 600);
    expect(JSON.stringify({ ...localStorage })).not.toContain('secret-token');
    expect(tokenStore.mayHaveSession()).toBe(true);
  });

  it('renews the token from the session cookie after a reload, once for requests made together', async () => {
    localStorage.setItem('itaku.signedIn', '1'); // what a reload leaves: no token, a hint
    const { calls } = stubApi(token('renewed'), page(), page());
    await Promise.all([usersListUsers(), usersListUsers()]);
    expect(calls.map(path)).toEqual(['/api/v1/auth/refresh', '/api/v1/users', '/api/v1/users']);
    expect(calls[0]?.headers.get('Authorization')).toBeNull();
    expect(calls[1]?.headers.get('Authorization')).toBe('Bearer renewed');
    expect(calls[2]?.headers.get('Authorization')).toBe('Bearer renewed');
  });

  it('renews a token about to expire before using it, in the organisation the tab acts in', async () => {
    tokenStore.set('ending', 10, 'org-of-this-tab'); // inside the renewal margin
    const { calls } = stubApi(token('fresh'), page());
    await usersListUsers();
    expect(await calls[0]?.json()).toEqual({ organization_id: 'org-of-this-tab' });
    expect(calls[1]?.headers.get('Authorization')).toBe('Bearer fresh');
  });

  it('sends the request without a token when the session has ended, and signs out once', async () => {
    localStorage.setItem('itaku.signedIn', '1');
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    const ended = () => json(401, { error: 'not_authenticated', detail: 'ended' });
    const { calls } = stubApi(ended(), ended());
    await usersListUsers();
    expect(calls.map(path)).toEqual(['/api/v1/auth/refresh', '/api/v1/users']);
    expect(calls[1]?.headers.get('Authorization')).toBeNull();
    expect(handler).toHaveBeenCalledOnce();
    expect(tokenStore.mayHaveSession()).toBe(false);
  });

  it('does not try the cookie when no session was ever started here', async () => {
    const { calls } = stubApi(json(401, { error: 'not_authenticated', detail: 'x' }));
    await usersListUsers();
    expect(calls.map(path)).toEqual(['/api/v1/users']);
  });
});
