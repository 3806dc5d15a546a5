import { Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { assessmentsListAssessmentsOptions, findingsListFindingsOptions } from '../../client/@tanstack/react-query.gen';
import { AnchorLink } from '../../components/links';
import { QueryError } from '../../components/QueryError';
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

/** What needs the team's attention in assessments: one `size=1` list call per line, reading only `total`. */
export function AssessmentsCard() {
  const { t } = useTranslation();
  const [review, overdue, open, late] = useQueries({
    queries: [
      assessmentsListAssessmentsOptions({ query: { status: ['submitted', 'under_review'], size: 1 } }),
      assessmentsListAssessmentsOptions({ query: { overdue: true, size: 1 } }),
      findingsListFindingsOptions({ query: { status: ['open', 'in_remediation'], size: 1 } }),
      findingsListFindingsOptions({ query: { overdue: true, size: 1 } }),
    ],
  });
  const all = [review, overdue, open, late];
  const failed = all.find((q) => q?.error);
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
      {failed ? (
        <QueryError error={failed.error} onRetry={() => all.forEach((q) => void q?.refetch())} />
      ) : (
        <Stack gap={6}>
          <Row
            count={review?.data?.total}
            link={
              <AnchorLink to="/assessments" search={{ status: ['submitted', 'under_review'] }} size="sm">
                {t('assessments.dashboard.awaitingReview')}
              </AnchorLink>
            }
          />
          <Row
            count={overdue?.data?.total}
            link={
              <AnchorLink to="/assessments" search={{ overdue: true }} size="sm">
                {t('assessments.dashboard.overdue')}
              </AnchorLink>
            }
          />
          <Row
            count={open?.data?.total}
            link={
              <AnchorLink to="/findings" search={{ status: ['open', 'in_remediation'] }} size="sm">
                {t('assessments.dashboard.openFindings')}
              </AnchorLink>
            }
          />
          <Row
            count={late?.data?.total}
            link={
              <AnchorLink to="/findings" search={{ overdue: true }} size="sm">
                {t('assessments.dashboard.overdueFindings')}
              </AnchorLink>
            }
          />
        </Stack>
      )}
    </Paper>
  );
}
