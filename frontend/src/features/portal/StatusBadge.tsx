import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssessmentStatus } from '../../client/types.gen';

const COLORS: Record<AssessmentStatus, string> = {
  draft: 'gray',
  sent: 'blue',
  in_progress: 'blue',
  submitted: 'teal',
  under_review: 'teal',
  returned: 'orange',
  accepted: 'teal',
};

export function StatusBadge({ status }: { status: AssessmentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLORS[status]} style={{ flexShrink: 0 }} data-testid="portal-status">
      {t(`portal.status.${status}`)}
    </Badge>
  );
}
