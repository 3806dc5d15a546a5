import { Button, Group, Paper, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconFileDescription, IconReportAnalytics, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  contractsDeleteContractMutation,
  contractsGetContractOptions,
  contractsGetContractQueryKey,
} from '../../client/@tanstack/react-query.gen';
import type { ContractRead } from '../../client/types.gen';
import { confirmAction } from '../../components/confirm';
import { ContractStatusBadge } from '../../components/ContractStatusBadge';
import { BackLink, DetailFrame, Fact } from '../../components/DetailParts';
import { AnchorLink } from '../../components/links';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useCanEdit } from '../../lib/session';
import { MyNumberBadge } from './badges';
import { ContractEditor } from './ContractForm';
import { DocumentField } from './DocumentField';
import { GapReport } from './GapReport';
import { useRefreshContracts } from './refresh';

const route = getRouteApi('/_app/contracts/$contractId');

/** One contract: its facts and signed PDF, the gap report, and the clauses to edit. */
export function ContractPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const canEdit = useCanEdit();
  const queryClient = useQueryClient();
  const refresh = useRefreshContracts();
  const { contractId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const query = useQuery(contractsGetContractOptions({ path: { contract_id: contractId } }));
  const c = query.data;

  const changed = (updated: ContractRead) => {
    queryClient.setQueryData(contractsGetContractQueryKey({ path: { contract_id: contractId } }), updated);
    void refresh();
  };
  const remove = useMutation({
    ...contractsDeleteContractMutation(),
    onSuccess: () => {
      notifySuccess(t('contracts.detail.deleted'));
      void refresh();
      void navigate({ to: '/contracts' });
    },
  });

  const back = <BackLink to="/contracts">{t('contracts.backToList')}</BackLink>;
  if (query.error || !c) return <DetailFrame back={back} error={query.error} loading={!c} onRetry={() => void query.refetch()} />;

  const tab = search.tab ?? 'gaps';
  const none = t('common.none');
  return (
    <>
      {back}
      <Group justify="space-between" align="flex-start" mt={6} mb="md" gap="md" wrap="wrap">
        <Group gap="sm" align="center">
          <Title order={1} fz={24}>
            {c.title}
          </Title>
          <ContractStatusBadge status={c.status} size="lg" />
          {c.covers_my_number && <MyNumberBadge />}
        </Group>
        {canEdit && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={() =>
              confirmAction({
                title: t('contracts.detail.deleteTitle'),
                message: t('contracts.detail.deleteBody', { title: c.title }),
                confirmLabel: t('common.delete'),
                danger: true,
                onConfirm: () => remove.mutate({ path: { contract_id: c.id } }),
              })
            }
          >
            {t('contracts.detail.delete')}
          </Button>
        )}
      </Group>

      <Paper withBorder radius="md" p="md" mb="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
          <Fact term={t('contracts.detail.vendor')}>
            <AnchorLink to="/vendors/$vendorId" params={{ vendorId: c.vendor_id }} size="sm" fw={600}>
              {c.vendor_name}
            </AnchorLink>
          </Fact>
          <Fact term={t('contracts.detail.number')}>{c.number ?? none}</Fact>
          <Fact term={t('contracts.detail.period')}>
            {c.start_date || c.end_date
              ? t('contracts.detail.periodValue', { start: c.start_date ? f.day(c.start_date) : '', end: c.end_date ? f.day(c.end_date) : '' })
              : none}
          </Fact>
          <Fact term={t('contracts.detail.autoRenewal')}>
            {c.auto_renewal
              ? c.notice_period_days !== null
                ? t('contracts.detail.autoRenewalWithNotice', { days: c.notice_period_days })
                : t('common.yes')
              : t('common.no')}
          </Fact>
        </SimpleGrid>
        <Stack gap={4} mt="md">
          <Text size="xs" c="dimmed" fw={500}>
            {t('contracts.detail.document')}
          </Text>
          <DocumentField contract={c} canEdit={canEdit} onAttached={changed} />
        </Stack>
      </Paper>

      <Tabs value={tab} onChange={(v) => void navigate({ search: { tab: v === 'details' ? 'details' : undefined }, replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="gaps" leftSection={<IconReportAnalytics size={16} />}>
            {t('contracts.tabs.gaps')}
          </Tabs.Tab>
          <Tabs.Tab value="details" leftSection={<IconFileDescription size={16} />}>
            {t('contracts.tabs.details')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="gaps">
          <GapReport contractId={c.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="details">
          <ContractEditor
            key={c.version}
            contract={c}
            readOnly={!canEdit}
            onSaved={(updated) => {
              notifySuccess(t('contracts.form.saved'));
              changed(updated);
              void navigate({ search: { tab: undefined }, replace: true });
            }}
          />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
