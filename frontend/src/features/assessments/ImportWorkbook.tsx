import { Alert, Button, FileInput, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assessmentsImportAssessmentWorkbookMutation } from '../../client/@tanstack/react-query.gen';
import type { AssessmentImported, AssessmentRead } from '../../client/types.gen';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { questionNumbers } from '../../lib/questions';
import { findQuestion, questionTexts } from './answers';
import { workbookProblemMessage, workbookProblems, type WorkbookProblem } from './workbook';

/**
 * Read back a workbook the vendor filled in offline. All or nothing: a rejected file lists every
 * problem by row and question; an accepted one says what was written and whether it was submitted.
 */
export function ImportWorkbook({
  assessment,
  onImported,
  onClose,
}: {
  assessment: AssessmentRead;
  onImported: (result: AssessmentImported) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<WorkbookProblem[] | null>(null);
  const [result, setResult] = useState<AssessmentImported | null>(null);
  const numbers = questionNumbers(assessment.definition.sections);
  const texts = questionTexts(assessment.definition, i18n.language);
  const upload = useMutation({
    ...assessmentsImportAssessmentWorkbookMutation(),
    meta: { handlesErrors: true },
    onSuccess: (r) => {
      setResult(r);
      onImported(r);
    },
    onError: (err) => {
      const found = workbookProblems(err);
      if (found) setProblems(found);
      else notifyError(err);
    },
  });

  if (result) {
    return (
      <Stack gap="md">
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
          <Text size="sm" data-testid="import-result">
            {result.submitted
              ? t('assessments.import.doneSubmitted', { count: result.updated })
              : t('assessments.import.doneOpen', { count: result.updated, missing: result.missing.length })}
          </Text>
        </Alert>
        {result.missing.length > 0 && (
          <div>
            <Text size="sm" fw={600} mb={4}>
              {t('assessments.import.missingTitle')}
            </Text>
            <List size="sm" spacing={2}>
              {result.missing.map((key) => (
                <List.Item key={key}>
                  {t('common.questionNumber', { number: numbers.get(key) ?? key })} {texts.get(key) ?? key}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm">{t('assessments.import.intro')}</Text>
      <FileInput
        label={t('assessments.import.file')}
        placeholder={t('assessments.import.filePlaceholder')}
        styles={{ placeholder: { color: 'var(--mantine-color-dimmed)' } }}
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        leftSection={<IconFileSpreadsheet size={18} />}
        clearable
        value={file}
        onChange={(picked) => {
          setFile(picked);
          setProblems(null);
        }}
      />
      {problems && (
        <Stack gap="xs">
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            <Text size="sm">{t('errors.codes.workbook_invalid')}</Text>
          </Alert>
          <Title order={3} fz="md">
            {t('assessments.import.problemsTitle', { count: problems.length })}
          </Title>
          <Table.ScrollContainer minWidth={560} mah={360}>
            <Table withTableBorder stickyHeader aria-label={t('assessments.import.problemsTitle', { count: problems.length })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70} ta="right">
                    {t('assessments.import.row')}
                  </Table.Th>
                  <Table.Th w={220}>{t('assessments.import.question')}</Table.Th>
                  <Table.Th>{t('assessments.import.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {problems.map((p, i) => (
                  <Table.Tr key={`${p.row ?? ''}-${p.question_key ?? ''}-${i}`} data-testid="workbook-problem">
                    <Table.Td ta="right" className="nowrap">
                      {p.row !== null ? f.number(p.row) : t('common.none')}
                    </Table.Td>
                    <Table.Td>
                      {p.question_key ? (
                        <Text size="sm" lineClamp={2}>
                          {numbers.has(p.question_key)
                            ? `${t('common.questionNumber', { number: numbers.get(p.question_key) })} ${texts.get(p.question_key) ?? ''}`
                            : p.question_key}
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('assessments.import.wholeFile')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {workbookProblemMessage(t, p, findQuestion(assessment.definition, p.question_key), i18n.language)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!file}
          loading={upload.isPending}
          onClick={() => file && upload.mutate({ path: { assessment_id: assessment.id }, body: { file } })}
        >
          {t('assessments.import.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
