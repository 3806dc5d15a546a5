import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyField } from '../../components/CopyField';

/** The result of an invitation: the link to pass on, or a note that the person already had an account. */
export function InvitationLink({ message, url, onClose }: { message: string; url: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="teal" variant="light">
        <Text size="sm">{message}</Text>
      </Alert>
      {url && <CopyField label={t('users.invitationLink')} value={url} testId="invitation-url" />}
      <Group justify="flex-end">
        <Button onClick={onClose}>{t('common.close')}</Button>
      </Group>
    </Stack>
  );
}
