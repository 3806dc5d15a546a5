/**
 * The staff access token, in memory only: short-lived, renewed with the session's HttpOnly refresh cookie (which
 * scripts cannot read), so a script injected into the page finds no credential to take away.
 *
 * localStorage keeps just a hint that a session may exist, so that after a reload the app knows to try the cookie.
 */
const HINT = 'itaku.signedIn';
const LEGACY = 'itaku.session'; // tokens were kept here once; never leave one behind
// Renew a little before the server would refuse the token.
const MARGIN_MS = 30_000;

let current: { token: string; expiresAt: number; organizationId: string | null } | null = null;
// The organisation this tab acts in, kept past the token so that renewing it stays there (another tab may switch).
let organizationId: string | null = null;

try {
  localStorage.removeItem(LEGACY);
} catch {
  // storage unavailable (private mode): nothing was kept either
}

export const tokenStore = {
  get(now: number = Date.now()): string | null {
    return current && current.expiresAt - MARGIN_MS > now ? current.token : null;
  },
  set(token: string, expiresInSeconds: number, organization: string | null = null): void {
    current = { token, expiresAt: Date.now() + expiresInSeconds * 1000, organizationId: organization };
    organizationId = organization ?? organizationId;
    try {
      localStorage.setItem(HINT, '1');
    } catch {
      // the session still works in this tab
    }
  },
  organization(): string | null {
    return organizationId;
  },
  clear(): void {
    current = null;
    organizationId = null;
    try {
      localStorage.removeItem(HINT);
    } catch {
      // nothing to forget
    }
  },
  mayHaveSession(): boolean {
    try {
      return localStorage.getItem(HINT) === '1';
    } catch {
      return false;
    }
  },
};
