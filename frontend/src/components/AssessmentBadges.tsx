import { Group, Table, Text, Tooltip } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { questionnairesGetQuestionnaireVersionOptions } from '../client/@tanstack/react-query.gen';
import { AssessmentStatus, type AssessmentSummary, type Band, FindingStatus, Severity } from '../client/types.gen';
import { textIn } from '../lib/bilingual';
import { enumValues } from '../lib/enums';
import { useFormat } from '../lib/format';
import { ToneBadge, type Tone } from './TierBadge';

// Shared by the assessments screens and the vendor page's assessments tab.
export const ASSESSMENT_STATUSES = enumValues(AssessmentStatus);
export const SEVERITIES = enumValues(Severity);
export const FINDING_STATUSES = enumValues(FindingStatus);

const ASSESSMENT_TONES: Record<AssessmentStatus, Tone> = {
  draft: 'neutral',
  sent: 'info',
  in_progress: 'info',
  submitted: 'medium',
  under_review: 'medium',
  returned: 'high',
  accepted: 'low',
};

const FINDING_TONES: Record<FindingStatus, Tone> = {
  open: 'high',
  in_remediation: 'medium',
  closed: 'low',
  risk_accepted: 'neutral',
};

export function AssessmentStatusBadge({ status, size = 'sm' }: { status: AssessmentStatus; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <ToneBadge tone={ASSESSMENT_TONES[status]} size={size} miw="max-content" data-assessment-status={status}>
      {t(`assessments.statuses.${status}`)}
    </ToneBadge>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <ToneBadge tone={severity} miw="max-content" data-severity={severity}>
      {t(`assessments.findings.severities.${severity}`)}
    </ToneBadge>
  );
}

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  const { t } = useTranslation();
  return (
    <ToneBadge tone={FINDING_TONES[status]} miw="max-content" data-finding-status={status}>
      {t(`assessments.findings.statuses.${status}`)}
    </ToneBadge>
  );
}

/**
 * The tone of a band by its place among the template's bands (highest score first): the best reads
 * green, the worst red, those between amber. Bands are the template's own, so only their order is known.
 */
export function bandTone(index: number, count: number): Tone {
  if (index < 0) return 'neutral';
  if (index === 0) return 'low';
  if (index === count - 1) return count > 2 ? 'critical' : 'high';
  return 'medium';
}

export function BandBadge({ bands, band, size = 'sm' }: { bands: Band[]; band: string; size?: 'sm' | 'md' | 'lg' }) {
  const { i18n } = useTranslation();
  const index = bands.findIndex((b) => b.key === band);
  const found = bands[index];
  return (
    <ToneBadge tone={bandTone(index, bands.length)} size={size} miw="max-content" data-band={band}>
      {found ? textIn(found.label, i18n.language) : band}
    </ToneBadge>
  );
}

/**
 * An assessment's score with its band as the template names it. The bands come from the (immutable)
 * questionnaire version, read once per version however many rows show it.
 */
export function ScoreBand({
  score,
  band,
  questionnaireId,
  versionId,
}: {
  score: number | null;
  band: string | null;
  questionnaireId: string;
  versionId: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const version = useQuery({
    ...questionnairesGetQuestionnaireVersionOptions({ path: { questionnaire_id: questionnaireId, version_id: versionId } }),
    enabled: band !== null,
    staleTime: Infinity,
  });
  if (score === null) {
    return (
      <Text size="sm" c="dimmed">
        {t('assessments.notScored')}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" fw={600} className="nowrap">
        {t('assessments.scoreValue', { score: f.number(score) })}
      </Text>
      {band && version.data && <BandBadge bands={version.data.definition.bands ?? []} band={band} />}
    </Group>
  );
}

/** A due date, marked when it has passed while something is still owed (answers, a remediation). */
export function DueDate({ day, overdue, hint }: { day: string | null; overdue: boolean; hint?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!day) return <Text size="sm">{t('common.none')}</Text>;
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm" c={overdue ? 'red.9' : undefined} fw={overdue ? 600 : undefined} className="nowrap">
        {f.day(day)}
      </Text>
      {overdue && (
        <Tooltip label={hint ?? t('assessments.overdueHint')} withArrow>
          <IconClockExclamation size={16} color="var(--mantine-color-red-9)" role="img" aria-label={t('assessments.overdue')} tabIndex={0} />
        </Tooltip>
      )}
    </Group>
  );
}

/** The cells an assessment's row shows wherever assessments are listed: kind, status, due date, score. */
export function AssessmentCells({ a }: { a: AssessmentSummary }) {
  const { t } = useTranslation();
  return (
    <>
      <Table.Td className="nowrap">
        <Text size="sm">{t(`assessments.kinds.${a.kind}`)}</Text>
      </Table.Td>
      <Table.Td>
        <AssessmentStatusBadge status={a.status} />
      </Table.Td>
      <Table.Td>
        <DueDate day={a.due_date} overdue={a.overdue} />
      </Table.Td>
      <Table.Td>
        <ScoreBand score={a.score} band={a.band} questionnaireId={a.questionnaire_id} versionId={a.questionnaire_version_id} />
      </Table.Td>
    </>
  );
}
