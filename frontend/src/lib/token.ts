/** The staff access token, kept in localStorage so a reload or a new tab stays signed in. */
const KEY = 'itaku.session';

type Stored = { token: string; expiresAt: number };

function read(): Stored | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Stored>;
    if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'number') return null;
    return { token: parsed.token, expiresAt: parsed.expiresAt };
  } catch {
    return null;
  }
}

export const tokenStore = {
  get(now: number = Date.now()): string | null {
    const stored = read();
    return stored && stored.expiresAt > now ? stored.token : null;
  },
  set(token: string, expiresInSeconds: number): void {
    localStorage.setItem(KEY, JSON.stringify({ token, expiresAt: Date.now() + expiresInSeconds * 1000 }));
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
};
