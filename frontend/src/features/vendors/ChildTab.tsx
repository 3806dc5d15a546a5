import { Button, Modal } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { useState, type ComponentProps, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmAction } from '../../components/confirm';
import { ListTable } from '../../components/ListTable';
import { SectionCard } from '../../components/SectionCard';
import { notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { useRefreshVendors } from './refresh';

/**
 * A vendor page tab that lists the vendor's records: a titled card with the add button (for those who may edit) or
 * other actions, a notice above the table, the table with its loading, error and empty states, and what goes with it
 * (the add and edit dialogs) as `children`.
 */
export function ChildTab<T>({
  title,
  hint,
  add,
  actions,
  notice,
  hideTable = false,
  children,
  ...table
}: ComponentProps<typeof ListTable<T>> & {
  title: string;
  hint?: string;
  add?: { label: string; onClick: () => void };
  actions?: ReactNode;
  notice?: ReactNode;
  /** When the notice says all there is to say. */
  hideTable?: boolean;
  children?: ReactNode;
}) {
  const canEdit = useCanEdit();
  return (
    <SectionCard
      title={title}
      hint={hint}
      actions={
        add && canEdit ? (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={add.onClick}>
            {add.label}
          </Button>
        ) : (
          actions
        )
      }
    >
      {notice}
      {!hideTable && <ListTable {...table} />}
      {children}
    </SectionCard>
  );
}

/** Which record the add or edit dialog is open for ('new': adding), and what closes it. */
export function useEditing<T>() {
  const refresh = useRefreshVendors();
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return {
    editing,
    setEditing,
    close: () => setEditing(null),
    /** Saved (say so) or changed meanwhile by someone else (say nothing; the form has): close and reload. */
    done: (message?: string) => {
      if (message) notifySuccess(message);
      setEditing(null);
      void refresh();
    },
  };
}

/** The add or edit dialog of a tab's record; `children` renders the form for the record (undefined: a new one). */
export function EditDialog<T>({
  editing,
  onClose,
  titles,
  children,
}: {
  editing: T | 'new' | null;
  onClose: () => void;
  titles: { add: string; edit: string };
  children: (record: T | undefined) => ReactNode;
}) {
  return (
    <Modal opened={editing !== null} onClose={onClose} size="lg" title={editing === 'new' ? titles.add : titles.edit}>
      {editing !== null && children(editing === 'new' ? undefined : editing)}
    </Modal>
  );
}

/** Deleting a record of the vendor once the user confirms; then says so and reloads the vendor's reads. */
export function useConfirmDelete<TData, TError, TVariables>(mutation: UseMutationOptions<TData, TError, TVariables>) {
  const { t } = useTranslation();
  const refresh = useRefreshVendors();
  const remove = useMutation(mutation);
  return (o: { title: string; message: string; done: string; variables: TVariables; confirmLabel?: string }) =>
    confirmAction({
      title: o.title,
      message: o.message,
      confirmLabel: o.confirmLabel ?? t('common.delete'),
      danger: true,
      onConfirm: () =>
        remove.mutate(o.variables, {
          onSuccess: () => {
            notifySuccess(o.done);
            void refresh();
          },
        }),
    });
}
