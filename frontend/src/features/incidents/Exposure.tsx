import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExposureRead } from '../../client/types.gen';
import { Fact } from '../../components/DetailParts';
import { textIn } from '../../lib/bilingual';
import { useFormat } from '../../lib/format';

/** People × per-person amounts of the data class, plus lawyer fees, with the court cases behind the amounts. */
export function Exposure({ exposure: e }: { exposure: ExposureRead }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const lang = i18n.language;
  const persons =
    e.persons_low === null && e.persons_high === null
      ? t('incidents.personsUnknown')
      : e.persons_low === e.persons_high || e.persons_high === null
        ? f.number(e.persons_low ?? 0)
        : t('incidents.personsRange', { estimate: f.number(e.persons_low ?? 0), max: f.number(e.persons_high) });
  return (
    <Paper withBorder radius="md" p="md" data-testid="exposure">
      <Title order={2} fz="lg" mb="xs">
        {t('incidents.exposure.title')}
      </Title>
      {e.low !== null && e.high !== null ? (
        <Text fz={26} fw={600} data-testid="exposure-range">
          {t('incidents.exposure.range', { low: f.yen(e.low), high: f.yen(e.high) })}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('incidents.exposure.noCount')}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" mt="md">
        <Fact term={t('incidents.exposure.class')}>
          {t(`incidents.exposure.classes.${e.damages_class}` as 'incidents.exposure.classes.basic', { defaultValue: e.damages_class })}
        </Fact>
        <Fact term={t('incidents.exposure.perPerson')}>
          {t('incidents.exposure.perPersonValue', { low: f.yen(e.per_person_low), high: f.yen(e.per_person_high) })}
        </Fact>
        <Fact term={t('incidents.exposure.lawyerFee')}>{t('incidents.exposure.lawyerFeeValue', { percent: e.lawyer_fee_percent })}</Fact>
        <Fact term={t('incidents.exposure.persons')}>{persons}</Fact>
      </SimpleGrid>
      <Stack gap={6} mt="md">
        <Text size="sm">{textIn(e.reason, lang)}</Text>
        <Text size="sm">{textIn(e.explanation, lang)}</Text>
        <Text size="xs" c="dimmed">
          {textIn(e.note, lang)}
        </Text>
      </Stack>
      {e.cases.length > 0 && (
        <>
          <Title order={3} fz="md" mt="lg" mb="xs">
            {t('incidents.exposure.cases')}
          </Title>
          <Table.ScrollContainer minWidth={760}>
            <Table>
              <Table.Thead>
                <Table.Tr className="nowrap">
                  <Table.Th>{t('incidents.exposure.case.name')}</Table.Th>
                  <Table.Th>{t('incidents.exposure.case.court')}</Table.Th>
                  <Table.Th>{t('incidents.exposure.case.decided')}</Table.Th>
                  <Table.Th ta="right">{t('incidents.exposure.case.amount')}</Table.Th>
                  <Table.Th>{t('incidents.exposure.case.summary')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {e.cases.map((c) => (
                  <Table.Tr key={`${c.decided}-${c.amount}-${c.name.en}`}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {textIn(c.name, lang)}
                      </Text>
                    </Table.Td>
                    <Table.Td className="nowrap">{textIn(c.court, lang)}</Table.Td>
                    <Table.Td className="nowrap">{/^\d{4}-\d{2}-\d{2}$/.test(c.decided) ? f.day(c.decided) : c.decided}</Table.Td>
                    <Table.Td ta="right" className="nowrap">
                      {f.yen(c.amount)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{textIn(c.summary, lang)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Paper>
  );
}
