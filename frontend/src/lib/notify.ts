import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n';
import { asApiError, errorMessage } from './errors';

const closeButtonProps = () => ({ 'aria-label': i18n.t('common.close') });

export function notifySuccess(message: string): void {
  notifications.show({ message, color: 'teal', autoClose: 4000, closeButtonProps: closeButtonProps() });
}

/** Show any client error as a translated notification; 403 gets the "not allowed" title. */
export function notifyError(err: unknown): void {
  const e = asApiError(err);
  const title =
    e.status === 403 ? i18n.t('errors.notAllowedTitle') : e.isNetwork ? i18n.t('errors.networkTitle') : i18n.t('errors.title');
  notifications.show({
    id: e.status === 403 ? 'forbidden' : undefined,
    title,
    message: errorMessage(i18n.t, err),
    color: 'red',
    autoClose: e.isNetwork ? false : 8000,
    closeButtonProps: closeButtonProps(),
  });
}
