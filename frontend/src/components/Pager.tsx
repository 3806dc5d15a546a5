import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format';

/** How many items a list holds: `total_exact` false when the server stopped counting at `total` (a long list). */
export interface Counted {
  total: number;
  total_exact?: boolean;
}

export function Pager({
  page,
  size,
  count,
  onPage,
}: {
  page: number;
  size: number;
  count: Counted;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const { total } = count;
  const exact = count.total_exact !== false;
  // Past the counted rows the pager offers one page more than the reader has reached.
  const pages = exact ? Math.max(1, Math.ceil(total / size)) : Math.max(Math.ceil(total / size), page) + 1;
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = exact ? Math.min(total, page * size) : page * size;
  return (
    <Group justify="space-between" mt="md" gap="sm">
      <Text size="sm" c="dimmed">
        {t(exact ? 'common.pageOf' : 'common.pageOfMore', {
          from: f.number(from),
          to: f.number(to),
          total: f.number(total),
        })}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onPage}
          size="sm"
          aria-label={t('common.pagination')}
        />
      )}
    </Group>
  );
}
