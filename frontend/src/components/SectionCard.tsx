import { Group, Paper, Text, Title, type PaperProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card of a page: the heading with its actions on the right, an optional hint under it, then the content. */
export function SectionCard({
  title,
  hint,
  actions,
  children,
  ...paper
}: PaperProps & { title: ReactNode; hint?: ReactNode; actions?: ReactNode; children: ReactNode; 'data-testid'?: string }) {
  return (
    <Paper withBorder radius="md" p="md" {...paper}>
      <Group justify="space-between" mb={hint ? 4 : 'sm'}>
        <Title order={2} fz="lg">
          {title}
        </Title>
        {actions}
      </Group>
      {hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {children}
    </Paper>
  );
}
