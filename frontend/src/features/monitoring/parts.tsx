import { Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import { QueryError } from '../../components/QueryError';

/** A labelled fact in a detail page. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {term}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** Text the vendor or an auditor wrote, line breaks kept; a dash when empty. */
export function Prose({ text }: { text: string | null | undefined }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={text ? undefined : 'dimmed'}>
      {text || t('common.none')}
    </Text>
  );
}

/** A yes / no answer, or a dash when unanswered. */
export function YesNo({ value }: { value: boolean | null | undefined }) {
  const { t } = useTranslation();
  return <>{value === null || value === undefined ? t('common.none') : value ? t('common.yes') : t('common.no')}</>;
}

type Back = { to: '/monitoring' | '/monitoring/reports' | '/monitoring/audits' | '/monitoring/changes'; label: string };

/** A detail page's back link, and its loading or failed state. */
export function DetailFrame({ back, error, loading, onRetry, children }: { back: Back; error: unknown; loading: boolean; onRetry: () => void; children: ReactNode }) {
  const link = (
    <AnchorLink to={back.to} size="sm">
      ← {back.label}
    </AnchorLink>
  );
  if (error) {
    return (
      <>
        {link}
        <Stack mt="md">
          <QueryError error={error} onRetry={onRetry} />
        </Stack>
      </>
    );
  }
  if (loading) {
    return (
      <Stack gap="sm">
        <Skeleton height={16} width={120} />
        <Skeleton height={28} width="50%" />
        <Skeleton height={320} />
      </Stack>
    );
  }
  return (
    <>
      {link}
      {children}
    </>
  );
}
