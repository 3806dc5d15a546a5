import { Button, Group, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberRead, Role } from '../../client/types.gen';
import { ROLES } from './roles';

export function ChangeRoleForm({
  member,
  pending,
  onSubmit,
  onCancel,
}: {
  member: MemberRead;
  pending: boolean;
  onSubmit: (role: Role) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(member.role);
  return (
    <Stack gap="md">
      <Radio.Group value={role} onChange={(v) => setRole(v as Role)} label={t('users.role')}>
        <Stack gap="sm" mt="xs">
          {ROLES.map((r) => (
            <Radio
              key={r}
              value={r}
              label={t(`roles.${r}`)}
              description={<Text size="xs" c="dimmed" component="span">{t(`roleDescriptions.${r}`)}</Text>}
            />
          ))}
        </Stack>
      </Radio.Group>
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button loading={pending} disabled={role === member.role} onClick={() => onSubmit(role)}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
