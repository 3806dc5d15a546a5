import { Alert, Button, FileButton, Group, List, Modal, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { questionnairesCreateQuestionnaireMutation, questionnairesListQuestionnairesOptions } from '../../client/@tanstack/react-query.gen';
import type { Definition, QuestionnaireRead } from '../../client/types.gen';
import { AnchorLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { ListTable } from '../../components/ListTable';
import { ToneBadge } from '../../components/TierBadge';
import { asApiError } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { useListSearch } from '../../lib/listSearch';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { apiErrorLines, bilingual, pick } from './definition';
import { useRefreshQuestionnaires } from './refresh';

const route = getRouteApi('/_app/questionnaires');

/** A template to start from: one section with one yes/no question, titled as the user typed. */
function starter(title: { ja: string; en: string }): Definition {
  return {
    format: 'itaku.questionnaire/1',
    title: { ja: title.ja.trim(), en: title.en.trim() },
    scoring: 'weighted_percent',
    bands: [],
    sections: [
      {
        key: 's1',
        title: bilingual('newSection'),
        questions: [{ key: 'q1', type: 'yes_no_na', text: bilingual('newQuestion'), required: true, weight: 1 }],
      },
    ],
  };
}

function NewTemplateForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (q: QuestionnaireRead) => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { ja: '', en: '' },
    validate: (v) => (v.ja.trim() || v.en.trim() ? {} : { ja: t('questionnaires.validation.textRequired') }),
  });
  const create = useMutation({ ...questionnairesCreateQuestionnaireMutation(), onSuccess: onCreated });
  return (
    <form noValidate onSubmit={form.onSubmit((v) => create.mutate({ body: { definition: starter(v) } }))}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('questionnaires.newHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('questionnaires.labels.titleJa')} data-autofocus maxLength={300} {...form.getInputProps('ja')} />
          <TextInput label={t('questionnaires.labels.titleEn')} maxLength={300} {...form.getInputProps('en')} />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-8}>
          {t('questionnaires.editor.eitherRequired')}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('questionnaires.newSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function QuestionnairesPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const refresh = useRefreshQuestionnaires();
  const { search, setSearch } = useListSearch(route);
  const navigate = route.useNavigate();
  const archived = !!search.archived;
  const list = useQuery(questionnairesListQuestionnairesOptions({ query: { archived } }));
  const [creating, setCreating] = useState(false);
  const [importProblems, setImportProblems] = useState<{ name: string; intro: string; lines: string[] } | null>(null);
  const resetFile = useRef<() => void>(null);
  const create = useMutation({ ...questionnairesCreateQuestionnaireMutation(), meta: { handlesErrors: true } });
  const lang = i18n.language;

  const open = (q: QuestionnaireRead, edit: boolean) => {
    void refresh();
    void navigate({ to: '/questionnaires/$questionnaireId', params: { questionnaireId: q.id }, search: edit ? { edit: true } : {} });
  };

  const importFile = async (file: File | null) => {
    resetFile.current?.();
    if (!file) return;
    setImportProblems(null);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      setImportProblems({ name: file.name, intro: t('questionnaires.importNotJson'), lines: [] });
      return;
    }
    create.mutate(
      { body: { definition: parsed as Definition } },
      {
        onSuccess: (q) => {
          notifySuccess(t('questionnaires.imported', { title: pick({ ja: q.title_ja, en: q.title_en }, lang) }));
          open(q, false);
        },
        onError: (err) => {
          const e = asApiError(err);
          if (e.status === 422) {
            setImportProblems({ name: file.name, intro: t('questionnaires.importProblems'), lines: apiErrorLines(t, e.detail, parsed) });
          }
          else notifyError(err);
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title={t('questionnaires.title')}
        description={t('questionnaires.subtitle')}
        actions={
          canEdit && (
            <>
              <FileButton resetRef={resetFile} accept="application/json,.json" onChange={(file) => void importFile(file)}>
                {(props) => (
                  <Button variant="default" leftSection={<IconFileImport size={16} />} loading={create.isPending} {...props}>
                    {t('questionnaires.import')}
                  </Button>
                )}
              </FileButton>
              <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
                {t('questionnaires.new')}
              </Button>
            </>
          )
        }
      />

      {importProblems && (
        <Alert
          color="red"
          variant="light"
          mb="md"
          role="alert"
          title={t('questionnaires.importFailedTitle', { name: importProblems.name })}
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setImportProblems(null)}
          data-testid="import-problems"
        >
          <Text size="sm">{importProblems.intro}</Text>
          {importProblems.lines.length > 0 && (
            <List size="sm" spacing={2} mt={4}>
              {importProblems.lines.map((line, i) => (
                <List.Item key={i}>{line}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}

      <Paper withBorder radius="md" p="md">
        <Group mb="md">
          <SegmentedControl
            aria-label={t('questionnaires.filterLabel')}
            value={archived ? 'archived' : 'active'}
            onChange={(v) => setSearch({ archived: v === 'archived' || undefined })}
            data={[
              { value: 'active', label: t('questionnaires.filterActive') },
              { value: 'archived', label: t('questionnaires.filterArchived') },
            ]}
          />
        </Group>
        <ListTable
          query={list}
          items={list.data}
          columns={5}
          minWidth={820}
          emptyText={archived ? t('questionnaires.emptyArchived') : t('questionnaires.empty')}
          head={
            <>
              <Table.Th>{t('questionnaires.columns.title')}</Table.Th>
              <Table.Th>{t('questionnaires.columns.published')}</Table.Th>
              <Table.Th ta="right">{t('questionnaires.columns.questions')}</Table.Th>
              <Table.Th>{t('questionnaires.columns.draft')}</Table.Th>
              <Table.Th>{t('questionnaires.columns.updated')}</Table.Th>
            </>
          }
          row={(q) => {
            const title = pick({ ja: q.title_ja, en: q.title_en }, lang);
            return (
              <Table.Tr key={q.id} data-testid="questionnaire-row">
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <AnchorLink
                      to="/questionnaires/$questionnaireId"
                      params={{ questionnaireId: q.id }}
                      size="sm"
                      fw={600}
                    >
                      {title}
                    </AnchorLink>
                    {q.builtin_key && (
                      <Tooltip label={t('questionnaires.builtinHint')} withArrow multiline w={280}>
                        <ToneBadge tone="info" tabIndex={0}>
                          {t('questionnaires.builtin')}
                        </ToneBadge>
                      </Tooltip>
                    )}
                    {q.archived && <ToneBadge tone="neutral">{t('questionnaires.archivedBadge')}</ToneBadge>}
                  </Group>
                </Table.Td>
                <Table.Td className="nowrap">
                  {q.published ? (
                    <>
                      <Text size="sm">{t('questionnaires.version', { n: q.published.number })}</Text>
                      {q.published.published_at && (
                        <Text size="xs" c="dimmed">
                          {f.date(q.published.published_at)}
                        </Text>
                      )}
                    </>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('questionnaires.notPublished')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" data-testid="question-count">
                  <Text size="sm">{f.number((q.published ?? q.draft)?.question_count ?? 0)}</Text>
                </Table.Td>
                <Table.Td>
                  {q.draft ? (
                    <ToneBadge tone="medium">{t('questionnaires.draftBadge', { n: q.draft.number })}</ToneBadge>
                  ) : (
                    <Text size="sm">{t('common.none')}</Text>
                  )}
                </Table.Td>
                <Table.Td className="nowrap">
                  <Text size="sm">{f.dateTime(q.updated_at)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          }}
        />
      </Paper>

      <Modal opened={creating} onClose={() => setCreating(false)} title={t('questionnaires.newTitle')} size="lg">
        <NewTemplateForm
          onCancel={() => setCreating(false)}
          onCreated={(q) => {
            setCreating(false);
            notifySuccess(t('questionnaires.created'));
            open(q, true);
          }}
        />
      </Modal>
    </>
  );
}
