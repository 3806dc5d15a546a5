import { MantineProvider, mergeThemeOverrides } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import 'dayjs/locale/ja';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { cssVariablesResolver, theme } from './lib/theme';
import type { createAppRouter } from './routes/router';

export function App({ queryClient, router }: { queryClient: QueryClient; router: ReturnType<typeof createAppRouter> }) {
  const { t, i18n } = useTranslation();
  // Close buttons of dialogs and drawers are named in the current language.
  const localized = useMemo(() => {
    const close = { closeButtonProps: { 'aria-label': t('common.close') } };
    return mergeThemeOverrides(theme, { components: { Modal: { defaultProps: close }, Drawer: { defaultProps: close } } });
  }, [t]);
  return (
    <MantineProvider theme={localized} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 0, weekendDays: [0, 6] }}>
        <QueryClientProvider client={queryClient}>
          <ModalsProvider labels={{ confirm: t('common.save'), cancel: t('common.cancel') }}>
            <Notifications position="top-right" limit={4} />
            <RouterProvider router={router} />
          </ModalsProvider>
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
