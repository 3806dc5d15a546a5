import { Badge, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format';
import { label } from '../../lib/labels';
import { diffRows, type DiffKind } from '../../lib/auditDiff';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function useDisplay() {
  const { t } = useTranslation();
  const f = useFormat();
  return (field: string, value: unknown): string => display(t, f.dateTime, field, value);
}

function display(t: TFunction, dateTime: (v: string) => string, field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('common.none');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) {
    return value.map((v) => (field === 'scopes' ? label(t, 'apiKeys.scopeNames', String(v)) : String(v))).join(t('common.listSeparator'));
  }
  if (typeof value === 'string') {
    if (field === 'role') return label(t, 'roles', value);
    if (field === 'locale') return label(t, 'language', value);
    if (field === 'jurisdiction') return label(t, 'jurisdictions', value);
    if (ISO_INSTANT.test(value)) return dateTime(value);
    return value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

const KIND_COLOR: Record<DiffKind, string> = { added: 'teal', removed: 'red', changed: 'navy' };

/** Before and after of one audit event, one row per changed field, in words a person reads. */
export function AuditDiff({ changes }: { changes: Record<string, unknown> }) {
  const { t } = useTranslation();
  const show = useDisplay();
  const rows = diffRows(changes);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('audit.noFieldChanges')}
      </Text>
    );
  }
  return (
    <Table withTableBorder withColumnBorders captionSide="top" highlightOnHover={false}>
      <Table.Caption style={{ textAlign: 'left' }}>{t('audit.diffCaption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="28%">{t('audit.field')}</Table.Th>
          <Table.Th>{t('audit.before')}</Table.Th>
          <Table.Th>{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.field} data-kind={r.kind}>
            <Table.Th scope="row" fw={500}>
              <Text size="sm" fw={500}>
                {label(t, 'audit.fields', r.field)}
              </Text>
              <Badge size="xs" variant="light" color={KIND_COLOR[r.kind]} mt={2}>
                {t(`audit.${r.kind}`)}
              </Badge>
            </Table.Th>
            <Table.Td bg={r.kind === 'added' ? undefined : 'red.0'}>
              <Text size="sm" td={r.kind === 'changed' || r.kind === 'removed' ? 'line-through' : undefined} c={r.kind === 'added' ? 'dimmed' : undefined}>
                {show(r.field, r.before)}
              </Text>
            </Table.Td>
            <Table.Td bg={r.kind === 'removed' ? undefined : 'teal.0'}>
              <Text size="sm" fw={r.kind === 'removed' ? undefined : 500} c={r.kind === 'removed' ? 'dimmed' : undefined}>
                {show(r.field, r.after)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
