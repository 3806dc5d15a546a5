import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auditEventsListAuditEventsOptions, vendorsListTierHistoryOptions } from '../../client/@tanstack/react-query.gen';
import type { VendorRead } from '../../client/types.gen';
import { AnchorLink } from '../../components/links';
import { TierBadge } from '../../components/TierBadge';
import { diffRows } from '../../lib/auditDiff';
import { useFormat } from '../../lib/format';
import { actionLabel, label } from '../../lib/labels';
import { ChildTab } from './ChildTab';

export function HistoryTab({ vendor }: { vendor: VendorRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const tiers = useQuery(vendorsListTierHistoryOptions({ path: { vendor_id: vendor.id } }));
  const events = useQuery(auditEventsListAuditEventsOptions({ query: { related_to: vendor.id, size: 50 } }));

  return (
    <Stack gap="md">
      <ChildTab
        title={t('vendors.history.tierTitle')}
        query={tiers}
        items={tiers.data}
        columns={5}
        minWidth={760}
        emptyText={t('vendors.history.tierEmpty')}
        head={
          <>
            <Table.Th>{t('vendors.history.at')}</Table.Th>
            <Table.Th>{t('vendors.history.change')}</Table.Th>
            <Table.Th>{t('vendors.history.cause')}</Table.Th>
            <Table.Th>{t('vendors.history.reason')}</Table.Th>
            <Table.Th>{t('vendors.history.actor')}</Table.Th>
          </>
        }
        row={(c) => (
          <Table.Tr key={c.id} data-testid="tier-change">
            <Table.Td className="nowrap">
              <Text size="sm">{f.dateTime(c.at)}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                {c.from_tier ? (
                  <TierBadge tier={c.from_tier} />
                ) : (
                  <Badge size="sm" variant="outline" color="gray">
                    {t('vendors.history.new')}
                  </Badge>
                )}
                <IconArrowRight size={14} aria-label="→" />
                <TierBadge tier={c.to_tier} />
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t(`vendors.history.causes.${c.cause}` as 'vendors.history.causes.computed', { defaultValue: c.cause })}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c={c.reason ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
                {c.reason ?? t('common.none')}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{c.actor_label}</Text>
            </Table.Td>
          </Table.Tr>
        )}
      />
      <ChildTab
        title={t('vendors.history.auditTitle')}
        hint={t('vendors.history.auditHint')}
        query={events}
        items={events.data?.items}
        columns={5}
        minWidth={760}
        emptyText={t('vendors.history.auditEmpty')}
        head={
          <>
            <Table.Th>{t('audit.occurredAt')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th className="nowrap">{t('audit.entityType')}</Table.Th>
            <Table.Th className="nowrap">{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.changes')}</Table.Th>
          </>
        }
        row={(e) => {
          const fields = diffRows(e.changes).map((r) => label(t, 'audit.fields', r.field));
          return (
            <Table.Tr key={e.id} data-testid="vendor-audit-row">
              <Table.Td className="nowrap">
                <AnchorLink to="/settings/audit" search={{ event: e.id }} size="sm" aria-label={`${t('vendors.history.openAudit')}: ${f.dateTime(e.occurred_at)}`}>
                  {f.dateTime(e.occurred_at)}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Text size="sm" truncate maw={240}>
                  {e.actor_label}
                </Text>
              </Table.Td>
              <Table.Td className="nowrap">
                <Text size="sm">{label(t, 'audit.entityTypes', e.entity_type)}</Text>
              </Table.Td>
              <Table.Td className="nowrap">
                <Text size="sm">{actionLabel(t, e.entity_type, e.action)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={fields.length ? undefined : 'dimmed'} lineClamp={2}>
                  {fields.length ? fields.join(t('common.listSeparator')) : t('audit.noFieldChanges')}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        }}
      />
    </Stack>
  );
}
