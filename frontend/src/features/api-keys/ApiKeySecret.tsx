import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyCreated } from '../../client/types.gen';
import { CopyField } from '../../components/CopyField';

/** The secret of a new key: shown this once, with a copy button and a clear warning. */
export function ApiKeySecret({ apiKey, onDone }: { apiKey: ApiKeyCreated; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
        <Text size="sm">{t('apiKeys.secretWarning')}</Text>
      </Alert>
      <CopyField label={`${t('apiKeys.secretLabel')} — ${apiKey.name}`} value={apiKey.key} testId="api-key-secret" />
      <Text size="xs" c="dimmed">
        {t('apiKeys.secretUsage')}
      </Text>
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('apiKeys.secretDone')}</Button>
      </Group>
    </Stack>
  );
}
