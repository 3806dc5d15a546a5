import { Button } from '@mantine/core';
import { IconBooks, IconLayoutGrid, IconList } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/links';

type View = 'list' | 'overview' | 'library';

const VIEWS = [
  { view: 'list', to: '/contracts', icon: IconList },
  { view: 'overview', to: '/contracts/overview', icon: IconLayoutGrid },
  { view: 'library', to: '/contracts/library', icon: IconBooks },
] as const;

/**
 * The contract screens side by side: the list, the organisation-wide clause coverage, the clause library.
 * Links, not a segmented control: each is a page of its own, with its own address.
 */
export function ContractsNav({ current }: { current: View }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('contracts.views.label')} style={{ marginBottom: 'var(--mantine-spacing-md)' }}>
      <Button.Group>
        {VIEWS.map(({ view, to, icon: Icon }) => (
          <ButtonLink
            key={view}
            to={to}
            activeOptions={{ exact: true, includeSearch: false }}
            size="xs"
            variant={view === current ? 'filled' : 'default'}
            aria-current={view === current ? 'page' : undefined}
            leftSection={<Icon size={14} />}
          >
            {t(`contracts.views.${view}`)}
          </ButtonLink>
        ))}
      </Button.Group>
    </nav>
  );
}
