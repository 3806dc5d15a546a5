import { ActionIcon, Button, FileButton, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconFileText, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  portalRemovePortalEvidenceMutation,
  portalUploadPortalEvidenceMutation,
} from '../../client/@tanstack/react-query.gen';
import { portalDownloadPortalEvidence } from '../../client/sdk.gen';
import type { PortalFile } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { filenameFromResponse, formatBytes, saveBlob } from '../../lib/download';
import { asApiError, errorMessage } from '../../lib/errors';
import { intlLocale } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { fetchWithUploadProgress, type UploadProgress } from '../../lib/upload';
import { usePortal } from './context';
import { isSessionEnded } from './session';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.xlsx,.docx,application/pdf,image/png,image/jpeg';
/** The deployment's upload limit, as GET /portal/me publishes it (the API's default until that has loaded). */
export function useUploadLimit(): { bytes: number; label: string } {
  const { me } = usePortal();
  const { i18n } = useTranslation();
  const bytes = me?.upload_max_bytes ?? 20 * 1024 * 1024;
  return { bytes, label: formatBytes(bytes, intlLocale(i18n.language)) };
}

type Props = {
  assessmentId: string;
  questionKey: string;
  files: PortalFile[];
  editable: boolean;
  /** A file question: attaching is the answer, so the button is the main control. */
  primary: boolean;
  labelledBy: string;
  onAdded: (file: PortalFile) => void;
  onRemoved: (fileId: string) => void;
  /** More small actions for the same row as the attach button (the note). */
  extra?: ReactNode;
  /** An upload starts, or ends (ok: the file is attached). */
  onUpload?: (phase: 'start' | 'ok' | 'failed') => void;
};

/** The files attached to one answer: download, remove, and add with progress and a clear refusal. */
export function Evidence({ assessmentId, questionKey, files, editable, primary, labelledBy, onAdded, onRemoved, extra, onUpload }: Props) {
  const { t, i18n } = useTranslation();
  const { headers } = usePortal();
  const limit = useUploadLimit();
  const size = (n: number) => formatBytes(n, intlLocale(i18n.language));
  const [progress, setProgress] = useState<{ name: string; sent: UploadProgress } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Lets the same file be chosen again after a refusal.
  const resetRef = useRef<() => void>(null);
  const path = { assessment_id: assessmentId, question_key: questionKey };

  const upload = useMutation({ ...portalUploadPortalEvidenceMutation(), meta: { handlesErrors: true } });
  const remove = useMutation({ ...portalRemovePortalEvidenceMutation(), meta: { handlesErrors: true } });
  const download = useMutation({
    mutationFn: async (file: PortalFile) => {
      const { data, response } = await portalDownloadPortalEvidence({
        path: { assessment_id: assessmentId, file_id: file.id },
        headers,
        parseAs: 'blob',
        throwOnError: true,
      });
      saveBlob(data as Blob, filenameFromResponse(response, file.filename));
    },
    meta: { handlesErrors: true },
    onError: (err) => !isSessionEnded(err) && notifyError(err),
  });

  const tooLarge = (file: File) => t('portal.evidence.tooLarge', { name: file.name, size: size(file.size), limit: limit.label });

  const send = (file: File | null) => {
    if (!file) return;
    resetRef.current?.();
    setFailure(null);
    // Checked here too, so nobody on a phone line waits for a large file to be refused.
    if (file.size > limit.bytes) {
      setFailure(tooLarge(file));
      return;
    }
    setProgress({ name: file.name, sent: { loaded: 0, total: file.size } });
    onUpload?.('start');
    upload.mutate(
      { path, headers, body: { file }, fetch: fetchWithUploadProgress((sent) => setProgress({ name: file.name, sent })) },
      {
        onSuccess: (stored) => {
          onAdded(stored);
          onUpload?.('ok');
        },
        onError: (err) => {
          onUpload?.('failed');
          if (isSessionEnded(err)) return;
          const e = asApiError(err);
          setFailure(
            e.status === 413 ? tooLarge(file) : t('portal.evidence.failed', { name: file.name, message: errorMessage(t, err) }),
          );
        },
        onSettled: () => setProgress(null),
      },
    );
  };

  const confirmRemove = (file: PortalFile) =>
    confirmAction({
      title: t('portal.evidence.removeTitle'),
      message: t('portal.evidence.removeBody', { name: file.filename }),
      confirmLabel: t('portal.evidence.removeConfirm'),
      danger: true,
      onConfirm: () =>
        remove.mutate(
          { path: { ...path, file_id: file.id }, headers },
          {
            onSuccess: () => onRemoved(file.id),
            onError: (err) => !isSessionEnded(err) && setFailure(errorMessage(t, err)),
          },
        ),
    });

  const percent = progress && progress.sent.total > 0 ? Math.min(100, Math.round((progress.sent.loaded / progress.sent.total) * 100)) : 0;
  const hintId = `${labelledBy}-evidence-hint`;

  return (
    <Stack gap={6}>
      {files.length > 0 && (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('portal.evidence.files')}>
          {files.map((file) => (
            <Group
              key={file.id}
              component="li"
              gap={6}
              wrap="nowrap"
              data-testid="evidence-file"
              px="xs"
              py={4}
              bg="gray.0"
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            >
              <IconFileText size={18} color="var(--mantine-color-navy-8)" aria-hidden style={{ flexShrink: 0 }} />
              <Text size="sm" style={{ flex: 1, minWidth: 0 }} truncate title={file.filename}>
                {file.filename}
              </Text>
              <Text size="xs" c="dimmed" className="nowrap">
                {size(file.size)}
              </Text>
              <Tooltip label={t('portal.evidence.download', { name: file.filename })} withArrow>
                <ActionIcon
                  variant="subtle"
                  size="lg"
                  aria-label={t('portal.evidence.download', { name: file.filename })}
                  loading={download.isPending && download.variables?.id === file.id}
                  onClick={() => download.mutate(file)}
                >
                  <IconDownload size={18} />
                </ActionIcon>
              </Tooltip>
              {editable && (
                <Tooltip label={t('portal.evidence.remove', { name: file.filename })} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('portal.evidence.remove', { name: file.filename })}
                    loading={remove.isPending && remove.variables?.path.file_id === file.id}
                    onClick={() => confirmRemove(file)}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {editable && (
        <>
          {progress ? (
            <Stack gap={4} data-testid="upload-progress">
              <Progress value={percent} size="md" aria-label={t('portal.evidence.progressLabel')} striped={percent >= 100} animated={percent >= 100} />
              <Text size="xs" c="dimmed" aria-live="polite">
                {percent >= 100
                  ? t('portal.evidence.checking', { name: progress.name })
                  : t('portal.evidence.uploading', { name: progress.name, percent })}
              </Text>
            </Stack>
          ) : (
            <Group gap="xs" wrap="wrap">
              <FileButton accept={ACCEPT} onChange={send} resetRef={resetRef}>
                {(props) => (
                  <Button
                    {...props}
                    variant={primary ? 'light' : 'subtle'}
                    size={primary ? 'sm' : 'compact-sm'}
                    leftSection={<IconPaperclip size={16} />}
                    aria-describedby={`${labelledBy} ${hintId}`}
                  >
                    {files.length > 0
                      ? t('portal.evidence.attachMore')
                      : primary
                        ? t('portal.evidence.attach')
                        : t('portal.evidence.attachOptional')}
                  </Button>
                )}
              </FileButton>
              {extra}
              {/* Said once at the top for optional attachments; here for file questions. */}
              <Text size="xs" c="dimmed" id={hintId} className={primary ? undefined : 'visually-hidden'} w={primary ? '100%' : undefined}>
                {t('portal.evidence.hint', { size: limit.label })}
              </Text>
            </Group>
          )}
          {failure && (
            <Text size="sm" c="red.9" role="alert" data-testid="evidence-error">
              {failure}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
