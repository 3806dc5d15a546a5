import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { i18n } from '../i18n';

/** A confirmation dialog for consequential actions (deactivate, revoke…). */
export function confirmAction(opts: {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
}): void {
  modals.openConfirmModal({
    title: opts.title,
    children: <Text size="sm">{opts.message}</Text>,
    labels: { confirm: opts.confirmLabel, cancel: i18n.t('common.cancel') },
    confirmProps: { color: opts.danger ? 'red' : undefined },
    onConfirm: opts.onConfirm,
  });
}
