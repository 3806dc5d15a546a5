import { Box, Button, Collapse, Container, Group, NavLink, Progress, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronDown, IconChevronUp, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Progress as Counts } from './answers';
import { PORTAL_WIDTH } from './context';
import type { SaveState } from './autosave';
import { colorVar, SAVE_STATUS } from './saveStatus';

export type SectionSummary = { key: string; title: string; answered: number; total: number; missing: boolean; complete: boolean };

export function overallSaveState(states: Iterable<SaveState>): SaveState {
  const all = [...states];
  if (all.includes('error')) return 'error';
  if (all.includes('saving')) return 'saving';
  if (all.includes('pending')) return 'pending';
  return all.includes('saved') ? 'saved' : 'idle';
}

/** "All changes saved" and its siblings, announced politely to screen readers. */
export function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  const {
    color,
    overall: { Icon, label },
  } = SAVE_STATUS[state];
  return (
    <Group gap={4} wrap="nowrap" role="status" aria-live="polite" data-testid="save-indicator" data-state={state} style={{ minWidth: 0 }}>
      <Icon size={16} style={{ flexShrink: 0 }} color={colorVar(color)} aria-hidden />
      <Text size="xs" c={color} fw={state === 'error' ? 700 : 500} ta="right" lh={1.3}>
        {t(`portal.save.${label}`)}
      </Text>
    </Group>
  );
}

/** The sections with how much of each is answered; picking one scrolls to it. */
export function SectionNav({ sections, onPick }: { sections: SectionSummary[]; onPick: (key: string) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {sections.map((s, i) => (
        <li key={s.key}>
          <NavLink
            component="button"
            onClick={() => onPick(s.key)}
            label={s.title}
            leftSection={
              <Text size="sm" c="dimmed" w={26} ta="right" span className="nowrap">
                {i + 1}.
              </Text>
            }
            rightSection={
              <Group gap={4} wrap="nowrap">
                {s.complete ? (
                  <IconCircleCheck size={16} color="var(--mantine-color-teal-9)" aria-hidden />
                ) : s.missing ? (
                  <IconAlertTriangle size={16} color="var(--mantine-color-red-9)" role="img" aria-label={t('portal.progress.sectionMissing')} />
                ) : null}
                <Text size="xs" c="dimmed" span className="nowrap">
                  {t('portal.progress.sectionCount', { answered: s.answered, total: s.total })}
                </Text>
              </Group>
            }
            styles={{ label: { fontSize: 'var(--mantine-font-size-sm)', lineHeight: 1.5 }, root: { borderRadius: 'var(--mantine-radius-sm)' } }}
            data-testid="section-link"
          />
        </li>
      ))}
    </Stack>
  );
}

/**
 * The band that stays at the top while the contact scrolls: required questions answered, whether
 * everything is saved, and (on a phone) the section list folded away.
 */
export function ProgressBand({
  counts,
  save,
  sections,
  onPick,
}: {
  counts: Counts;
  save: SaveState;
  sections: SectionSummary[];
  onPick: (key: string) => void;
}) {
  const { t } = useTranslation();
  const [open, { toggle, close }] = useDisclosure(false);
  const { required, requiredAnswered } = counts;
  const complete = requiredAnswered >= required;
  const percent = required > 0 ? (requiredAnswered / required) * 100 : 100;
  return (
    <Box
      pos="sticky"
      top={0}
      bg="white"
      style={{ zIndex: 100, borderBottom: '1px solid var(--mantine-color-gray-3)', boxShadow: '0 1px 3px rgba(0,0,0,0.04)' }}
      data-testid="portal-progress"
    >
      <Container size={PORTAL_WIDTH} px={{ base: 'sm', sm: 'md' }} py={8}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" fw={600} id="portal-progress-label" data-testid="progress-text" style={{ flexShrink: 0 }}>
            <Box component="span" visibleFrom="sm">
              {complete ? t('portal.progress.complete') : t('portal.progress.long', { answered: requiredAnswered, required })}
            </Box>
            <Box component="span" hiddenFrom="sm" className="nowrap">
              {t('portal.progress.short', { answered: requiredAnswered, required })}
            </Box>
          </Text>
          <SaveIndicator state={save} />
        </Group>
        <Group gap="sm" wrap="nowrap" mt={6}>
          <Progress
            value={percent}
            size="md"
            radius="xl"
            color={complete ? 'teal.8' : 'navy'}
            aria-label={t('portal.progress.label')}
            style={{ flex: 1 }}
          />
          <Button
            hiddenFrom="md"
            size="compact-sm"
            variant="default"
            rightSection={open ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
            aria-expanded={open}
            aria-controls="portal-sections-phone"
            onClick={toggle}
          >
            {t('portal.progress.sections')}
          </Button>
        </Group>
        <Collapse expanded={open} hiddenFrom="md" id="portal-sections-phone">
          <Box mt="xs" mah="60vh" style={{ overflowY: 'auto' }} component="nav" aria-label={t('portal.progress.sectionsNav')}>
            <SectionNav
              sections={sections}
              onPick={(key) => {
                close();
                onPick(key);
              }}
            />
          </Box>
        </Collapse>
      </Container>
    </Box>
  );
}
