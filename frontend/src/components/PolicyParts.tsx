import { Alert, Badge, Button, Group, NumberInput, Paper, Skeleton, Stack, Text, type NumberInputProps } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsAdmin } from '../lib/session';
import { confirmAction } from './confirm';
import { PageHeader } from './PageHeader';
import { QueryState, type ListQuery } from './QueryState';

// An organisation's policy screen (contracts, incidents, monitoring): the defaults until an administrator saves the
// organisation's own values, which anyone may read. Each feature's messages sit under `<area>.policy`.
type Messages = 'contracts.policy' | 'incidents.policy' | 'monitoring.policy';
type Policy = { version: number; is_default: boolean };

/** The page: its header saying whether the defaults apply, then the form once the policy is read. */
export function PolicyScreen<P extends Policy>({
  messages,
  query,
  back,
  actions,
  nav,
  placeholderHeight = 420,
  children,
}: {
  messages: Messages;
  query: ListQuery & { data?: P };
  /** Above the header: the link back to the feature's list. */
  back?: ReactNode;
  actions?: ReactNode;
  /** Under the header: the feature's navigation. */
  nav?: ReactNode;
  placeholderHeight?: number;
  /** The form for the policy read (keyed by its version, so a reload starts it afresh). */
  children: (policy: P) => ReactNode;
}) {
  const { t } = useTranslation();
  const policy = query.data;
  return (
    <>
      {back}
      <PageHeader
        title={t(`${messages}.title`)}
        description={t(`${messages}.subtitle`)}
        actions={
          (policy || actions) && (
            <>
              {policy && (
                <Badge variant="light" color={policy.is_default ? 'gray' : 'navy'} size="lg">
                  {policy.is_default ? t(`${messages}.isDefault`) : t(`${messages}.customised`)}
                </Badge>
              )}
              {actions}
            </>
          )
        }
      />
      {nav}
      <QueryState query={query} placeholder={<Skeleton height={placeholderHeight} radius="md" />}>
        {children}
      </QueryState>
    </>
  );
}

/**
 * The policy's form: a notice for those who may only read it, the fields (`children`), and for administrators the
 * buttons to go back to the defaults (after asking) and to save. `card` puts it all in one card.
 */
export function PolicyFormFrame({
  messages,
  policy,
  saving,
  onSubmit,
  onRestore,
  card = false,
  children,
}: {
  messages: Messages;
  policy: Policy;
  saving: boolean;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  onRestore: () => void;
  card?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const content = (
    <Stack gap="md">
      {!isAdmin && (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />}>
          {t(`${messages}.readOnly`)}
        </Alert>
      )}
      {children}
      {isAdmin && (
        <Group justify="space-between">
          <Button
            variant="subtle"
            color="gray"
            disabled={policy.is_default}
            onClick={() =>
              confirmAction({
                title: t(`${messages}.restoreTitle`),
                message: t(`${messages}.restoreBody`),
                confirmLabel: t(`${messages}.restore`),
                onConfirm: onRestore,
              })
            }
          >
            {t(`${messages}.restore`)}
          </Button>
          <Button type="submit" loading={saving}>
            {t(`${messages}.save`)}
          </Button>
        </Group>
      )}
    </Stack>
  );
  return (
    <form noValidate onSubmit={onSubmit}>
      {card ? (
        <Paper withBorder radius="md" p="md">
          {content}
        </Paper>
      ) : (
        content
      )}
    </form>
  );
}

/** A whole number with its unit on the right ("日", "円/人"), read-only for those who may not change the policy. */
export function UnitNumberInput({ unit, unitWidth = 64, ...props }: NumberInputProps & { unit: string; unitWidth?: number }) {
  const isAdmin = useIsAdmin();
  return (
    <NumberInput
      allowDecimal={false}
      allowNegative={false}
      readOnly={!isAdmin}
      rightSection={
        <Text size="xs" c="dimmed" pr={6}>
          {unit}
        </Text>
      }
      rightSectionWidth={unitWidth}
      {...props}
    />
  );
}
