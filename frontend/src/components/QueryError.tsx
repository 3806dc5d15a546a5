import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { asApiError, errorMessage } from '../lib/errors';

/** A failed read, shown in place with a retry button (network failures mostly heal on retry). */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const e = asApiError(error);
  const title = e.isNetwork ? t('errors.networkTitle') : e.status === 403 ? t('errors.notAllowedTitle') : t('errors.loadFailed');
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={title} role="alert">
      <Group justify="space-between" gap="sm">
        <Text size="sm">{errorMessage(t, error)}</Text>
        {e.status !== 403 && e.status !== 404 && (
          <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
