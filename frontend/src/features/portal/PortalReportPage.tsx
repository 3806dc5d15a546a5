import { Alert, Box, List, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PortalFrame, PortalMessage } from './PortalFrame';
import { RequestLink } from './RequestLink';

/**
 * The standing way in for a vendor contact with an incident to report (`/portal/report`): no account,
 * no link in hand — what to do, and the request of a link to the address on record.
 */
export function PortalReportPage() {
  const { t } = useTranslation();
  return (
    <PortalFrame>
      <PortalMessage icon={<IconAlertTriangle size={24} />} color="red" title={t('portal.report.title')}>
        <Text>{t('portal.report.intro')}</Text>
        <Box>
          <Title order={2} fz="md" mb={6}>
            {t('portal.report.stepsTitle')}
          </Title>
          <List type="ordered" spacing={6} size="sm">
            <List.Item>{t('portal.report.steps.link')}</List.Item>
            <List.Item>{t('portal.report.steps.form')}</List.Item>
            <List.Item>{t('portal.report.steps.updates')}</List.Item>
          </List>
        </Box>
        <RequestLink purpose="portal" />
        <Alert color="gray" variant="light" icon={<IconScale size={18} />} w="100%">
          <Text size="sm">{t('portal.report.duty')}</Text>
        </Alert>
        <Text size="sm" c="dimmed">
          {t('portal.report.urgent')}
        </Text>
      </PortalMessage>
    </PortalFrame>
  );
}
