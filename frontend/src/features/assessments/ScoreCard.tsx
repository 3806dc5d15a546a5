import { Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AssessmentRead } from '../../client/types.gen';
import { BandBadge } from '../../components/AssessmentBadges';
import { textIn } from '../../lib/bilingual';
import { useFormat } from '../../lib/format';
import { sectionPercent } from './answers';

/** The overall score and band fixed at submission, and each section's share of its points as a bar. */
export function ScoreCard({ assessment }: { assessment: AssessmentRead }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const titles = new Map(assessment.definition.sections.map((s) => [s.key, textIn(s.title, i18n.language)]));
  return (
    <Paper withBorder radius="md" p="md" data-testid="score-card">
      <Title order={2} fz="lg" mb="sm">
        {t('assessments.score.title')}
      </Title>
      {assessment.score === null ? (
        <Text size="sm" c="dimmed">
          {t('assessments.score.notScoredYet')}
        </Text>
      ) : (
        <Stack gap="sm">
          <Group gap="md" align="center">
            <div>
              <Text size="xs" c="dimmed" fw={500}>
                {t('assessments.score.overall')}
              </Text>
              <Text fz={28} fw={700} lh={1.2} data-testid="overall-score">
                {t('assessments.scoreValue', { score: f.number(assessment.score) })}
              </Text>
            </div>
            {assessment.band && <BandBadge bands={assessment.definition.bands ?? []} band={assessment.band} size="lg" />}
          </Group>
          {assessment.section_scores.length > 0 && (
            <Stack gap={8} mt={4}>
              <Text size="xs" c="dimmed" fw={500}>
                {t('assessments.score.sections')}
              </Text>
              {assessment.section_scores.map((s) => {
                const percent = sectionPercent(s);
                const title = titles.get(s.key) ?? s.key;
                return (
                  <div key={s.key} data-testid="section-score">
                    <Group justify="space-between" gap="xs" wrap="nowrap">
                      <Text size="sm" truncate>
                        {title}
                      </Text>
                      <Text size="sm" fw={500} className="nowrap" c={percent === null ? 'dimmed' : undefined}>
                        {percent === null || s.score === null
                          ? t('assessments.score.sectionNotScored')
                          : t('assessments.scoreValue', { score: f.number(s.score) })}
                      </Text>
                    </Group>
                    {percent !== null && (
                      <Progress
                        value={percent}
                        size="sm"
                        color={percent >= 80 ? 'teal.8' : percent >= 60 ? 'yellow.7' : 'red.8'}
                        aria-label={`${title}: ${t('assessments.score.sectionValue', { earned: f.number(s.earned), possible: f.number(s.possible) })}`}
                        mt={2}
                      />
                    )}
                  </div>
                );
              })}
            </Stack>
          )}
        </Stack>
      )}
    </Paper>
  );
}

/** How many of the required questions the vendor has answered so far. */
export function ProgressCard({ assessment }: { assessment: AssessmentRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { answered, required, required_answered } = assessment.progress;
  const percent = required ? (100 * required_answered) / required : 100;
  return (
    <Paper withBorder radius="md" p="md" data-testid="progress-card">
      <Title order={2} fz="lg" mb="sm">
        {t('assessments.progress.title')}
      </Title>
      <Text size="sm" fw={500}>
        {t('assessments.progress.required', { answered: f.number(required_answered), required: f.number(required) })}
      </Text>
      <Progress value={percent} size="md" mt={6} mb={6} aria-label={t('assessments.progress.label')} />
      <Text size="xs" c="dimmed">
        {t('assessments.progress.answered', { count: answered })}
      </Text>
    </Paper>
  );
}
