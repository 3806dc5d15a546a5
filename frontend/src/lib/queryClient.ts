import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { asApiError } from './errors';
import { notifyError } from './notify';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** The caller shows the error itself (e.g. on form fields); skip the global notification. */
      handlesErrors?: boolean;
    };
  }
}

function transient(err: unknown): boolean {
  const e = asApiError(err);
  return e.isNetwork || e.status >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => transient(err) && count < 2,
      },
      mutations: { retry: false },
    },
    queryCache: new QueryCache({
      // Reads show their errors in place with a retry button; a 403 also says "not allowed".
      onError: (err) => {
        if (asApiError(err).status === 403) notifyError(err);
      },
    }),
    mutationCache: new MutationCache({
      onError: (err, _vars, _ctx, mutation) => {
        const e = asApiError(err);
        if (e.status === 401 && e.error === 'not_authenticated') return; // the sign-in page explains
        if (!mutation.meta?.handlesErrors) notifyError(err);
      },
    }),
  });
}
