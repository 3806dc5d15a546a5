import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/errors';
import { readLinkToken } from '../../lib/linkToken';
import { isSessionEnded, portalHeaders, portalSession } from './session';

describe('readLinkToken', () => {
  it('reads the token from the fragment of the link staff send', () => {
    expect(readLinkToken('#token=gIiPCN04zAFIF5Pbjlk6zneQGrohxYra-YAIKoXpq6M')).toBe('gIiPCN04zAFIF5Pbjlk6zneQGrohxYra-YAIKoXpq6M');
  });

  it('ignores other fragment parameters and surrounding spaces', () => {
    expect(readLinkToken('#lang=ja&token=%20abcdefghijkl%20')).toBe('abcdefghijkl');
  });

  it('gives null when the token is missing, cut off or absurdly long', () => {
    expect(readLinkToken('')).toBeNull();
    expect(readLinkToken('#')).toBeNull();
    expect(readLinkToken('#token=')).toBeNull();
    expect(readLinkToken('#token=abc')).toBeNull();
    expect(readLinkToken(`#token=${'x'.repeat(201)}`)).toBeNull();
  });
});

describe('portalSession', () => {
  afterEach(() => sessionStorage.clear());

  it('keeps the portal token in sessionStorage apart from the staff token', () => {
    localStorage.setItem('itaku.session', JSON.stringify({ token: 'staff', expiresAt: Date.now() + 60_000 }));
    portalSession.start('portal-token', new Date(Date.now() + 60_000).toISOString());
    expect(portalSession.state()).toMatchObject({ status: 'active', token: 'portal-token' });
    expect(sessionStorage.getItem('itaku.portal')).toContain('portal-token');
    expect(localStorage.getItem('itaku.session')).toContain('staff');
  });

  it('is ended once it expires or the API says so, and none when never opened', () => {
    expect(portalSession.state().status).toBe('none');
    portalSession.start('t', '2026-01-01T10:00:00Z');
    expect(portalSession.state(Date.parse('2026-01-01T09:59:00Z')).status).toBe('active');
    expect(portalSession.state(Date.parse('2026-01-01T10:00:00Z')).status).toBe('ended');
    portalSession.start('t', new Date(Date.now() + 60_000).toISOString());
    portalSession.end();
    expect(portalSession.state().status).toBe('ended');
    expect(sessionStorage.getItem('itaku.portal')).toBeNull();
  });

  it('tells subscribers about changes', () => {
    let calls = 0;
    const unsubscribe = portalSession.subscribe(() => (calls += 1));
    portalSession.start('t', new Date(Date.now() + 60_000).toISOString());
    portalSession.end();
    unsubscribe();
    portalSession.end();
    expect(calls).toBe(2);
  });
});

describe('helpers', () => {
  it('names the session in a bearer header', () => {
    expect(portalHeaders('abc')).toEqual({ Authorization: 'Bearer abc' });
  });

  it('recognises the end of a session and nothing else', () => {
    expect(isSessionEnded(new ApiError(401, 'portal_session_ended', null))).toBe(true);
    expect(isSessionEnded(new ApiError(401, 'not_authenticated', null))).toBe(false);
    expect(isSessionEnded(new ApiError(410, 'portal_link_used', null))).toBe(false);
  });
});
