import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the pages before sign-in: product name, language choice, one card. */
export function AuthLayout({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box bg="gray.0" mih="100vh">
      <Group justify="space-between" px="lg" py="md">
        <Group gap={8}>
          <Text fw={700} size="lg" c="navy.9">
            {t('app.name')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('app.tagline')}
          </Text>
        </Group>
        <LanguageSwitch onChange={(lang) => void setLanguage(lang)} />
      </Group>
      <Center px="md" pt={48} pb={64}>
        <Paper component="main" withBorder shadow="xs" radius="md" p="xl" w="100%" maw={440}>
          <Stack gap={4} mb="lg">
            <Title order={1} fz={22}>
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {subtitle}
            </Text>
          </Stack>
          {children}
        </Paper>
      </Center>
    </Box>
  );
}
