import { Alert, Box, Button, Container, Flex, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowDown, IconCircleCheck, IconMessageCircle, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  portalGetPortalAssessmentOptions,
  portalSubmitPortalAssessmentMutation,
} from '../../client/@tanstack/react-query.gen';
import type { PortalAnswer, PortalAssessmentRead, PortalFile } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { BackLink } from '../../components/DetailParts';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { asApiError, errorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { invalidateOperations } from '../../lib/queries';
import { useUploadLimit } from './Evidence';
import { textIn } from '../../lib/bilingual';
import { questionNumbers } from '../../lib/questions';
import { isAnswered, missingFromError, missingKeys, progressOf } from './answers';
import { PORTAL_WIDTH, STICKY_OFFSET, usePortal } from './context';
import { overallSaveState, ProgressBand, SectionNav, type SectionSummary } from './ProgressBand';
import { QuestionCard } from './QuestionCard';
import type { SaveState } from './autosave';
import { isSessionEnded } from './session';

const route = getRouteApi('/portal/assessments/$assessmentId');

export function PortalAssessmentPage() {
  const { t } = useTranslation();
  const { assessmentId } = route.useParams();
  const { headers } = usePortal();
  const options = portalGetPortalAssessmentOptions({ path: { assessment_id: assessmentId }, headers });
  const query = useQuery(options);

  if (query.isPending || (query.isError && isSessionEnded(query.error))) return <PageLoader />;
  if (query.isError) {
    return (
      <Container size={PORTAL_WIDTH} px={{ base: 'sm', sm: 'md' }} py="lg">
        {asApiError(query.error).status === 404 ? (
          <Alert color="orange" variant="light" role="alert">
            {t('portal.assessment.notFound')}
          </Alert>
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        )}
      </Container>
    );
  }
  return <Questionnaire key={assessmentId} assessment={query.data} queryKey={options.queryKey} />;
}

function blankAnswer(key: string): PortalAnswer {
  return { question_key: key, value: null, comment: null, files: [], return_comment: null, updated_at: new Date().toISOString() };
}

function scrollToElement(id: string): void {
  const el = document.getElementById(id);
  if (!el) return;
  const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  el.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: 'start' });
  el.focus({ preventScroll: true });
}

function Questionnaire({
  assessment: a,
  queryKey,
}: {
  assessment: PortalAssessmentRead;
  queryKey: ReturnType<typeof portalGetPortalAssessmentOptions>['queryKey'];
}) {
  const { t, i18n } = useTranslation();
  const uploadLimit = useUploadLimit();
  const lang = i18n.language;
  const format = useFormat();
  const queryClient = useQueryClient();
  const { headers } = usePortal();
  const editable = a.editable;
  const organization = a.organization_name;

  const answers = useMemo(() => new Map(a.answers.map((x) => [x.question_key, x])), [a.answers]);
  const questions = useMemo(() => a.sections.flatMap((s) => s.questions), [a.sections]);
  const numbers = useMemo(() => questionNumbers(a.sections), [a.sections]);
  const counts = progressOf(questions, answers);

  // Per-question autosave states; the ref is what the submit step reads after waiting.
  const [saveStates, setSaveStates] = useState<Record<string, SaveState>>({});
  const statesRef = useRef<Record<string, SaveState>>({});
  const onState = useCallback((key: string, state: SaveState) => {
    statesRef.current = { ...statesRef.current, [key]: state };
    setSaveStates(statesRef.current);
  }, []);
  const flushers = useRef(new Map<string, () => Promise<void>>());
  const register = useCallback((key: string, flush: (() => Promise<void>) | null) => {
    if (flush) flushers.current.set(key, flush);
    else flushers.current.delete(key);
  }, []);

  // Required questions the API named when a submission was refused; each leaves the list once answered.
  const [missingShown, setMissingShown] = useState<string[]>([]);
  const stillMissing = missingShown.filter((key) => {
    const q = questions.find((x) => x.key === key);
    return q ? !isAnswered(q, answers.get(key)) : false;
  });

  const patchAnswer = useCallback(
    (key: string, change: (prev: PortalAnswer) => PortalAnswer) => {
      queryClient.setQueryData<PortalAssessmentRead>(queryKey, (old) => {
        if (!old) return old;
        const found = old.answers.some((x) => x.question_key === key);
        const list = found ? old.answers : [...old.answers, blankAnswer(key)];
        return { ...old, answers: list.map((x) => (x.question_key === key ? change(x) : x)) };
      });
      void invalidateOperations(queryClient, 'portalListPortalAssessments');
    },
    [queryClient, queryKey],
  );
  // A save answers without the reviewer's comment; it stays on screen until the next submission.
  const onSaved = useCallback(
    (saved: PortalAnswer) => patchAnswer(saved.question_key, (prev) => ({ ...saved, return_comment: prev.return_comment })),
    [patchAnswer],
  );
  const onFiles = useCallback(
    (key: string, change: { add: PortalFile } | { remove: string }) =>
      patchAnswer(key, (prev) => ({
        ...prev,
        files: 'add' in change ? [...prev.files, change.add] : prev.files.filter((f) => f.id !== change.remove),
      })),
    [patchAnswer],
  );

  const overall = overallSaveState(Object.values(saveStates));
  const unsaved = overall === 'pending' || overall === 'saving' || overall === 'error';
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);

  const sections: SectionSummary[] = a.sections.map((s) => {
    const answered = s.questions.filter((q) => isAnswered(q, answers.get(q.key))).length;
    const required = s.questions.filter((q) => q.required);
    return {
      key: s.key,
      title: textIn(s.title, lang),
      answered,
      total: s.questions.length,
      missing: s.questions.some((q) => stillMissing.includes(q.key)),
      complete: required.every((q) => isAnswered(q, answers.get(q.key))) && answered > 0,
    };
  });

  const [submitError, setSubmitError] = useState<string | null>(null);
  const [waiting, setWaiting] = useState(false);
  const submit = useMutation({ ...portalSubmitPortalAssessmentMutation(), meta: { handlesErrors: true } });

  const send = () =>
    submit.mutate(
      { path: { assessment_id: a.id }, headers },
      {
        onSuccess: (done) => {
          queryClient.setQueryData(queryKey, done);
          void invalidateOperations(queryClient, 'portalListPortalAssessments');
          setMissingShown([]);
          requestAnimationFrame(() => {
            window.scrollTo({ top: 0 });
            document.getElementById('portal-state')?.focus({ preventScroll: true });
          });
        },
        onError: (err) => {
          if (isSessionEnded(err)) return;
          const e = asApiError(err);
          if (e.error === 'assessment_incomplete') {
            const keys = missingFromError(e.detail) ?? missingKeys(a.sections, answers);
            setMissingShown(keys);
            if (keys[0]) requestAnimationFrame(() => scrollToElement(`q-${keys[0]}`));
          } else {
            setSubmitError(errorMessage(t, err));
            if (e.error === 'answers_frozen') void queryClient.invalidateQueries({ queryKey });
          }
        },
      },
    );

  const onSubmit = async () => {
    setSubmitError(null);
    setWaiting(true);
    await Promise.all([...flushers.current.values()].map((flush) => flush()));
    setWaiting(false);
    if (Object.values(statesRef.current).includes('error')) {
      setSubmitError(t('portal.submit.unsaved'));
      return;
    }
    const now = queryClient.getQueryData<PortalAssessmentRead>(queryKey) ?? a;
    const incomplete = missingKeys(now.sections, new Map(now.answers.map((x) => [x.question_key, x]))).length > 0;
    // Nothing to confirm while questions are open: the API names them, and they are shown.
    if (incomplete) send();
    else
      confirmAction({
        title: t('portal.submit.confirmTitle'),
        message: t('portal.submit.confirmBody', { organization }),
        confirmLabel: t('portal.submit.confirm'),
        onConfirm: send,
      });
  };

  const description = textIn(a.description, lang);
  const remaining = counts.required - counts.requiredAnswered;

  return (
    <>
      <Container size={PORTAL_WIDTH} px={{ base: 'sm', sm: 'md' }} pt="lg" pb="md">
        <Stack gap="sm" maw={820}>
          <BackLink to="/portal">{t('portal.assessment.back')}</BackLink>
          <div>
            <Title order={1} fz={{ base: 22, sm: 26 }} lh={1.35}>
              {a.title}
            </Title>
            <Group gap="md" mt={4}>
              <Text size="sm" c="dimmed">
                {t('portal.assessment.from', { organization })}
              </Text>
              {a.due_date && editable && (
                <Text size="sm" fw={600}>
                  {t('portal.assessment.due', { date: format.day(a.due_date) })}
                </Text>
              )}
            </Group>
          </div>
          <StateMessage
            assessment={a}
            commented={questions
              .filter((q) => answers.get(q.key)?.return_comment)
              .map((q) => ({ key: q.key, number: numbers.get(q.key) ?? '' }))}
          />
          {description && (
            <Text size="sm" lh={1.7}>
              {description}
            </Text>
          )}
          {editable && (
            <Stack gap={2}>
              <Text size="sm" c="dimmed">
                {t('portal.assessment.howTo')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('portal.assessment.attachments', { size: uploadLimit.label })}
              </Text>
            </Stack>
          )}
        </Stack>
      </Container>

      {editable && (
        <ProgressBand counts={counts} save={overall} sections={sections} onPick={(key) => scrollToElement(`s-${key}`)} />
      )}

      <Container size={PORTAL_WIDTH} px={{ base: 'sm', sm: 'md' }} py="lg">
        <Flex gap={32} align="flex-start">
          <Box
            visibleFrom="md"
            w={270}
            pos="sticky"
            top={editable ? 88 : 16}
            style={{ flexShrink: 0 }}
            component="nav"
            aria-label={t('portal.progress.sectionsNav')}
          >
            <SectionNav sections={sections} onPick={(key) => scrollToElement(`s-${key}`)} />
          </Box>
          <Stack gap={40} style={{ flex: 1, minWidth: 0 }} maw={780}>
            {a.sections.map((s, i) => {
              const sectionDescription = textIn(s.description, lang);
              return (
                <Box component="section" key={s.key} aria-labelledby={`s-${s.key}`}>
                  <Title
                    order={2}
                    fz={19}
                    id={`s-${s.key}`}
                    tabIndex={-1}
                    mb={sectionDescription ? 4 : 'sm'}
                    style={{ scrollMarginTop: STICKY_OFFSET, outline: 'none' }}
                  >
                    {i + 1}. {textIn(s.title, lang)}
                  </Title>
                  {sectionDescription && (
                    <Text size="sm" c="dimmed" mb="sm">
                      {sectionDescription}
                    </Text>
                  )}
                  <Stack gap="md">
                    {s.questions.map((q) => (
                      <QuestionCard
                        key={q.key}
                        assessmentId={a.id}
                        organization={organization}
                        question={q}
                        number={numbers.get(q.key) ?? ''}
                        answer={answers.get(q.key)}
                        editable={editable}
                        highlighted={stillMissing.includes(q.key)}
                        onSaved={onSaved}
                        onFiles={onFiles}
                        onState={onState}
                        register={register}
                      />
                    ))}
                  </Stack>
                </Box>
              );
            })}

            {editable && (
              <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} data-testid="portal-submit">
                <Stack gap="sm">
                  <Title order={2} fz={19}>
                    {t('portal.submit.title')}
                  </Title>
                  <Text size="sm">
                    {remaining > 0 ? t('portal.submit.notReady', { count: remaining }) : t('portal.submit.ready')}
                  </Text>
                  {stillMissing.length > 0 && (
                    <Alert
                      color="red"
                      variant="light"
                      icon={<IconAlertTriangle size={18} />}
                      title={t('portal.submit.missingTitle')}
                      role="alert"
                      data-testid="missing-alert"
                    >
                      <Stack gap="xs" align="flex-start">
                        <Text size="sm">{t('portal.submit.missingBody', { count: stillMissing.length })}</Text>
                        <Button
                          size="compact-sm"
                          variant="white"
                          color="red"
                          leftSection={<IconArrowDown size={14} />}
                          onClick={() => stillMissing[0] && scrollToElement(`q-${stillMissing[0]}`)}
                        >
                          {t('portal.submit.goToMissing')}
                        </Button>
                      </Stack>
                    </Alert>
                  )}
                  {submitError && (
                    <Alert color="red" variant="light" role="alert">
                      {submitError}
                    </Alert>
                  )}
                  <Group>
                    <Button
                      size="md"
                      leftSection={<IconSend size={18} />}
                      onClick={() => void onSubmit()}
                      loading={waiting || submit.isPending}
                    >
                      {t('portal.submit.button')}
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            )}
          </Stack>
        </Flex>
      </Container>
    </>
  );
}

/** Where the questionnaire stands: sent back with a message, or submitted and thanked for. */
function StateMessage({
  assessment: a,
  commented,
}: {
  assessment: PortalAssessmentRead;
  commented: { key: string; number: string }[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const organization = a.organization_name;
  if (a.editable && a.return_comment) {
    return (
      <Alert
        id="portal-state"
        tabIndex={-1}
        color="orange"
        variant="light"
        icon={<IconMessageCircle size={20} />}
        title={t('portal.assessment.returnedTitle')}
        data-testid="portal-returned"
      >
        <Stack gap="xs">
          <Text size="sm">{t('portal.assessment.returnedBody', { organization })}</Text>
          <Box p="sm" bg="white" style={{ borderLeft: '4px solid var(--mantine-color-orange-6)', borderRadius: 'var(--mantine-radius-sm)' }}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.return_comment}
            </Text>
          </Box>
          {commented.length > 0 && (
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {t('portal.assessment.commented')}:
              </Text>
              {commented.map((c) => (
                <Button
                  key={c.key}
                  size="compact-sm"
                  variant="default"
                  onClick={() => scrollToElement(`q-${c.key}`)}
                >
                  {t('common.questionNumber', { number: c.number })}
                </Button>
              ))}
            </Group>
          )}
        </Stack>
      </Alert>
    );
  }
  if (a.editable) return null;
  const body =
    a.status === 'accepted'
      ? t('portal.assessment.acceptedBody', { organization })
      : a.status === 'under_review'
        ? t('portal.assessment.underReviewBody', { organization })
        : t('portal.assessment.submittedBody', { organization, date: a.submitted_at ? format.dateTime(a.submitted_at) : '' });
  return (
    <Alert
      id="portal-state"
      tabIndex={-1}
      color="teal"
      variant="light"
      icon={<IconCircleCheck size={20} />}
      title={t('portal.assessment.submittedTitle')}
      data-testid="portal-submitted"
      style={{ outline: 'none' }}
    >
      <Stack gap={4}>
        <Text size="sm">{body}</Text>
        {a.submitted_at && a.status !== 'submitted' && (
          <Text size="sm">{t('portal.home.submittedOn', { date: format.dateTime(a.submitted_at) })}</Text>
        )}
      </Stack>
    </Alert>
  );
}
