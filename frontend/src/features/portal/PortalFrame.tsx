import { Box, Container, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { AnchorLink } from '../../components/links';
import { setLanguage } from '../../i18n';
import { PORTAL_WIDTH } from './context';

/**
 * The portal's own frame: the product and the language choice, no staff navigation. `context` is the
 * band under it that says for whom the contact is answering.
 */
export function PortalFrame({ children, context }: { children: ReactNode; context?: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(`${t('portal.title')} — ${t('app.name')}`);
  return (
    <Box bg="gray.0" mih="100dvh" style={{ display: 'flex', flexDirection: 'column' }}>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size={PORTAL_WIDTH} px={{ base: 'sm', sm: 'md' }} py="xs">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
              <Text fw={700} size="lg" c="navy.9">
                {t('app.name')}
              </Text>
              <Text size="sm" c="dimmed" truncate>
                {t('portal.title')}
              </Text>
            </Group>
            <LanguageSwitch onChange={(lang) => void setLanguage(lang)} />
          </Group>
        </Container>
        {context}
      </Box>
      <Box component="main" id="main" tabIndex={-1} style={{ flex: 1, outline: 'none' }}>
        {children}
      </Box>
      <Box component="footer" py="lg" px="md">
        <Text size="xs" c="dimmed" ta="center">
          {t('portal.footerProduct')} — {t('portal.footer')}
        </Text>
      </Box>
    </Box>
  );
}

/** A whole-page message (opening a link, a refused link, an ended session): what happened, what to do. */
export function PortalMessage({
  icon,
  color = 'navy',
  title,
  children,
  actions,
}: {
  icon: ReactNode;
  color?: string;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Container size={560} px="md" pt={{ base: 32, sm: 64 }} pb={48}>
      <Paper withBorder radius="md" p={{ base: 'lg', sm: 'xl' }} shadow="xs">
        <Stack gap="md" align="flex-start">
          <ThemeIcon size={44} radius="xl" variant="light" color={color} aria-hidden>
            {icon}
          </ThemeIcon>
          <Title order={1} fz={21} lh={1.4}>
            {title}
          </Title>
          {children}
          {actions}
        </Stack>
      </Paper>
    </Container>
  );
}

/** A page of the portal reached from its home (a report, a change request, an incident): the way back, then the page. */
export function PortalSubPage({ back, children }: { back: string; children: ReactNode }) {
  return (
    <Container size={PORTAL_WIDTH} px={{ base: 'sm', sm: 'md' }} py="lg">
      <Stack gap="md" maw={760}>
        <AnchorLink to="/portal" size="sm">
          <Group gap={4} component="span">
            <IconArrowLeft size={14} aria-hidden />
            {back}
          </Group>
        </AnchorLink>
        {children}
      </Stack>
    </Container>
  );
}
