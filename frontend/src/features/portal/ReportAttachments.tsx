import { ActionIcon, Button, FileButton, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { IconFileText, IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  portalRemovePortalReportAttachmentMutation,
  portalUploadPortalReportAttachmentMutation,
} from '../../client/@tanstack/react-query.gen';
import type { PortalFile } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { formatBytes } from '../../lib/download';
import { asApiError, errorMessage } from '../../lib/errors';
import { intlLocale } from '../../lib/format';
import { fetchWithUploadProgress, type UploadProgress } from '../../lib/upload';
import { usePortal } from './context';
import { useUploadLimit } from './Evidence';
import { isSessionEnded } from './session';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.xlsx,.docx,application/pdf,image/png,image/jpeg';

type Props = {
  itemId: string;
  files: PortalFile[];
  editable: boolean;
  /** A file was attached or removed: the report (its files and its version) changed on the server. */
  onChanged: () => void;
};

/**
 * The report's attachments: add with progress (refused at once when over the limit of GET /portal/me) and
 * remove. The portal API offers no download of a report's files, so they are listed by name and size.
 */
export function ReportAttachments({ itemId, files, editable, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const { headers } = usePortal();
  const limit = useUploadLimit();
  const size = (n: number) => formatBytes(n, intlLocale(i18n.language));
  const [progress, setProgress] = useState<{ name: string; sent: UploadProgress } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const resetRef = useRef<() => void>(null);
  const upload = useMutation({ ...portalUploadPortalReportAttachmentMutation(), meta: { handlesErrors: true } });
  const remove = useMutation({ ...portalRemovePortalReportAttachmentMutation(), meta: { handlesErrors: true } });
  const m = 'portalMonitoring.report.attachments';

  const tooLarge = (file: File) => t(`${m}.tooLarge`, { name: file.name, size: size(file.size), limit: limit.label });

  const send = (file: File | null) => {
    if (!file) return;
    resetRef.current?.();
    setFailure(null);
    if (file.size > limit.bytes) {
      setFailure(tooLarge(file));
      return;
    }
    setProgress({ name: file.name, sent: { loaded: 0, total: file.size } });
    upload.mutate(
      {
        path: { item_id: itemId },
        headers,
        body: { file },
        fetch: fetchWithUploadProgress((sent) => setProgress({ name: file.name, sent })),
      },
      {
        onSuccess: onChanged,
        onError: (err) => {
          if (isSessionEnded(err)) return;
          setFailure(asApiError(err).status === 413 ? tooLarge(file) : t(`${m}.failed`, { name: file.name, message: errorMessage(t, err) }));
        },
        onSettled: () => setProgress(null),
      },
    );
  };

  const confirmRemove = (file: PortalFile) =>
    confirmAction({
      title: t(`${m}.removeTitle`),
      message: t(`${m}.removeBody`, { name: file.filename }),
      confirmLabel: t(`${m}.removeConfirm`),
      danger: true,
      onConfirm: () =>
        remove.mutate(
          { path: { item_id: itemId, file_id: file.id }, headers },
          { onSuccess: onChanged, onError: (err) => !isSessionEnded(err) && setFailure(errorMessage(t, err)) },
        ),
    });

  const percent = progress && progress.sent.total > 0 ? Math.min(100, Math.round((progress.sent.loaded / progress.sent.total) * 100)) : 0;

  return (
    <Stack gap={6}>
      {files.length === 0 && !editable && (
        <Text size="sm" c="dimmed">
          {t(`${m}.none`)}
        </Text>
      )}
      {files.length > 0 && (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t(`${m}.list`)}>
          {files.map((file) => (
            <Group key={file.id} component="li" gap={6} wrap="nowrap" data-testid="report-attachment" px="xs" py={4} bg="gray.0" style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
              <IconFileText size={18} color="var(--mantine-color-navy-8)" aria-hidden style={{ flexShrink: 0 }} />
              <Text size="sm" style={{ flex: 1, minWidth: 0 }} truncate title={file.filename}>
                {file.filename}
              </Text>
              <Text size="xs" c="dimmed" className="nowrap">
                {size(file.size)}
              </Text>
              {editable && (
                <Tooltip label={t(`${m}.remove`, { name: file.filename })} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t(`${m}.remove`, { name: file.filename })}
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
      {editable &&
        (progress ? (
          <Stack gap={4} data-testid="upload-progress">
            <Progress value={percent} size="md" aria-label={t('portal.evidence.progressLabel')} striped={percent >= 100} animated={percent >= 100} />
            <Text size="xs" c="dimmed" aria-live="polite">
              {t(`${m}.uploading`, { name: progress.name, percent })}
            </Text>
          </Stack>
        ) : (
          <Group>
            <FileButton accept={ACCEPT} onChange={send} resetRef={resetRef}>
              {(props) => (
                <Button {...props} variant="light" leftSection={<IconPaperclip size={16} />}>
                  {files.length > 0 ? t(`${m}.attachMore`) : t(`${m}.attach`)}
                </Button>
              )}
            </FileButton>
          </Group>
        ))}
      {failure && (
        <Text size="sm" c="red.9" role="alert" data-testid="attachment-error">
          {failure}
        </Text>
      )}
    </Stack>
  );
}
