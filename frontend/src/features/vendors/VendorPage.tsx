import { Group, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { vendorsGetVendorOptions } from '../../client/@tanstack/react-query.gen';
import { BackLink } from '../../components/DetailParts';
import { QueryError } from '../../components/QueryError';
import { TierBadge, ToneBadge } from '../../components/TierBadge';
import { VENDOR_TABS, type VendorTab } from '../../routes/tabs';
import { AssessmentsTab } from './AssessmentsTab';
import { CertificationsTab } from './CertificationsTab';
import { ContactsTab } from './ContactsTab';
import { ContractsTab } from './ContractsTab';
import { HistoryTab } from './HistoryTab';
import { IncidentsTab } from './IncidentsTab';
import { MonitoringTab } from './MonitoringTab';
import { OverviewTab } from './OverviewTab';
import { ProcessingTab } from './ProcessingTab';
import { SubcontractorsTab } from './SubcontractorsTab';
import { STATUS_TONES } from './vocabulary';

const route = getRouteApi('/_app/vendors/$vendorId');

export function VendorPage() {
  const { t } = useTranslation();
  const { vendorId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const tab = search.tab ?? 'overview';
  const query = useQuery(vendorsGetVendorOptions({ path: { vendor_id: vendorId } }));
  const vendor = query.data;

  return (
    <>
      <BackLink to="/vendors">{t('vendors.backToList')}</BackLink>
      {query.error ? (
        <Stack mt="md">
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        </Stack>
      ) : !vendor ? (
        <Stack mt="md" gap="sm">
          <Skeleton height={28} width="40%" />
          <Skeleton height={16} width="25%" />
          <Skeleton height={240} />
        </Stack>
      ) : (
        <>
          <Group justify="space-between" align="flex-end" mt={6} mb="md" gap="md" wrap="wrap">
            <Stack gap={2} style={{ minWidth: 0 }}>
              {vendor.name_kana && (
                <Text size="xs" c="dimmed">
                  {vendor.name_kana}
                </Text>
              )}
              <Group gap="sm" align="center">
                <Title order={1} fz={24}>
                  {vendor.name}
                </Title>
                <TierBadge tier={vendor.tier} size="lg" />
                <ToneBadge tone={STATUS_TONES[vendor.status]} size="lg">
                  {t(`vendors.statuses.${vendor.status}`)}
                </ToneBadge>
              </Group>
              {vendor.corporate_number && (
                <Text size="sm" c="dimmed">
                  {t('vendors.form.corporateNumber')} <span className="mono">{vendor.corporate_number}</span>
                </Text>
              )}
            </Stack>
          </Group>
          <Tabs
            value={tab}
            onChange={(v) =>
              void navigate({ search: { tab: v === 'overview' ? undefined : (v as VendorTab) }, replace: true })
            }
            keepMounted={false}
          >
            <Tabs.List aria-label={t('vendors.tabs.label')} mb="md">
              {VENDOR_TABS.map((k) => (
                <Tabs.Tab key={k} value={k}>
                  {k === 'assessments' ? t('assessments.vendorTab.title') : k === 'incidents' ? t('incidents.vendorTab.title') : k === 'monitoring' ? t('monitoring.vendorTab.tab') : t(`vendors.tabs.${k}`)}
                  {k === 'contacts' && vendor.missing_incident_contact && (
                    <Text span c="red.8" ml={4} aria-hidden>
                      !
                    </Text>
                  )}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="overview">
              <OverviewTab vendor={vendor} onReload={() => void query.refetch()} />
            </Tabs.Panel>
            <Tabs.Panel value="processing">
              <ProcessingTab vendor={vendor} />
            </Tabs.Panel>
            <Tabs.Panel value="contacts">
              <ContactsTab vendor={vendor} />
            </Tabs.Panel>
            <Tabs.Panel value="subcontractors">
              <SubcontractorsTab vendor={vendor} />
            </Tabs.Panel>
            <Tabs.Panel value="contracts">
              <ContractsTab vendor={vendor} />
            </Tabs.Panel>
            <Tabs.Panel value="monitoring">
              <MonitoringTab vendor={vendor} />
            </Tabs.Panel>
            <Tabs.Panel value="incidents">
              <IncidentsTab vendor={vendor} />
            </Tabs.Panel>
            <Tabs.Panel value="certifications">
              <CertificationsTab vendor={vendor} />
            </Tabs.Panel>
            <Tabs.Panel value="assessments">
              <AssessmentsTab vendor={vendor} />
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <HistoryTab vendor={vendor} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </>
  );
}
