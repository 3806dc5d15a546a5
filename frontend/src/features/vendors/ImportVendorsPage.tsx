import { Alert, Button, FileInput, Group, Paper, Progress, Stack, Stepper, Text } from '@mantine/core';
import { IconAlertTriangle, IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { vendorsImportVendorsMutation } from '../../client/@tanstack/react-query.gen';
import type { ImportReport } from '../../client/types.gen';
import { BackLink } from '../../components/DetailParts';
import { ButtonLink } from '../../components/links';
import { PageHeader } from '../../components/PageHeader';
import { formatBytes } from '../../lib/download';
import { asApiError, errorMessage } from '../../lib/errors';
import { intlLocale } from '../../lib/format';
import { invalidateOperations } from '../../lib/queries';
import { fetchWithUploadProgress, type UploadProgress } from '../../lib/upload';
import { importMessage } from './importMessages';
import { ImportReportView } from './ImportReportView';

function isReport(value: unknown): value is ImportReport {
  return !!value && typeof value === 'object' && Array.isArray((value as ImportReport).errors) && 'rows' in value;
}

/** File → dry run report → import, all or nothing. Upload progress is real (see lib/upload.ts). */
export function ImportVendorsPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const send = useMutation({ ...vendorsImportVendorsMutation(), meta: { handlesErrors: true } });
  const size = (n: number) => formatBytes(n, intlLocale(i18n.language));

  const run = (dryRun: boolean) => {
    if (!file) return;
    setFailure(null);
    setProgress({ loaded: 0, total: file.size });
    send.mutate(
      { body: { file }, query: { dry_run: dryRun }, fetch: fetchWithUploadProgress(setProgress) },
      {
        onSuccess: (report) => {
          if (dryRun) setChecked(report);
          else {
            setDone(report);
            void invalidateOperations(queryClient, 'vendorsListVendors', 'auditEventsListAuditEvents');
          }
        },
        onError: (err) => {
          const e = asApiError(err);
          // import_invalid carries the same report as a dry run: show it where the problems are read.
          if (e.error === 'import_invalid' && isReport(e.detail)) setChecked(e.detail);
          else {
            const detail = e.error === 'import_unreadable' && typeof e.detail === 'string' ? ` ${importMessage(t, e.detail)}` : '';
            setFailure(`${errorMessage(t, err)}${detail}`);
          }
        },
        onSettled: () => setProgress(null),
      },
    );
  };

  const reset = () => {
    setFile(null);
    setChecked(null);
    setDone(null);
    setFailure(null);
  };

  const step = done ? 2 : checked ? 1 : 0;
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : 0;
  const uploaded = progress !== null && progress.total > 0 && progress.loaded >= progress.total;

  const progressBar = send.isPending && progress && (
    <Stack gap={4} data-testid="upload-progress">
      <Progress
        value={uploaded ? 100 : percent}
        striped={uploaded}
        animated={uploaded}
        size="lg"
        aria-label={t('vendors.import.progressLabel')}
      />
      <Text size="xs" c="dimmed" aria-live="polite">
        {uploaded ? t('vendors.import.checking') : `${t('vendors.import.sending', { size: size(progress.total) })} ${percent}%`}
      </Text>
    </Stack>
  );

  return (
    <>
      <BackLink to="/vendors">{t('vendors.backToList')}</BackLink>
      <PageHeader title={t('vendors.import.title')} description={t('vendors.import.subtitle')} />
      <Paper withBorder radius="md" p="lg" maw={960}>
        <Stepper active={step} size="sm" mb="lg" allowNextStepsSelect={false}>
          <Stepper.Step label={t('vendors.import.stepFile')} />
          <Stepper.Step label={t('vendors.import.stepCheck')} />
          <Stepper.Step label={t('vendors.import.stepDone')} />
        </Stepper>

        {failure && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} mb="md" role="alert">
            <Text size="sm">{failure}</Text>
          </Alert>
        )}

        {step === 0 && (
          <Stack gap="md">
            <FileInput
              label={t('vendors.import.fileLabel')}
              description={t('vendors.import.fileHint')}
              placeholder={t('vendors.import.filePlaceholder')}
              // Shown as text, not as a native placeholder: it needs a readable grey.
              styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
              accept=".csv,text/csv"
              leftSection={<IconFileTypeCsv size={18} />}
              clearable
              value={file}
              onChange={(f) => {
                setFile(f);
                setFailure(null);
              }}
              valueComponent={({ value }) => (value && !Array.isArray(value) ? <Text size="sm">{t('common.fileWithSize', { name: value.name, size: size(value.size) })}</Text> : null)}
            />
            {progressBar}
            <Group justify="flex-end">
              <Button leftSection={<IconUpload size={16} />} disabled={!file} loading={send.isPending} onClick={() => run(true)}>
                {t('vendors.import.check')}
              </Button>
            </Group>
          </Stack>
        )}

        {step === 1 && checked && (
          <Stack gap="md">
            <ImportReportView report={checked} />
            {progressBar}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={reset} disabled={send.isPending}>
                {t('vendors.import.chooseAnother')}
              </Button>
              {checked.ok && (
                <Button loading={send.isPending} onClick={() => run(false)}>
                  {t('vendors.import.run')}
                </Button>
              )}
            </Group>
          </Stack>
        )}

        {step === 2 && done && (
          <Stack gap="md">
            <Text fw={600} size="lg">
              {t('vendors.import.doneTitle')}
            </Text>
            <ImportReportView report={done} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={reset}>
                {t('vendors.import.another')}
              </Button>
              <ButtonLink to="/vendors">{t('vendors.import.toList')}</ButtonLink>
            </Group>
          </Stack>
        )}
      </Paper>
    </>
  );
}
