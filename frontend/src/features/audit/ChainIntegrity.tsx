import { Alert, Button, FileInput, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditEventsVerifyAuditChainMutation } from '../../client/@tanstack/react-query.gen';
import { auditEventsGetAuditChainHead } from '../../client/sdk.gen';
import type { SignedHeads } from '../../client/types.gen';
import { saveBlob } from '../../lib/download';
import { errorMessage } from '../../lib/errors';
import { notifyError } from '../../lib/notify';
import { useIsAdmin } from '../../lib/session';

/** A file saved by "download the signed head" earlier, as far as the browser can tell before the server checks it. */
export async function readHeadsFile(file: File): Promise<SignedHeads | null> {
  try {
    const text = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
      reader.readAsText(file);
    });
    const parsed = JSON.parse(text) as Partial<SignedHeads>;
    return parsed.format === 'itaku-audit-heads' && Array.isArray(parsed.heads) ? (parsed as SignedHeads) : null;
  } catch {
    return null;
  }
}

/**
 * The chain's integrity: anyone may download the organisation's sealed chain head to keep away from Itaku;
 * administrators verify the whole chain, optionally against such a file kept earlier.
 */
export function ChainIntegrity() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const [file, setFile] = useState<File | null>(null);
  const [badFile, setBadFile] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const verify = useMutation({ ...auditEventsVerifyAuditChainMutation(), meta: { handlesErrors: true } });

  async function download() {
    setDownloading(true);
    try {
      const { data } = await auditEventsGetAuditChainHead({ throwOnError: true });
      const seq = data.heads[0]?.seq ?? 0;
      const day = data.exported_at.slice(0, 10).replaceAll('-', '');
      saveBlob(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), `itaku-audit-head-${day}-${seq}.json`);
    } catch (err) {
      notifyError(err);
    } finally {
      setDownloading(false);
    }
  }

  async function run() {
    setBadFile(false);
    const heads = file ? await readHeadsFile(file) : null;
    if (file && !heads) {
      setBadFile(true);
      return;
    }
    verify.mutate({ body: { heads } });
  }

  const result = verify.data;
  return (
    <Paper withBorder radius="md" p="md" mb="md">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4">
            {t('audit.integrity.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('audit.integrity.hint')}
          </Text>
        </div>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Button variant="light" onClick={() => void download()} loading={downloading}>
            {t('audit.integrity.download')}
          </Button>
          {isAdmin && (
            <>
              <FileInput
                label={t('audit.integrity.file')}
                placeholder={t('audit.integrity.filePlaceholder')}
                accept="application/json,.json"
                clearable
                value={file}
                onChange={(f) => {
                  setFile(f);
                  setBadFile(false);
                  verify.reset();
                }}
                error={badFile ? t('audit.integrity.badFile') : undefined}
                w={300}
              />
              <Button onClick={() => void run()} loading={verify.isPending}>
                {t('audit.integrity.verify')}
              </Button>
            </>
          )}
        </Group>
        {verify.error && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(t, verify.error)}
          </Alert>
        )}
        {result && result.intact && (
          <Alert color="teal" variant="light" role="status" title={t('audit.integrity.intact')}>
            {t('audit.integrity.checked', { count: result.checked })}
            {result.against_heads > 0 && ` ${t('audit.integrity.against', { count: result.against_heads })}`}
          </Alert>
        )}
        {result && !result.intact && (
          <Alert color="red" variant="light" role="alert" title={t('audit.integrity.broken')}>
            <List size="sm">
              {result.problems.map((p) => (
                <List.Item key={`${p.kind}-${p.seq}`}>
                  {t('audit.integrity.at', { seq: p.seq })} {t(`audit.integrity.problems.${p.kind}`)}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
