import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../components/DetailParts';
import { PageHeader } from '../../components/PageHeader';
import { notifySuccess } from '../../lib/notify';
import { ContractEditor } from './ContractForm';
import { useRefreshContracts } from './refresh';

const route = getRouteApi('/_app/contracts/new');

export function NewContractPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const refresh = useRefreshContracts();
  return (
    <>
      <BackLink to="/contracts">{t('contracts.backToList')}</BackLink>
      <PageHeader title={t('contracts.new')} description={t('contracts.form.clausesHint')} />
      <ContractEditor
        vendorId={search.vendor}
        onSaved={(c) => {
          notifySuccess(t('contracts.form.created', { title: c.title }));
          void refresh();
          void navigate({ to: '/contracts/$contractId', params: { contractId: c.id } });
        }}
      />
    </>
  );
}
