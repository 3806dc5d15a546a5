import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  questionnairesDiscardQuestionnaireDraftMutation,
  questionnairesGetQuestionnaireQueryKey,
  questionnairesGetQuestionnaireVersionOptions,
  questionnairesPublishQuestionnaireMutation,
  questionnairesUpdateQuestionnaireMutation,
} from '../../client/@tanstack/react-query.gen';
import { questionnairesExportQuestionnaireVersion, questionnairesSaveQuestionnaireDraft } from '../../client/sdk.gen';
import type { QuestionnaireRead, QuestionnaireVersionSummary } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { asApiError } from '../../lib/errors';
import { filenameFromResponse, saveBlob } from '../../lib/download';
import { notifyError, notifySuccess } from '../../lib/notify';
import { pick } from './definition';
import { useRefreshQuestionnaires } from './refresh';

const route = getRouteApi('/_app/questionnaires/$questionnaireId');

/** What can be done to a template (start or publish or discard its draft, archive it, export a version), with confirmations. */
export function useTemplateActions(template: QuestionnaireRead) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useRefreshQuestionnaires();
  const navigate = route.useNavigate();
  const path = { questionnaire_id: template.id };
  const title = pick({ ja: template.title_ja, en: template.title_en }, i18n.language);

  const applied = (read: QuestionnaireRead) => {
    queryClient.setQueryData(questionnairesGetQuestionnaireQueryKey({ path }), read);
    void refresh();
  };
  const onError = (err: unknown) => {
    notifyError(err);
    const code = asApiError(err).error;
    if (code === 'stale_version' || code === 'draft_exists' || code === 'no_draft') void refresh();
  };

  const start = useMutation({
    meta: { handlesErrors: true },
    mutationFn: async () => {
      // The next version starts as a copy of the latest published one.
      const source = template.published ?? template.versions[0];
      if (!source) throw new Error('a template always has a version');
      const version = await queryClient.fetchQuery(
        questionnairesGetQuestionnaireVersionOptions({ path: { ...path, version_id: source.id } }),
      );
      const { data } = await questionnairesSaveQuestionnaireDraft({ path, body: { definition: version.definition }, throwOnError: true });
      return data;
    },
    onSuccess: (read) => {
      applied(read);
      notifySuccess(t('questionnaires.draftStarted', { n: read.draft?.number ?? '' }));
      void navigate({ search: { edit: true } });
    },
    onError: (err) => {
      onError(err);
      if (asApiError(err).error === 'draft_exists') void navigate({ search: { edit: true } });
    },
  });

  const publishMutation = useMutation({ ...questionnairesPublishQuestionnaireMutation(), meta: { handlesErrors: true }, onError });
  const discardMutation = useMutation({ ...questionnairesDiscardQuestionnaireDraftMutation(), meta: { handlesErrors: true }, onError });
  const archiveMutation = useMutation({ ...questionnairesUpdateQuestionnaireMutation(), meta: { handlesErrors: true }, onError });
  const exportMutation = useMutation({
    meta: { handlesErrors: true },
    onError: notifyError,
    mutationFn: async (v: QuestionnaireVersionSummary) => {
      const { data, response } = await questionnairesExportQuestionnaireVersion({
        path: { ...path, version_id: v.id },
        parseAs: 'blob',
        throwOnError: true,
      });
      const name = filenameFromResponse(response, `questionnaire-v${v.number}.json`);
      saveBlob(data as unknown as Blob, name);
      return name;
    },
    onSuccess: (name) => notifySuccess(t('questionnaires.versions.exported', { name })),
  });

  /** Open the editor on the draft, starting one from the latest published version when there is none. */
  const edit = () => (template.draft ? void navigate({ search: { edit: true } }) : start.mutate());

  const publish = () => {
    const draft = template.draft;
    if (!draft) return;
    confirmAction({
      title: t('questionnaires.publishTitle', { n: draft.number }),
      message: t('questionnaires.publishMessage', { n: draft.number }),
      confirmLabel: t('questionnaires.publish'),
      onConfirm: () =>
        publishMutation.mutate(
          { path, body: { draft_version: draft.version } },
          {
            onSuccess: (read) => {
              applied(read);
              notifySuccess(t('questionnaires.publishedDone', { n: draft.number }));
              void navigate({ search: {} });
            },
          },
        ),
    });
  };

  const discard = () => {
    const draft = template.draft;
    if (!draft || !template.published) return;
    confirmAction({
      title: t('questionnaires.discardTitle', { n: draft.number }),
      message: t('questionnaires.discardMessage', { published: template.published.number }),
      confirmLabel: t('questionnaires.discard'),
      danger: true,
      onConfirm: () =>
        discardMutation.mutate(
          { path },
          {
            onSuccess: () => {
              notifySuccess(t('questionnaires.discarded'));
              void refresh();
              void navigate({ search: {} });
            },
          },
        ),
    });
  };

  const setArchived = (archived: boolean) => {
    const run = () =>
      archiveMutation.mutate(
        { path, body: { version: template.version, archived } },
        {
          onSuccess: (read) => {
            applied(read);
            notifySuccess(archived ? t('questionnaires.archivedDone') : t('questionnaires.restoredDone'));
          },
        },
      );
    if (!archived) return run();
    confirmAction({
      title: t('questionnaires.archiveTitle', { title }),
      message: t('questionnaires.archiveMessage'),
      confirmLabel: t('questionnaires.archive'),
      danger: true,
      onConfirm: run,
    });
  };

  return {
    edit,
    publish,
    discard,
    setArchived,
    exportVersion: (v: QuestionnaireVersionSummary) => exportMutation.mutate(v),
    pending: {
      edit: start.isPending,
      publish: publishMutation.isPending,
      discard: discardMutation.isPending,
      archive: archiveMutation.isPending,
      export: exportMutation.isPending ? exportMutation.variables?.id : undefined,
    },
  };
}
