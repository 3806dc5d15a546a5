import { queryOptions, useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { authReadMe, authSignOut, authUpdateMe } from '../client/sdk.gen';
import type { Me, ProfileUpdate, Token } from '../client/types.gen';
import { currentLanguage, setLanguage, type Language } from '../i18n';
import { tokenStore } from './token';

// Written against the SDK rather than the generated query options: this module is in the first screen's
// bundle, and importing the generated options module would pull every endpoint's options in with it.
export const meQuery = queryOptions({
  queryKey: ['auth', 'me'] as const,
  queryFn: async ({ signal }) => (await authReadMe({ signal, throwOnError: true })).data,
});

/** The signed-in caller; the authenticated layout's loader has fetched it already. */
export function useMe(): Me {
  return useSuspenseQuery(meQuery).data;
}

export function useIsAdmin(): boolean {
  return useMe().organization.role === 'admin';
}

/** Administrators and managers write; viewers only read. */
export function useCanEdit(): boolean {
  return useMe().organization.role !== 'viewer';
}

export function startSession(token: Token): void {
  tokenStore.set(token.access_token, token.expires_in, token.organization_id);
}

/** Forget the session here (after a 401, the server has ended it already). */
export function endSession(): void {
  tokenStore.clear();
}

/** End the session on the server (its tokens stop working at once, the cookie is removed), then here. */
export async function signOut(): Promise<void> {
  try {
    await authSignOut();
  } finally {
    endSession();
  }
}

/** Only same-site paths may be returned to after sign-in (never `//evil.example`). */
export function safeRedirect(target: string | undefined): string {
  return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/sign-in') ? target : '/';
}

/** The server's language choice wins when the profile is loaded (e.g. in a new browser). */
export function useServerLanguage(me: Me): void {
  const serverLocale = me.user?.locale;
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (serverLocale && applied.current !== serverLocale) {
      applied.current = serverLocale;
      if (serverLocale !== currentLanguage()) void setLanguage(serverLocale);
    }
  }, [serverLocale]);
}

/** Switch language now, and remember it in the profile when a person is signed in. */
export function useChangeLanguage(): (lang: Language) => void {
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: async (body: ProfileUpdate) => (await authUpdateMe({ body, throwOnError: true })).data,
  });
  return (lang: Language) => {
    void setLanguage(lang);
    const me = queryClient.getQueryData<Me>(meQuery.queryKey);
    if (!me?.user || me.user.locale === lang) return;
    update.mutate(
      { version: me.user.version, locale: lang },
      {
        onSuccess: (user) => queryClient.setQueryData<Me>(meQuery.queryKey, { ...me, user }),
      },
    );
  };
}
