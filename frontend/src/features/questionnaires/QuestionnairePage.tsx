import { Alert, Button, Group, Paper, Skeleton, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconDownload, IconEye, IconPencil, IconSend, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  questionnairesGetQuestionnaireOptions,
  questionnairesGetQuestionnaireVersionOptions,
} from '../../client/@tanstack/react-query.gen';
import type { QuestionnaireRead, QuestionnaireVersionSummary } from '../../client/types.gen';
import { BackLink } from '../../components/DetailParts';
import { QueryError } from '../../components/QueryError';
import { type Tone, ToneBadge } from '../../components/TierBadge';
import { useFormat } from '../../lib/format';
import { useCanEdit } from '../../lib/session';
import { pick } from './definition';
import { DefinitionPreview } from './DefinitionPreview';
import { QuestionnaireEditor } from './QuestionnaireEditor';
import { useTemplateActions } from './useTemplateActions';

const route = getRouteApi('/_app/questionnaires/$questionnaireId');

function statusOf(template: QuestionnaireRead, v: QuestionnaireVersionSummary): { tone: Tone; key: 'draft' | 'current' | 'previous' } {
  if (v.status === 'draft') return { tone: 'medium', key: 'draft' };
  return v.id === template.published?.id ? { tone: 'low', key: 'current' } : { tone: 'neutral', key: 'previous' };
}

function Loading() {
  return (
    <Stack mt="md" gap="sm">
      <Skeleton height={28} width="40%" />
      <Skeleton height={16} width="25%" />
      <Skeleton height={240} />
    </Stack>
  );
}

function VersionsTable({
  template,
  shown,
  onShow,
  onExport,
  exporting,
}: {
  template: QuestionnaireRead;
  shown: string | undefined;
  onShow: (id: string) => void;
  onExport: (v: QuestionnaireVersionSummary) => void;
  exporting: string | undefined;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table data-testid="versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('questionnaires.versions.number')}</Table.Th>
            <Table.Th>{t('questionnaires.versions.status')}</Table.Th>
            <Table.Th>{t('questionnaires.versions.publishedAt')}</Table.Th>
            <Table.Th>{t('questionnaires.versions.updatedAt')}</Table.Th>
            <Table.Th ta="right">{t('questionnaires.versions.questions')}</Table.Th>
            <Table.Th>
              <span className="visually-hidden">{t('common.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {template.versions.map((v) => {
            const status = statusOf(template, v);
            const viewing = v.id === shown;
            return (
              <Table.Tr key={v.id} data-testid="version-row" data-number={v.number} data-status={status.key}>
                <Table.Td className="nowrap">
                  <Text size="sm" fw={600}>
                    {t('questionnaires.version', { n: v.number })}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ToneBadge tone={status.tone}>{t(`questionnaires.statuses.${status.key}`)}</ToneBadge>
                </Table.Td>
                <Table.Td className="nowrap">
                  <Text size="sm">{v.published_at ? f.dateTime(v.published_at) : t('common.none')}</Text>
                </Table.Td>
                <Table.Td className="nowrap">
                  <Text size="sm">{f.dateTime(v.updated_at)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{f.number(v.question_count)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant={viewing ? 'light' : 'subtle'}
                      leftSection={<IconEye size={14} />}
                      aria-pressed={viewing}
                      aria-label={t('questionnaires.versions.viewLabel', { n: v.number })}
                      onClick={() => onShow(v.id)}
                    >
                      {viewing ? t('questionnaires.versions.viewing') : t('questionnaires.versions.view')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      leftSection={<IconDownload size={14} />}
                      aria-label={t('questionnaires.versions.exportLabel', { n: v.number })}
                      loading={exporting === v.id}
                      onClick={() => onExport(v)}
                    >
                      {t('questionnaires.versions.export')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TemplateView({ template }: { template: QuestionnaireRead }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const actions = useTemplateActions(template);
  const lang = i18n.language;
  const { draft, published } = template;
  const shownId =
    template.versions.find((v) => v.id === search.version)?.id ?? published?.id ?? draft?.id ?? template.versions[0]?.id;
  const shown = template.versions.find((v) => v.id === shownId);
  const version = useQuery({
    ...questionnairesGetQuestionnaireVersionOptions({ path: { questionnaire_id: template.id, version_id: shownId ?? '' } }),
    enabled: !!shownId,
  });
  const title = pick({ ja: template.title_ja, en: template.title_en }, lang);
  const otherTitle = lang === 'en' ? (template.title_en ? template.title_ja : '') : template.title_ja ? template.title_en : '';
  const writable = canEdit && !template.archived;

  return (
    <>
      <Group justify="space-between" align="flex-end" mt={6} mb="md" gap="md" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 360px' }}>
          <Group gap="sm" align="center">
            <Title order={1} fz={24}>
              {title}
            </Title>
            {template.builtin_key && (
              <Tooltip label={t('questionnaires.builtinHint')} withArrow multiline w={280}>
                <ToneBadge tone="info" size="lg" tabIndex={0}>
                  {t('questionnaires.builtin')}
                </ToneBadge>
              </Tooltip>
            )}
            {template.archived && (
              <ToneBadge tone="neutral" size="lg">
                {t('questionnaires.archivedBadge')}
              </ToneBadge>
            )}
          </Group>
          {otherTitle && (
            <Text size="sm" c="dimmed" lang={lang === 'en' ? 'ja' : 'en'}>
              {otherTitle}
            </Text>
          )}
        </Stack>
        {canEdit && (
          <Group gap="sm">
            {template.archived ? (
              <Button variant="default" leftSection={<IconArchiveOff size={16} />} loading={actions.pending.archive} onClick={() => actions.setArchived(false)}>
                {t('questionnaires.restore')}
              </Button>
            ) : (
              <Button variant="default" leftSection={<IconArchive size={16} />} loading={actions.pending.archive} onClick={() => actions.setArchived(true)}>
                {t('questionnaires.archive')}
              </Button>
            )}
            {writable && draft && published && (
              <Button variant="default" color="red" leftSection={<IconTrash size={16} />} loading={actions.pending.discard} onClick={actions.discard}>
                {t('questionnaires.discard')}
              </Button>
            )}
            {writable && draft && (
              <Button variant="default" leftSection={<IconSend size={16} />} loading={actions.pending.publish} onClick={actions.publish}>
                {t('questionnaires.publish')}
              </Button>
            )}
            {writable && (
              <Button leftSection={<IconPencil size={16} />} loading={actions.pending.edit} onClick={actions.edit}>
                {draft ? t('questionnaires.continueEditing') : t('questionnaires.edit')}
              </Button>
            )}
          </Group>
        )}
      </Group>

      <Stack gap="md">
        {template.archived && <Alert color="gray">{t('questionnaires.archivedAlert')}</Alert>}
        {draft && published && (
          <Alert color="yellow" title={t('questionnaires.draftAlertTitle', { n: draft.number })} data-testid="draft-alert">
            {t('questionnaires.draftAlert', { at: f.dateTime(draft.updated_at), published: published.number })}
          </Alert>
        )}
        {!published && <Alert color="yellow">{t('questionnaires.unpublishedAlert')}</Alert>}

        <Paper withBorder radius="md" p="md">
          <Title order={2} fz="lg" mb="sm">
            {t('questionnaires.versions.title')}
          </Title>
          <VersionsTable
            template={template}
            shown={shownId}
            onShow={(id) => void navigate({ search: { version: id === (published?.id ?? draft?.id) ? undefined : id }, replace: true })}
            onExport={actions.exportVersion}
            exporting={actions.pending.export}
          />
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Group justify="space-between" mb="sm">
            <Title order={2} fz="lg">
              {shown ? t('questionnaires.preview.title', { n: shown.number }) : ''}
            </Title>
            {shown && (
              <Group gap="xs">
                <ToneBadge tone={statusOf(template, shown).tone}>{t(`questionnaires.statuses.${statusOf(template, shown).key}`)}</ToneBadge>
                <Text size="sm" c="dimmed">
                  {t('questionnaires.questionCount', { n: f.number(shown.question_count) })}
                </Text>
              </Group>
            )}
          </Group>
          {version.error ? (
            <QueryError error={version.error} onRetry={() => void version.refetch()} />
          ) : !version.data ? (
            <Stack gap="sm">
              <Skeleton height={20} />
              <Skeleton height={120} />
            </Stack>
          ) : (
            <DefinitionPreview key={version.data.id} definition={version.data.definition} />
          )}
        </Paper>
      </Stack>
    </>
  );
}

function EditMode({ template, onReload }: { template: QuestionnaireRead; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const navigate = route.useNavigate();
  const actions = useTemplateActions(template);
  const [reloads, setReloads] = useState(0);
  const [reloaded, setReloaded] = useState(false);
  const draft = template.draft;
  const version = useQuery({
    ...questionnairesGetQuestionnaireVersionOptions({ path: { questionnaire_id: template.id, version_id: draft?.id ?? '' } }),
    enabled: !!draft,
  });
  const close = () => void navigate({ search: {} });

  if (!draft) {
    return (
      <Stack mt="md" gap="md">
        <Alert color="yellow">{t('questionnaires.noDraft')}</Alert>
        <Group>
          <Button variant="default" onClick={close}>
            {t('questionnaires.editor.close')}
          </Button>
          {!template.archived && (
            <Button leftSection={<IconPencil size={16} />} loading={actions.pending.edit} onClick={actions.edit}>
              {t('questionnaires.edit')}
            </Button>
          )}
        </Group>
      </Stack>
    );
  }
  if (version.error) return <QueryError error={version.error} onRetry={() => void version.refetch()} />;
  if (!version.data || version.data.id !== draft.id) return <Loading />;
  return (
    <>
      {reloaded && (
        <Alert color="yellow" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setReloaded(false)} mt="sm">
          {t('questionnaires.editor.reloaded')}
        </Alert>
      )}
      <QuestionnaireEditor
        key={`${draft.id}:${reloads}`}
        template={template}
        definition={version.data.definition}
        onClose={close}
        onStale={() => {
          setReloaded(true);
          void Promise.all([onReload(), version.refetch()]).then(() => setReloads((n) => n + 1));
        }}
      />
    </>
  );
}

export function QuestionnairePage() {
  const { t } = useTranslation();
  const canEdit = useCanEdit();
  const { questionnaireId } = route.useParams();
  const search = route.useSearch();
  const query = useQuery(questionnairesGetQuestionnaireOptions({ path: { questionnaire_id: questionnaireId } }));
  const template = query.data;

  return (
    <>
      <BackLink to="/questionnaires">{t('questionnaires.backToList')}</BackLink>
      {query.error ? (
        <Stack mt="md">
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        </Stack>
      ) : !template ? (
        <Loading />
      ) : search.edit && canEdit ? (
        <EditMode template={template} onReload={() => query.refetch()} />
      ) : (
        <TemplateView template={template} />
      )}
    </>
  );
}
