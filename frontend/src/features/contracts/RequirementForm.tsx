import { Button, Group, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { contractsCreateClauseRequirementMutation, contractsUpdateClauseRequirementMutation } from '../../client/@tanstack/react-query.gen';
import type { ClauseRequirementRead, Level, OrganizationRequirementCreate } from '../../client/types.gen';
import { asApiError } from '../../lib/errors';
import { applyApiFieldErrors } from '../../lib/forms';
import { notifyError } from '../../lib/notify';

const FIELDS = ['key', 'title_ja', 'title_en', 'wording_ja', 'wording_en', 'level'] as const;
// The API nests the texts (`title.ja`); the form holds them flat. A whole-object error (neither language given)
// goes on the Japanese field.
const RENAME = {
  title: 'title_ja',
  'title.ja': 'title_ja',
  'title.en': 'title_en',
  standard_wording: 'wording_ja',
  'standard_wording.ja': 'wording_ja',
  'standard_wording.en': 'wording_en',
};
/** The API's pattern for an organisation's key. */
export const KEY_PATTERN = /^org_[a-z0-9_]{1,60}$/;

type Values = { key: string; title_ja: string; title_en: string; wording_ja: string; wording_en: string; level: Level };

const blank = (v: string) => v.trim() || null;

/** The request body: blank texts left out (the API copies one language to the other), a blank key generated. */
export function requirementBody(v: Values): OrganizationRequirementCreate {
  const wording = { ja: blank(v.wording_ja), en: blank(v.wording_en) };
  return {
    key: blank(v.key),
    title: { ja: blank(v.title_ja), en: blank(v.title_en) },
    standard_wording: wording.ja || wording.en ? wording : null,
    level: v.level,
  };
}

/** Adds a requirement of the organisation's own, or changes one (its key then stays). */
export function RequirementForm({
  requirement,
  onSaved,
  onCancel,
  onStale,
}: {
  requirement?: ClauseRequirementRead;
  onSaved: (r: ClauseRequirementRead, created: boolean) => void;
  onCancel: () => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      key: requirement?.key ?? '',
      title_ja: requirement?.title.ja ?? '',
      title_en: requirement?.title.en ?? '',
      wording_ja: requirement?.standard_wording?.ja ?? '',
      wording_en: requirement?.standard_wording?.en ?? '',
      level: requirement?.level ?? 'required',
    },
    validate: {
      key: (v) => (requirement || !v.trim() || KEY_PATTERN.test(v.trim()) ? null : t('contracts.library.form.keyPattern')),
      title_ja: (v, values) =>
        !v.trim() && !values.title_en.trim() ? t('contracts.library.form.titleRequired') : v.length > 200 ? t('validation.maxLength', { max: 200 }) : null,
      title_en: (v) => (v.length > 200 ? t('validation.maxLength', { max: 200 }) : null),
      wording_ja: (v) => (v.length > 5000 ? t('validation.maxLength', { max: 5000 }) : null),
      wording_en: (v) => (v.length > 5000 ? t('validation.maxLength', { max: 5000 }) : null),
    },
  });
  const onError = (err: unknown) => {
    const e = asApiError(err);
    if (e.error === 'stale_version') {
      notifyError(err);
      onStale();
    } else if (e.error === 'clause_requirement_key_taken') {
      form.setFieldError('key', t('contracts.library.form.keyTaken'));
    } else if (!applyApiFieldErrors(form, err, t, FIELDS, RENAME)) notifyError(err);
  };
  const create = useMutation({
    ...contractsCreateClauseRequirementMutation(),
    meta: { handlesErrors: true },
    onSuccess: (r) => onSaved(r, true),
    onError,
  });
  const update = useMutation({
    ...contractsUpdateClauseRequirementMutation(),
    meta: { handlesErrors: true },
    onSuccess: (r) => onSaved(r, false),
    onError,
  });

  const submit = (v: Values) => {
    const body = requirementBody(v);
    if (requirement?.id && requirement.version !== null) {
      update.mutate({
        path: { requirement_id: requirement.id },
        body: { version: requirement.version, title: body.title, standard_wording: body.standard_wording ?? null, level: body.level },
      });
    } else create.mutate({ body });
  };

  return (
    <form noValidate onSubmit={form.onSubmit(submit)}>
      <Stack gap="md">
        <TextInput
          label={t('contracts.library.form.key')}
          description={requirement ? t('contracts.library.form.keyFixed') : t('contracts.library.form.keyHint')}
          placeholder={requirement ? undefined : 'org_domestic_storage'}
          readOnly={!!requirement}
          variant={requirement ? 'filled' : 'default'}
          classNames={{ input: 'mono' }}
          {...form.getInputProps('key')}
        />
        <Stack gap={4}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('contracts.library.form.titleJa')} data-autofocus {...form.getInputProps('title_ja')} />
            <TextInput label={t('contracts.library.form.titleEn')} {...form.getInputProps('title_en')} />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('contracts.library.form.titleHint')}
          </Text>
        </Stack>
        <Textarea label={t('contracts.library.form.wordingJa')} description={t('contracts.library.form.wordingHint')} autosize minRows={3} maxRows={8} {...form.getInputProps('wording_ja')} />
        <Textarea label={t('contracts.library.form.wordingEn')} autosize minRows={3} maxRows={8} {...form.getInputProps('wording_en')} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="requirement-level-label">
            {t('contracts.library.form.level')}
          </Text>
          <SegmentedControl
            aria-labelledby="requirement-level-label"
            data={[
              { value: 'required', label: t('contracts.levels.required') },
              { value: 'desirable', label: t('contracts.levels.desirable') },
            ]}
            style={{ alignSelf: 'flex-start' }}
            {...form.getInputProps('level')}
          />
          <Text size="xs" c="dimmed">
            {t('contracts.library.form.levelHint')}
          </Text>
        </Stack>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
