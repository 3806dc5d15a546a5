import { Box, SimpleGrid, Text, TextInput } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

type CountField = 'affected_persons_estimate' | 'affected_persons_max';

/**
 * The people affected, estimate and maximum side by side under one label (short labels keep the two
 * inputs level on a phone). Typed as text: full-width digits and separators are read by parseCount.
 */
export function CountInputs({ inputProps }: { inputProps: (field: CountField) => GetInputPropsReturnType }) {
  const { t } = useTranslation();
  const id = useId();
  const people = t('portal.incidents.form.fields.people');
  const suffix = (
    <Text size="sm" c="dimmed" aria-hidden>
      {people}
    </Text>
  );
  return (
    <Box role="group" aria-labelledby={id}>
      <Text size="sm" id={id} style={{ fontWeight: 'var(--mantine-font-weight-medium)' }}>
        {t('portal.incidents.form.fields.peopleAffected')}
      </Text>
      <Text size="xs" c="dimmed" mb={6}>
        {t('portal.incidents.form.fields.countsHint')}
      </Text>
      <SimpleGrid cols={2} spacing="sm">
        {(['affected_persons_estimate', 'affected_persons_max'] as const).map((field) => (
          <TextInput
            key={field}
            label={t(field === 'affected_persons_estimate' ? 'portal.incidents.form.fields.estimateShort' : 'portal.incidents.form.fields.maxShort')}
            inputMode="numeric"
            rightSection={suffix}
            rightSectionWidth={people.length > 2 ? 60 : 32}
            maxLength={20}
            {...inputProps(field)}
          />
        ))}
      </SimpleGrid>
    </Box>
  );
}
