import { Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconFileTypeDocx, IconPrinter } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { incidentsGetIndividualNotice, incidentsGetRegulatorReport } from '../../client/sdk.gen';
import { filenameFromResponse, openPageInTab, saveBlob } from '../../lib/download';
import { notifySuccess } from '../../lib/notify';

type Doc = 'preliminary' | 'final' | 'notice';
type Lang = 'ja' | 'en';
const DOCS: readonly Doc[] = ['preliminary', 'final', 'notice'];

async function fetchDocument(incidentId: string, doc: Doc, lang: Lang, format: 'html' | 'docx') {
  const options = { path: { incident_id: incidentId }, parseAs: 'blob' as const, throwOnError: true as const };
  const { data, response } =
    doc === 'notice'
      ? await incidentsGetIndividualNotice({ ...options, query: { lang, format } })
      : await incidentsGetRegulatorReport({ ...options, query: { lang, format, kind: doc } });
  return { blob: data as Blob, response };
}

/** Drafts of the regulator report (preliminary, final) and the notice to individuals: a page to print or a Word file. */
export function Documents({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<Lang>(i18n.language === 'en' ? 'en' : 'ja');
  const docx = useMutation({
    mutationFn: async (doc: Doc) => {
      const { blob, response } = await fetchDocument(incidentId, doc, lang, 'docx');
      const name = filenameFromResponse(response, `incident-${doc}-${lang}.docx`);
      saveBlob(blob, name);
      return name;
    },
    onSuccess: (name) => notifySuccess(t('incidents.documents.downloaded', { name })),
  });
  const print = useMutation({
    mutationFn: ({ doc, tab }: { doc: Doc; tab: Window | null }) =>
      openPageInTab(tab, async () => (await fetchDocument(incidentId, doc, lang, 'html')).blob),
  });
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" mb="md" wrap="wrap">
        <Stack gap={2}>
          <Title order={2} fz="lg">
            {t('incidents.documents.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('incidents.documents.hint')}
          </Text>
        </Stack>
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={500} id="document-language">
            {t('incidents.documents.language')}
          </Text>
          <SegmentedControl
            aria-labelledby="document-language"
            size="xs"
            value={lang}
            onChange={(v) => setLang(v as Lang)}
            data={[
              { value: 'ja', label: t('language.ja') },
              { value: 'en', label: t('language.en') },
            ]}
          />
        </Stack>
      </Group>
      <Stack gap="sm">
        {DOCS.map((doc) => (
          <Paper key={doc} withBorder radius="sm" p="sm" data-testid="incident-document" data-document={doc}>
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Stack gap={0} style={{ flex: '1 1 280px' }}>
                <Text size="sm" fw={600}>
                  {t(`incidents.documents.${doc}`)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`incidents.documents.${doc}Hint`)}
                </Text>
              </Stack>
              <Group gap="xs">
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconPrinter size={14} />}
                  loading={print.isPending && print.variables?.doc === doc}
                  onClick={() => print.mutate({ doc, tab: window.open('', '_blank') })}
                >
                  {t('incidents.documents.print')}
                </Button>
                <Button
                  size="xs"
                  leftSection={<IconFileTypeDocx size={14} />}
                  loading={docx.isPending && docx.variables === doc}
                  onClick={() => docx.mutate(doc)}
                >
                  {t('incidents.documents.docx')}
                </Button>
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}
