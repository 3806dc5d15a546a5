import { Alert, Box, Button, Group, Menu, Modal, Skeleton, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCornerDownRight, IconPlus, IconX } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  vendorsDeleteSubcontractorMutation,
  vendorsGetSubcontractorTreeOptions,
  vendorsListExposedVendorsOptions,
  vendorsListSubcontractorsOptions,
  vendorsUpdateSubcontractorMutation,
} from '../../client/@tanstack/react-query.gen';
import type { SubcontractNode, SubcontractRead, VendorRead } from '../../client/types.gen';
import { DayInput } from '../../components/DayInput';
import { AnchorLink } from '../../components/links';
import { EmptyText, QueryState } from '../../components/QueryState';
import { SectionCard } from '../../components/SectionCard';
import { TierBadge, ToneBadge } from '../../components/TierBadge';
import { asApiError } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { notifyError, notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { ChildTab, useConfirmDelete } from './ChildTab';
import { useRefreshVendors } from './refresh';
import { RowMenu } from './RowMenu';
import { SubcontractForm } from './SubcontractForm';
import { APPROVAL_TONES } from './vocabulary';

type Decision = { link: SubcontractRead; status: 'approved' | 'refused' };

function countUnapproved(nodes: SubcontractNode[]): number {
  return nodes.reduce((n, node) => n + (node.my_number_unapproved ? 1 : 0) + countUnapproved(node.children), 0);
}

export function SubcontractorsTab({ vendor }: { vendor: VendorRead }) {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const refresh = useRefreshVendors();
  const path = { path: { vendor_id: vendor.id } };
  const tree = useQuery(vendorsGetSubcontractorTreeOptions(path));
  const links = useQuery(vendorsListSubcontractorsOptions(path));
  const exposure = useQuery(vendorsListExposedVendorsOptions(path));
  const [adding, setAdding] = useState(false);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [decisionDate, setDecisionDate] = useState<string | null>(null);
  const update = useMutation({
    ...vendorsUpdateSubcontractorMutation(),
    meta: { handlesErrors: true },
    onError: (err) => {
      notifyError(err);
      if (asApiError(err).error === 'stale_version') void refresh();
    },
  });
  const confirmDelete = useConfirmDelete(vendorsDeleteSubcontractorMutation());
  const direct = new Map((links.data ?? []).map((l) => [l.id, l]));
  const unapproved = countUnapproved(tree.data ?? []);

  const decide = () => {
    if (!decision) return;
    const { link, status } = decision;
    update.mutate(
      {
        path: { vendor_id: vendor.id, subcontract_id: link.id },
        body: { version: link.version, approval_status: status, approval_date: decisionDate },
      },
      {
        onSuccess: () => {
          notifySuccess(t('vendors.subcontractors.decided', { name: link.subcontractor_name, status: t(`vendors.approvalStatuses.${status}`) }));
          setDecision(null);
          void refresh();
        },
      },
    );
  };

  const renderNodes = (nodes: SubcontractNode[]) => (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {nodes.map((node) => {
        const link = node.depth === 1 ? direct.get(node.link_id) : undefined;
        return (
          <li key={node.link_id} data-testid="subcontract-node" data-depth={node.depth}>
            <Group
              gap="sm"
              wrap="nowrap"
              py={8}
              pl={(node.depth - 1) * 28}
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
              align="flex-start"
            >
              <IconCornerDownRight size={16} stroke={1.5} color="var(--mantine-color-gray-6)" style={{ flexShrink: 0, marginTop: 4 }} aria-hidden />
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Group gap={8} wrap="wrap">
                  <Text size="xs" c="dimmed" className="nowrap">
                    {t('vendors.subcontractors.depth', { depth: node.depth })}
                  </Text>
                  <AnchorLink to="/vendors/$vendorId" params={{ vendorId: node.vendor_id }} search={{}} size="sm" fw={600}>
                    {node.name}
                  </AnchorLink>
                  <TierBadge tier={node.tier} />
                  <ToneBadge tone={APPROVAL_TONES[node.approval_status]}>
                    {t(`vendors.approvalStatuses.${node.approval_status}`)}
                    {node.approval_date ? ` ${f.day(node.approval_date)}` : ''}
                  </ToneBadge>
                  {node.my_number_unapproved && (
                    <Tooltip label={t('vendors.subcontractors.myNumberUnapprovedHint')} withArrow multiline maw={320}>
                      <ToneBadge tone="critical" leftSection={<IconAlertTriangle size={12} />} tabIndex={0}>
                        {t('vendors.subcontractors.myNumberUnapproved')}
                      </ToneBadge>
                    </Tooltip>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {node.work}
                </Text>
              </Stack>
              {canEdit && link && (
                <RowMenu
                  label={t('vendors.subcontractors.rowActions', { name: node.name })}
                  onDelete={() =>
                    confirmDelete({
                      title: t('vendors.subcontractors.removeTitle'),
                      message: t('vendors.subcontractors.removeBody', { name: link.subcontractor_name }),
                      confirmLabel: t('vendors.subcontractors.remove'),
                      done: t('vendors.subcontractors.removed'),
                      variables: { path: { vendor_id: vendor.id, subcontract_id: link.id } },
                    })
                  }
                  deleteLabel={t('vendors.subcontractors.remove')}
                >
                  {link.approval_status !== 'approved' && (
                    <Menu.Item
                      leftSection={<IconCheck size={16} />}
                      onClick={() => {
                        setDecisionDate(f.today());
                        setDecision({ link, status: 'approved' });
                      }}
                    >
                      {t('vendors.subcontractors.approve')}
                    </Menu.Item>
                  )}
                  {link.approval_status !== 'refused' && (
                    <Menu.Item
                      leftSection={<IconX size={16} />}
                      onClick={() => {
                        setDecisionDate(f.today());
                        setDecision({ link, status: 'refused' });
                      }}
                    >
                      {t('vendors.subcontractors.refuse')}
                    </Menu.Item>
                  )}
                </RowMenu>
              )}
            </Group>
            {node.children.length > 0 && renderNodes(node.children)}
          </li>
        );
      })}
    </Box>
  );

  return (
    <Stack gap="md">
      <SectionCard
        title={t('vendors.subcontractors.treeTitle')}
        hint={t('vendors.subcontractors.treeHint')}
        actions={
          canEdit && (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
              {t('vendors.subcontractors.add')}
            </Button>
          )
        }
      >
        {unapproved > 0 && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} mb="sm" title={t('vendors.subcontractors.myNumberAlert', { count: unapproved })}>
            <Text size="sm">{t('vendors.subcontractors.myNumberUnapprovedHint')}</Text>
          </Alert>
        )}
        <QueryState
          query={tree}
          placeholder={
            <Stack gap="xs">
              <Skeleton height={20} />
              <Skeleton height={20} />
            </Stack>
          }
          isEmpty={(nodes) => nodes.length === 0}
          empty={<EmptyText py="md">{t('vendors.subcontractors.empty')}</EmptyText>}
        >
          {(nodes) => <nav aria-label={t('vendors.subcontractors.treeTitle')}>{renderNodes(nodes)}</nav>}
        </QueryState>
      </SectionCard>

      <ChildTab
        title={t('vendors.subcontractors.exposureTitle')}
        hint={t('vendors.subcontractors.exposureHint')}
        query={exposure}
        items={exposure.data}
        columns={4}
        minWidth={640}
        emptyText={t('vendors.subcontractors.exposureEmpty')}
        head={
          <>
            <Table.Th>{t('vendors.name')}</Table.Th>
            <Table.Th>{t('vendors.tier')}</Table.Th>
            <Table.Th>{t('vendors.subcontractors.exposureDepth')}</Table.Th>
            <Table.Th>{t('vendors.subcontractors.path')}</Table.Th>
          </>
        }
        row={(e) => (
          <Table.Tr key={e.vendor_id} data-testid="exposure-row">
            <Table.Td>
              <AnchorLink to="/vendors/$vendorId" params={{ vendorId: e.vendor_id }} search={{}} size="sm" fw={600}>
                {e.name}
              </AnchorLink>
            </Table.Td>
            <Table.Td>
              <TierBadge tier={e.tier} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{f.number(e.depth)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{e.path.join(' → ')}</Text>
            </Table.Td>
          </Table.Tr>
        )}
      />

      <Modal opened={adding} onClose={() => setAdding(false)} size="lg" title={t('vendors.subcontractors.addTitle')}>
        {adding && (
          <SubcontractForm
            vendorId={vendor.id}
            onCancel={() => setAdding(false)}
            onSaved={() => {
              notifySuccess(t('vendors.subcontractors.added'));
              setAdding(false);
              void refresh();
            }}
          />
        )}
      </Modal>
      <Modal
        opened={decision !== null}
        onClose={() => setDecision(null)}
        title={
          decision
            ? t(decision.status === 'approved' ? 'vendors.subcontractors.decisionTitleApprove' : 'vendors.subcontractors.decisionTitleRefuse', {
                name: decision.link.subcontractor_name,
              })
            : undefined
        }
      >
        <Stack gap="md">
          <DayInput label={t('vendors.subcontractors.approvalDate')} value={decisionDate} onChange={setDecisionDate} data-autofocus />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setDecision(null)}>
              {t('common.cancel')}
            </Button>
            <Button color={decision?.status === 'refused' ? 'red' : undefined} loading={update.isPending} onClick={decide}>
              {decision?.status === 'refused' ? t('vendors.subcontractors.refuse') : t('vendors.subcontractors.approve')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
