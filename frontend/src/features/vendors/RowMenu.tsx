import { ActionIcon, Menu } from '@mantine/core';
import { IconDots, IconPencil, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The "…" menu of a row: edit, delete, and any extra items. */
export function RowMenu({
  label,
  onEdit,
  onDelete,
  deleteLabel,
  children,
}: {
  label: string;
  onEdit?: () => void;
  onDelete: () => void;
  deleteLabel?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={label}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {children}
        {onEdit && (
          <Menu.Item leftSection={<IconPencil size={16} />} onClick={onEdit}>
            {t('vendors.overview.edit')}
          </Menu.Item>
        )}
        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={onDelete}>
          {deleteLabel ?? t('common.delete')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
