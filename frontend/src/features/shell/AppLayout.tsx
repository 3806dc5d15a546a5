import { AppShell, Box, Burger, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSettings } from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { TimeZoneContext } from '../../lib/format';
import { useChangeLanguage, useMe, useServerLanguage } from '../../lib/session';
import { MAIN_NAV, SETTINGS_NAV } from './nav';
import { OrganizationSwitcher } from './OrganizationSwitcher';
import { UserMenu } from './UserMenu';

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  useServerLanguage(me);
  const changeLanguage = useChangeLanguage();
  const [mobileOpened, { toggle: toggleMobile, close: closeMobile }] = useDisclosure(false);
  const [desktopOpened, { toggle: toggleDesktop }] = useDisclosure(true);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const isAdmin = me.organization.role === 'admin';

  useEffect(closeMobile, [pathname, closeMobile]);

  const isActive = (to: string) => (to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`));
  const inSettings = pathname.startsWith('/settings');

  return (
    <TimeZoneContext.Provider value={me.time_zone}>
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 240, breakpoint: 'md', collapsed: { mobile: !mobileOpened, desktop: !desktopOpened } }}
        padding={0}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={mobileOpened} onClick={toggleMobile} hiddenFrom="md" size="sm" aria-label={t('nav.toggle')} />
              <Burger opened={desktopOpened} onClick={toggleDesktop} visibleFrom="md" size="sm" aria-label={t('nav.toggle')} />
              <Link to="/" style={{ textDecoration: 'none' }} aria-label={`${t('app.name')} — ${t('nav.dashboard')}`}>
                <Group gap={8} wrap="nowrap">
                  <Text fw={700} size="lg" c="navy.9">
                    {t('app.name')}
                  </Text>
                  <Text size="xs" c="dimmed" visibleFrom="sm">
                    {t('app.tagline')}
                  </Text>
                </Group>
              </Link>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <OrganizationSwitcher />
              <Box visibleFrom="xs">
                <LanguageSwitch onChange={changeLanguage} />
              </Box>
              <UserMenu onLanguage={changeLanguage} />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
          <AppShell.Section grow component={ScrollArea}>
            <nav aria-label={t('nav.main')}>
              {MAIN_NAV.map((item) => (
                <NavLink
                  key={item.to}
                  component={Link}
                  to={item.to}
                  label={t(`nav.${item.label}`)}
                  leftSection={<item.icon size={18} stroke={1.6} />}
                  active={isActive(item.to)}
                  aria-current={isActive(item.to) ? 'page' : undefined}
                  variant="light"
                  styles={{ label: { fontSize: 14 } }}
                />
              ))}
              <NavLink
                label={t('nav.settings')}
                leftSection={<IconSettings size={18} stroke={1.6} />}
                defaultOpened={inSettings}
                childrenOffset={28}
                styles={{ label: { fontSize: 14 } }}
              >
                {SETTINGS_NAV.filter((item) => isAdmin || !item.adminOnly).map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={t(`nav.${item.label}`)}
                    active={isActive(item.to)}
                    aria-current={isActive(item.to) ? 'page' : undefined}
                    variant="light"
                    styles={{ label: { fontSize: 14 } }}
                  />
                ))}
              </NavLink>
            </nav>
          </AppShell.Section>
          <AppShell.Section p="xs">
            <Text size="xs" c="dimmed" lineClamp={2}>
              {me.organization.name}
            </Text>
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main bg="gray.0">
          <Box id="main" tabIndex={-1} px={{ base: 'md', md: 'xl' }} py="lg" maw={1320} mx="auto">
            <Outlet />
          </Box>
        </AppShell.Main>
      </AppShell>
    </TimeZoneContext.Provider>
  );
}
