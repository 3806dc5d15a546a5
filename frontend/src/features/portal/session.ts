import { useSyncExternalStore } from 'react';
import { asApiError } from '../../lib/errors';

/**
 * The vendor contact's portal session. It lives in sessionStorage under its own key, apart from the
 * staff token (localStorage `itaku.session`): it is short-lived, belongs to this tab only, and a person
 * who is also signed in as staff in the same browser keeps both without one replacing the other.
 */
const KEY = 'itaku.portal';

type Stored = { token: string; expiresAt: number };


function read(): Stored | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Stored>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'number') return null;
    return { token: parsed.token, expiresAt: parsed.expiresAt };
  } catch {
    return null;
  }
}

/** 'none': never opened in this tab; 'ended': it was, and is over (expired, or the API said so). */
export type PortalSessionState =
  | { status: 'active'; token: string; expiresAt: number }
  | { status: 'ended' }
  | { status: 'none' };

const listeners = new Set<() => void>();
let endedHere = false;

function notify(): void {
  listeners.forEach((listener) => listener());
}

export const portalSession = {
  state(now: number = Date.now()): PortalSessionState {
    const stored = read();
    if (stored && stored.expiresAt > now) return { status: 'active', token: stored.token, expiresAt: stored.expiresAt };
    return stored || endedHere ? { status: 'ended' } : { status: 'none' };
  },
  start(token: string, expiresAt: string): void {
    endedHere = false;
    sessionStorage.setItem(KEY, JSON.stringify({ token, expiresAt: new Date(expiresAt).getTime() }));
    notify();
  },
  end(): void {
    endedHere = true;
    sessionStorage.removeItem(KEY);
    notify();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// useSyncExternalStore needs a snapshot that stays the same while nothing changed: a string.
function snapshot(): string {
  const s = portalSession.state();
  return s.status === 'active' ? `active:${s.expiresAt}:${s.token}` : s.status;
}

export function usePortalSession(): PortalSessionState {
  useSyncExternalStore(portalSession.subscribe, snapshot, snapshot);
  return portalSession.state();
}

/** Every portal call names its session explicitly; the staff interceptor then leaves it alone. */
export function portalHeaders(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

export function isSessionEnded(err: unknown): boolean {
  const e = asApiError(err);
  return e.status === 401 && e.error === 'portal_session_ended';
}
