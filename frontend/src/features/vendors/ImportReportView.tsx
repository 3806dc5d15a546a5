import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../client/types.gen';
import { useFormat } from '../../lib/format';
import { importMessage } from './importMessages';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={22} fw={600} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** What a dry run (or an import) found: the figures, ignored columns, and every problem by line and column. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap="md">
      {report.ok ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
          <Text size="sm">{report.dry_run ? t('vendors.import.ok') : t('vendors.import.doneBody', { created: f.number(report.created), updated: f.number(report.updated) })}</Text>
        </Alert>
      ) : (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
          <Text size="sm">{t('vendors.import.notOk')}</Text>
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Figure label={t('vendors.import.rows')} value={f.number(report.rows)} testId="import-rows" />
        <Figure
          label={report.dry_run ? t('vendors.import.toCreate') : t('vendors.import.created')}
          value={f.number(report.created)}
          testId="import-created"
        />
        <Figure
          label={report.dry_run ? t('vendors.import.toUpdate') : t('vendors.import.updated')}
          value={f.number(report.updated)}
          testId="import-updated"
        />
      </SimpleGrid>
      {report.unknown_columns.length > 0 && (
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('vendors.import.unknownColumns')}
          </Text>
          <Group gap={6}>
            {report.unknown_columns.map((c) => (
              <Badge key={c} variant="outline" color="gray" size="sm">
                {c}
              </Badge>
            ))}
          </Group>
        </div>
      )}
      {report.errors.length > 0 && (
        <div>
          <Title order={3} fz="md" mb="xs">
            {t('vendors.import.problemsTitle', { count: report.errors.length })}
          </Title>
          <Table.ScrollContainer minWidth={560} mah={420}>
            <Table withTableBorder stickyHeader aria-label={t('vendors.import.problemsTitle', { count: report.errors.length })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90} ta="right">
                    {t('vendors.import.line')}
                  </Table.Th>
                  <Table.Th w={200}>{t('vendors.import.column')}</Table.Th>
                  <Table.Th>{t('vendors.import.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.errors.map((e, i) => (
                  <Table.Tr key={`${e.line}-${e.column ?? ''}-${i}`} data-testid="import-problem">
                    <Table.Td ta="right" className="nowrap">
                      {f.number(e.line)}
                    </Table.Td>
                    <Table.Td>{e.column ?? <Text span size="sm" c="dimmed">{t('vendors.import.wholeRow')}</Text>}</Table.Td>
                    <Table.Td>{importMessage(t, e.message)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
      )}
    </Stack>
  );
}
