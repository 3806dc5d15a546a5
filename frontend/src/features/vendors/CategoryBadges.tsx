import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DataCategory } from '../../client/types.gen';
import { DATA_CATEGORIES, SENSITIVE } from './vocabulary';

/** Data categories as small badges; the sensitive ones stand out. The full name is in the title. */
export function CategoryBadges({ categories }: { categories: DataCategory[] }) {
  const { t } = useTranslation();
  if (categories.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('common.none')}
      </Text>
    );
  }
  const ordered = DATA_CATEGORIES.filter((c) => categories.includes(c));
  return (
    <Group gap={4}>
      {ordered.map((c) => (
        <Badge
          key={c}
          size="sm"
          variant="light"
          color={SENSITIVE.has(c) ? 'grape' : 'gray'}
          title={t(`vendors.dataCategories.${c}`)}
        >
          {t(`vendors.dataCategoriesShort.${c}`)}
        </Badge>
      ))}
    </Group>
  );
}
