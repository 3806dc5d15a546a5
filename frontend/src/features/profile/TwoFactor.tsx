import { Alert, Badge, Button, Group, Image, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDownload, IconShieldLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  authDisableTwoFactorMutation,
  authEnableTwoFactorMutation,
  authGetTwoFactorOptions,
  authRenewRecoveryCodesMutation,
  authSetUpTwoFactorMutation,
} from '../../client/@tanstack/react-query.gen';
import type { TwoFactorSetup } from '../../client/types.gen';
import { CopyField } from '../../components/CopyField';
import { PasswordField } from '../../components/PasswordField';
import { QueryError } from '../../components/QueryError';
import { saveBlob } from '../../lib/download';
import { asApiError, errorMessage } from '../../lib/errors';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { invalidateOperations } from '../../lib/queries';
import { meQuery } from '../../lib/session';

const codeError = (value: string) => (/^\s*\d{3}\s?\d{3}\s*$/.test(value) ? null : 'code');

/** Ten single-use codes, shown once: copy, download or write them down. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="recovery-codes">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
        {t('profile.twoFactor.codesWarning')}
      </Alert>
      <CopyField label={t('profile.twoFactor.codesTitle')} value={codes.join('\n')} testId="recovery-code-list" />
      <Group justify="flex-end" gap="xs">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
          onClick={() => saveBlob(new Blob([codes.join('\n') + '\n'], { type: 'text/plain' }), 'itaku-recovery-codes.txt')}
        >
          {t('profile.twoFactor.download')}
        </Button>
        <Button size="xs" onClick={onDone}>
          {t('profile.twoFactor.codesKept')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Two-factor sign-in on the profile: set up an authenticator app with its QR code, confirm with a code, keep the
 * recovery codes; later renew the codes or turn it off (not while an organisation requires it).
 */
export function TwoFactor() {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const status = useQuery(authGetTwoFactorOptions());
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [acting, setActing] = useState<'renew' | 'disable' | null>(null);
  const changed = () => {
    void invalidateOperations(queryClient, 'authGetTwoFactor', 'authListSessions', 'auditEventsListAuditEvents');
    void queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
  };

  const begin = useMutation({ ...authSetUpTwoFactorMutation(), onSuccess: (s) => setSetup(s) });
  const confirmForm = useForm({ initialValues: { code: '' }, validate: { code: (v) => codeError(v) && t('profile.twoFactor.codeFormat') } });
  const enable = useMutation({
    ...authEnableTwoFactorMutation(),
    meta: { handlesErrors: true },
    onSuccess: (r) => {
      setSetup(null);
      setCodes(r.recovery_codes);
      confirmForm.reset();
      notifySuccess(t('profile.twoFactor.enabled'));
      changed();
    },
    onError: (err) => confirmForm.setFieldError('code', errorMessage(t, err)),
  });
  const actForm = useForm({ initialValues: { code: '', password: '' } });
  const renew = useMutation({
    ...authRenewRecoveryCodesMutation(),
    meta: { handlesErrors: true },
    onSuccess: (r) => {
      setActing(null);
      setCodes(r.recovery_codes);
      actForm.reset();
      changed();
    },
    onError: (err) => actForm.setFieldError('code', errorMessage(t, err)),
  });
  const disable = useMutation({
    ...authDisableTwoFactorMutation(),
    meta: { handlesErrors: true },
    onSuccess: () => {
      setActing(null);
      actForm.reset();
      notifySuccess(t('profile.twoFactor.disabled'));
      changed();
    },
    onError: (err) => {
      const e = asApiError(err);
      if (e.error === 'invalid_credentials') actForm.setFieldError('password', errorMessage(t, err));
      else actForm.setFieldError('code', errorMessage(t, err));
    },
  });

  const s = status.data;
  return (
    <Paper withBorder radius="md" p="lg" data-testid="two-factor" id="two-factor">
      <Group justify="space-between" align="flex-start" mb="xs" gap="sm">
        <Group gap="xs">
          <IconShieldLock size={20} />
          <Title order={2} fz="lg">
            {t('profile.twoFactor.title')}
          </Title>
          {s && (
            <Badge color={s.enabled ? 'teal' : 'gray'} variant="light">
              {s.enabled ? t('profile.twoFactor.on') : t('profile.twoFactor.off')}
            </Badge>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="md" maw={760}>
        {t('profile.twoFactor.intro')}
      </Text>
      {status.error && <QueryError error={status.error} onRetry={() => void status.refetch()} />}
      {s && s.required_by.length > 0 && !s.enabled && (
        <Alert color="orange" variant="light" mb="md" role="alert">
          {t('profile.twoFactor.requiredBy', { names: s.required_by.join(t('common.listSeparator')) })}
        </Alert>
      )}

      {codes ? (
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      ) : s && !s.enabled ? (
        setup ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('profile.twoFactor.scan')}</Text>
              <Image src={setup.qr_svg} alt={t('profile.twoFactor.qrAlt')} w={200} h={200} bg="white" />
              <CopyField label={t('profile.twoFactor.secret')} value={setup.secret} testId="totp-secret" />
            </Stack>
            <form noValidate onSubmit={confirmForm.onSubmit((v) => enable.mutate({ body: { code: v.code.replace(/\s/g, '') } }))}>
              <Stack gap="sm">
                <TextInput
                  label={t('profile.twoFactor.code')}
                  description={t('profile.twoFactor.codeHint')}
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  required
                  {...confirmForm.getInputProps('code')}
                />
                <Group gap="xs" justify="flex-end">
                  <Button variant="default" onClick={() => setSetup(null)}>
                    {t('common.cancel')}
                  </Button>
                  <Button type="submit" loading={enable.isPending}>
                    {t('profile.twoFactor.enable')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </SimpleGrid>
        ) : (
          <Button loading={begin.isPending} onClick={() => begin.mutate({})}>
            {t('profile.twoFactor.setUp')}
          </Button>
        )
      ) : s ? (
        <Stack gap="sm">
          <Text size="sm">
            {t('profile.twoFactor.since', { at: s.enabled_at ? f.date(s.enabled_at) : '' })}{' '}
            {t('profile.twoFactor.codesLeft', { count: s.recovery_codes_left })}
          </Text>
          {s.required_by.length > 0 && (
            <Text size="sm" c="dimmed">
              {t('profile.twoFactor.keptBy', { names: s.required_by.join(t('common.listSeparator')) })}
            </Text>
          )}
          {acting ? (
            <form
              noValidate
              onSubmit={actForm.onSubmit((v) =>
                acting === 'renew'
                  ? renew.mutate({ body: { code: v.code.trim() } })
                  : disable.mutate({ body: { code: v.code.trim(), password: v.password } }),
              )}
            >
              <Stack gap="sm" maw={420}>
                {acting === 'disable' && (
                  <PasswordField label={t('profile.currentPassword')} autoComplete="current-password" required {...actForm.getInputProps('password')} />
                )}
                <TextInput
                  label={t('profile.twoFactor.code')}
                  description={t('profile.twoFactor.codeOrRecovery')}
                  autoComplete="one-time-code"
                  required
                  {...actForm.getInputProps('code')}
                />
                <Group gap="xs" justify="flex-end">
                  <Button variant="default" onClick={() => setActing(null)}>
                    {t('common.cancel')}
                  </Button>
                  <Button type="submit" color={acting === 'disable' ? 'red' : undefined} loading={renew.isPending || disable.isPending}>
                    {acting === 'renew' ? t('profile.twoFactor.renew') : t('profile.twoFactor.disable')}
                  </Button>
                </Group>
              </Stack>
            </form>
          ) : (
            <Group gap="xs">
              <Button variant="default" size="sm" onClick={() => setActing('renew')}>
                {t('profile.twoFactor.renew')}
              </Button>
              {s.required_by.length === 0 && (
                <Button variant="subtle" color="red" size="sm" onClick={() => setActing('disable')}>
                  {t('profile.twoFactor.disable')}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      ) : null}
    </Paper>
  );
}
