import { Skeleton, Stack, Text } from '@mantine/core';
import type { LinkProps } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { AnchorLink } from './links';
import { QueryError } from './QueryError';

/** A labelled fact on a record's page; `hint` explains the term on hover. */
export function Fact({ term, hint, children }: { term: string; hint?: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500} title={hint}>
        {term}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** The link from a record's page back to its list. */
export function BackLink({ to, children }: { to: LinkProps['to']; children: ReactNode }) {
  return (
    <AnchorLink to={to} size="sm">
      ← {children}
    </AnchorLink>
  );
}

/**
 * A record's page (a contract, an incident, an audit…): the back link and the failed read with a retry button, or a
 * placeholder while it loads; once read, the back link and the page.
 */
export function DetailFrame({
  back,
  error,
  loading,
  onRetry,
  children,
}: {
  back: ReactNode;
  error: unknown;
  loading: boolean;
  onRetry: () => void;
  children?: ReactNode;
}) {
  if (error) {
    return (
      <>
        {back}
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
      {back}
      {children}
    </>
  );
}
