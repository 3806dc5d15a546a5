import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentCountsRead } from '../../client/types.gen';
import { AnchorLink } from '../../components/links';
import { useFormat } from '../../lib/format';

/** One line: a link to the filtered list, and how many it holds. */
function Row({ link, count }: { link: ReactNode; count: number | undefined }) {
  const f = useFormat();
  return (
    <Group justify="space-between" wrap="nowrap">
      {link}
      {count === undefined ? (
        <Skeleton height={14} width={32} />
      ) : (
        <Text size="sm" fw={600} c={count > 0 ? undefined : 'dimmed'}>
          {f.number(count)}
        </Text>
      )}
    </Group>
  );
}

/** What needs the team's attention in assessments: each line the total of the list it links to. */
export function AssessmentsCard({ counts }: { counts: AssessmentCountsRead | undefined }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" data-testid="assessments-card">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="lg">
          {t('assessments.dashboard.title')}
        </Title>
        <AnchorLink to="/assessments" size="sm">
          {t('common.viewAll')}
        </AnchorLink>
      </Group>
      <Stack gap={6}>
        <Row
          count={counts?.awaiting_review}
          link={
            <AnchorLink to="/assessments" search={{ status: ['submitted', 'under_review'] }} size="sm">
              {t('assessments.dashboard.awaitingReview')}
            </AnchorLink>
          }
        />
        <Row
          count={counts?.overdue}
          link={
            <AnchorLink to="/assessments" search={{ overdue: true }} size="sm">
              {t('assessments.dashboard.overdue')}
            </AnchorLink>
          }
        />
        <Row
          count={counts?.open_findings}
          link={
            <AnchorLink to="/findings" search={{ status: ['open', 'in_remediation'] }} size="sm">
              {t('assessments.dashboard.openFindings')}
            </AnchorLink>
          }
        />
        <Row
          count={counts?.overdue_findings}
          link={
            <AnchorLink to="/findings" search={{ overdue: true }} size="sm">
              {t('assessments.dashboard.overdueFindings')}
            </AnchorLink>
          }
        />
      </Stack>
    </Paper>
  );
}
