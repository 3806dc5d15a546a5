import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The second factor's code as it is asked everywhere (sign-in, password reset, invitation): one field that takes an
 * authenticator app's 6 digits or a recovery code, filled from the phone's keyboard or a password manager.
 */
export function OneTimeCodeField(props: TextInputProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('signIn.code')}
      description={t('signIn.codeHint')}
      autoComplete="one-time-code"
      autoCapitalize="off"
      spellCheck={false}
      required
      {...props}
    />
  );
}
