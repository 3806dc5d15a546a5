import { Paper } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { usersListUsersOptions } from '../../client/@tanstack/react-query.gen';
import { BackLink } from '../../components/DetailParts';
import { PageHeader } from '../../components/PageHeader';
import { notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';
import { VendorForm } from './VendorForm';

export function NewVendorPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const people = useQuery(usersListUsersOptions({ query: { size: 100, sort: 'name', is_active: true } }));
  return (
    <>
      <BackLink to="/vendors">{t('vendors.backToList')}</BackLink>
      <PageHeader title={t('vendors.form.createTitle')} description={t('vendors.form.createSubtitle')} />
      <Paper withBorder radius="md" p="lg" maw={860}>
        <VendorForm
          owners={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          onCancel={() => void navigate({ to: '/vendors' })}
          onSaved={(v) => {
            notifySuccess(t('vendors.form.created', { name: v.name }));
            void invalidateOperations(queryClient, 'vendorsListVendors');
            void navigate({ to: '/vendors/$vendorId', params: { vendorId: v.id } });
          }}
        />
      </Paper>
    </>
  );
}
