import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataCategory } from '../client/types.gen';
import { enumValues } from '../lib/enums';

/** The categories of personal data a vendor may handle, in the API's order (labels: `vendors.dataCategories`). */
export const DATA_CATEGORIES = enumValues(DataCategory);

/** Every category but ordinary data: these make the tier rise most and get a warm badge. */
export const SENSITIVE_CATEGORIES: ReadonlySet<DataCategory> = new Set(DATA_CATEGORIES.filter((c) => c !== DataCategory.ORDINARY));

/** One data category as a small badge, short name shown and full name in the title. */
export function CategoryBadge({ category }: { category: DataCategory }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={SENSITIVE_CATEGORIES.has(category) ? 'grape' : 'gray'} title={t(`vendors.dataCategories.${category}`)}>
      {t(`vendors.dataCategoriesShort.${category}`)}
    </Badge>
  );
}

/** Data categories as small badges in the API's order; the sensitive ones stand out. */
export function CategoryBadges({ categories }: { categories: DataCategory[] }) {
  const { t } = useTranslation();
  if (categories.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('common.none')}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {DATA_CATEGORIES.filter((c) => categories.includes(c)).map((c) => (
        <CategoryBadge key={c} category={c} />
      ))}
    </Group>
  );
}
