import { EmptyState } from '@mantine/core';
import { IconMapPinOff } from '@tabler/icons-react';
import { ButtonLink } from './links';
import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <EmptyState
      mt={64}
      icon={<IconMapPinOff size={28} stroke={1.5} />}
      title={t('common.notFoundTitle')}
      description={t('common.notFoundBody')}
    >
      <EmptyState.Actions>
        <ButtonLink to="/" variant="default">
          {t('common.backToDashboard')}
        </ButtonLink>
      </EmptyState.Actions>
    </EmptyState>
  );
}
