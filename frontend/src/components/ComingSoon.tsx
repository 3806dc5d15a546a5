import { Badge, EmptyState, Paper } from '@mantine/core';
import { IconHourglassHigh } from '@tabler/icons-react';
import { ButtonLink } from './links';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './PageHeader';

export type UpcomingSection = 'monitoring';

/** The honest state of a section whose feature has not shipped yet. */
export function ComingSoon({ section }: { section: UpcomingSection }) {
  const { t } = useTranslation();
  const name = t(`nav.${section}`);
  return (
    <>
      <PageHeader title={name} actions={<Badge variant="light" color="gray" size="lg">{t('comingSoon.badge')}</Badge>} />
      <Paper withBorder p="xl" radius="md">
        <EmptyState
          icon={<IconHourglassHigh size={28} stroke={1.5} />}
          title={t('comingSoon.title', { section: name })}
          description={t(`comingSoon.${section}`)}
          color="navy"
          variant="light"
        >
          <EmptyState.Actions>
            <ButtonLink to="/" variant="default">
              {t('common.backToDashboard')}
            </ButtonLink>
          </EmptyState.Actions>
        </EmptyState>
      </Paper>
    </>
  );
}
