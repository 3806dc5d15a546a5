import { Button, FileButton, Group, Text } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contractsAttachContractDocumentMutation } from '../../client/@tanstack/react-query.gen';
import type { ContractRead } from '../../client/types.gen';
import { downloadStoredFile } from '../../lib/download';
import { notifyError, notifySuccess } from '../../lib/notify';

/** The signed contract: download what is attached, attach (or replace) a PDF. */
export function DocumentField({ contract, canEdit, onAttached }: { contract: ContractRead; canEdit: boolean; onAttached: (c: ContractRead) => void }) {
  const { t } = useTranslation();
  const attach = useMutation({
    ...contractsAttachContractDocumentMutation(),
    onSuccess: (c) => {
      notifySuccess(t('contracts.document.uploaded'));
      onAttached(c);
    },
  });
  const download = useMutation({ mutationFn: (id: string) => downloadStoredFile(id), meta: { handlesErrors: true }, onError: notifyError });

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      {contract.document_file_id ? (
        <Button
          variant="light"
          size="xs"
          leftSection={<IconDownload size={14} />}
          loading={download.isPending}
          onClick={() => download.mutate(contract.document_file_id ?? '')}
        >
          {t('contracts.detail.download')}
        </Button>
      ) : (
        <Text size="sm" c="dimmed">
          {t('contracts.detail.noDocument')}
        </Text>
      )}
      {canEdit && (
        <FileButton accept="application/pdf" onChange={(file) => file && attach.mutate({ path: { contract_id: contract.id }, body: { file } })}>
          {(props) => (
            <Button {...props} size="xs" variant="default" leftSection={<IconUpload size={14} />} loading={attach.isPending}>
              {contract.document_file_id ? t('contracts.document.replace') : t('contracts.document.upload')}
            </Button>
          )}
        </FileButton>
      )}
    </Group>
  );
}
