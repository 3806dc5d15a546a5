import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLanguage, IconLogout, IconUser } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../i18n';
import { label } from '../../lib/labels';
import { notifySuccess } from '../../lib/notify';
import { signOut, useMe } from '../../lib/session';

export function UserMenu({ onLanguage }: { onLanguage: (lang: Language) => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const name = me.user?.name ?? me.api_key?.name ?? '';

  const leave = async () => {
    await signOut();
    await navigate({ to: '/sign-in' });
    queryClient.clear();
    notifySuccess(t('shell.signedOut'));
  };

  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu')}>
          <Group gap={6} wrap="nowrap">
            <Avatar size={30} radius="xl" color="navy" name={name} />
            <Text size="sm" visibleFrom="lg" maw={140} truncate>
              {name}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {me.user?.email} · {label(t, 'roles', me.organization.role)}
        </Menu.Label>
        <Menu.Item component={Link} to="/profile" leftSection={<IconUser size={16} />}>
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Item
          hiddenFrom="xs"
          leftSection={<IconLanguage size={16} />}
          onClick={() => onLanguage(i18n.language === 'ja' ? 'en' : 'ja')}
        >
          {i18n.language === 'ja' ? t('language.en') : t('language.ja')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void leave()}>
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
