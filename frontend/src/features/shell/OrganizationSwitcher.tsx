import { Badge, Button, Menu, Text } from '@mantine/core';
import { IconBuilding, IconCheck, IconSelector } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { authSwitchOrganizationMutation } from '../../client/@tanstack/react-query.gen';
import { label } from '../../lib/labels';
import { notifySuccess } from '../../lib/notify';
import { startSession, useMe } from '../../lib/session';

/** Lists every organisation the user belongs to; switching swaps the token and reloads all data. */
export function OrganizationSwitcher() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const router = useRouter();
  const switchOrg = useMutation({
    ...authSwitchOrganizationMutation(),
    onSuccess: async (token, vars) => {
      startSession(token);
      queryClient.clear();
      await navigate({ to: '/' });
      await router.invalidate();
      const name = me.organizations.find((o) => o.id === vars.body.organization_id)?.name ?? '';
      notifySuccess(t('shell.switchedTo', { name }));
    },
  });

  return (
    <Menu position="bottom-end" width={300} withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconBuilding size={16} />}
          rightSection={<IconSelector size={14} />}
          loading={switchOrg.isPending}
          aria-label={`${t('shell.switchOrganization')}: ${me.organization.name}`}
          maw={{ base: 160, sm: 260 }}
          styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis' } }}
        >
          {me.organization.name}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.switchOrganization')}</Menu.Label>
        {me.organizations.map((org) => {
          const current = org.id === me.organization.id;
          return (
            <Menu.Item
              key={org.id}
              leftSection={current ? <IconCheck size={16} /> : <span style={{ width: 16, display: 'inline-block' }} />}
              rightSection={
                <Badge size="xs" variant="light" color="gray">
                  {label(t, 'roles', org.role)}
                </Badge>
              }
              disabled={current || switchOrg.isPending}
              onClick={() => switchOrg.mutate({ body: { organization_id: org.id } })}
            >
              {org.name}
            </Menu.Item>
          );
        })}
        {me.organizations.length === 1 && (
          <Text size="xs" c="dimmed" px="sm" py={6}>
            {t('shell.onlyOrganization')}
          </Text>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
