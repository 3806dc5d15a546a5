import { ActionIcon, Button, FileButton, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconFileCheck, IconPaperclip, IconX } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  filesGetFileOptions,
  filesUploadFileMutation,
  vendorsCreateCertificationMutation,
  vendorsUpdateCertificationMutation,
} from '../../client/@tanstack/react-query.gen';
import type { CertificationKind, CertificationRead, StoredFileRead } from '../../client/types.gen';
import { DayInput } from '../../components/DayInput';
import { formatBytes } from '../../lib/download';
import { intlLocale } from '../../lib/format';
import { saveErrorHandler } from '../../lib/forms';
import { notifyError } from '../../lib/notify';
import { CERTIFICATION_KINDS } from './vocabulary';

const FIELDS = ['kind', 'name', 'number', 'scope', 'issued_date', 'expiry_date', 'evidence_file_id'] as const;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.xlsx,.docx,application/pdf,image/png,image/jpeg';
const blank = (v: string) => (v.trim() === '' ? null : v.trim());

type Values = {
  kind: CertificationKind | null;
  name: string;
  number: string;
  scope: string;
  issued_date: string | null;
  expiry_date: string | null;
  evidence_file_id: string | null;
};

export function CertificationForm({
  vendorId,
  certification,
  onSaved,
  onCancel,
  onStale,
}: {
  vendorId: string;
  certification?: CertificationRead;
  onSaved: () => void;
  onCancel: () => void;
  onStale: () => void;
}) {
  const { t, i18n } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      kind: certification?.kind ?? null,
      name: certification?.name ?? '',
      number: certification?.number ?? '',
      scope: certification?.scope ?? '',
      issued_date: certification?.issued_date ?? null,
      expiry_date: certification?.expiry_date ?? null,
      evidence_file_id: certification?.evidence_file_id ?? null,
    },
    validate: {
      kind: (v) => (v ? null : t('validation.choose')),
      name: (v, all) => (all.kind === 'other' && !v.trim() ? t('validation.required') : v.length > 200 ? t('validation.maxLength', { max: 200 }) : null),
      number: (v) => (v.length > 100 ? t('validation.maxLength', { max: 100 }) : null),
      expiry_date: (v, all) => (v && all.issued_date && v < all.issued_date ? t('vendors.certifications.expiryBeforeIssued') : null),
    },
  });
  const [uploaded, setUploaded] = useState<StoredFileRead | null>(null);
  const existing = useQuery({
    ...filesGetFileOptions({ path: { file_id: form.values.evidence_file_id ?? '' } }),
    enabled: !!form.values.evidence_file_id && uploaded?.id !== form.values.evidence_file_id,
  });
  const evidence = uploaded?.id === form.values.evidence_file_id ? uploaded : form.values.evidence_file_id ? existing.data : undefined;

  const upload = useMutation({
    ...filesUploadFileMutation(),
    meta: { handlesErrors: true },
    onSuccess: (file) => {
      setUploaded(file);
      form.setFieldValue('evidence_file_id', file.id);
      form.clearFieldError('evidence_file_id');
    },
    onError: (err) => notifyError(err),
  });

  const onError = saveErrorHandler(form, t, FIELDS, onStale);
  const create = useMutation({ ...vendorsCreateCertificationMutation(), meta: { handlesErrors: true }, onSuccess: onSaved, onError });
  const update = useMutation({ ...vendorsUpdateCertificationMutation(), meta: { handlesErrors: true }, onSuccess: onSaved, onError });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        const body = {
          kind: v.kind ?? 'other',
          name: v.kind === 'other' ? blank(v.name) : null,
          number: blank(v.number),
          scope: blank(v.scope),
          issued_date: v.issued_date,
          expiry_date: v.expiry_date,
          evidence_file_id: v.evidence_file_id,
        };
        if (certification)
          update.mutate({ path: { vendor_id: vendorId, certification_id: certification.id }, body: { version: certification.version, ...body } });
        else create.mutate({ path: { vendor_id: vendorId }, body });
      })}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('vendors.certifications.kind')}
            required
            allowDeselect={false}
            data-autofocus
            data={CERTIFICATION_KINDS.map((k) => ({ value: k, label: t(`vendors.certificationKinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          {form.values.kind === 'other' ? (
            <TextInput label={t('vendors.certifications.name')} required {...form.getInputProps('name')} />
          ) : (
            <div />
          )}
          <TextInput label={t('vendors.certifications.number')} {...form.getInputProps('number')} />
          <div />
          <DayInput label={t('vendors.certifications.issued')} {...form.getInputProps('issued_date')} />
          <DayInput label={t('vendors.certifications.expiry')} {...form.getInputProps('expiry_date')} />
        </SimpleGrid>
        <Textarea label={t('vendors.certifications.scope')} autosize minRows={2} {...form.getInputProps('scope')} />
        <div>
          <Text size="sm" fw={500} mb={4} id="evidence-label">
            {t('vendors.certifications.evidence')}
          </Text>
          <Group gap="sm" wrap="nowrap">
            <FileButton
              accept={ACCEPT}
              onChange={(file) => file && upload.mutate({ body: { file } })}
            >
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  size="sm"
                  leftSection={<IconPaperclip size={16} />}
                  loading={upload.isPending}
                  aria-describedby="evidence-label evidence-hint"
                >
                  {t('vendors.certifications.chooseFile')}
                </Button>
              )}
            </FileButton>
            {evidence ? (
              <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }} data-testid="evidence-file">
                <IconFileCheck size={18} color="var(--mantine-color-teal-8)" aria-hidden />
                <Text size="sm" truncate>
                  {t('common.fileWithSize', { name: evidence.filename, size: formatBytes(evidence.size, intlLocale(i18n.language)) })}
                </Text>
                <Tooltip label={t('vendors.certifications.removeEvidence')} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="sm"
                    aria-label={t('vendors.certifications.removeEvidence')}
                    onClick={() => form.setFieldValue('evidence_file_id', null)}
                  >
                    <IconX size={14} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                {t('vendors.certifications.noEvidence')}
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed" mt={4} id="evidence-hint">
            {t('vendors.certifications.evidenceHint')}
          </Text>
          {form.errors.evidence_file_id && (
            <Text size="xs" c="red.8" mt={2} role="alert">
              {form.errors.evidence_file_id}
            </Text>
          )}
        </div>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending} disabled={upload.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
