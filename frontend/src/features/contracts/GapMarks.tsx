import { Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCircleCheck, IconExclamationMark, IconX } from '@tabler/icons-react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { GapSummaryRead, Level, Status } from '../../client/types.gen';
import { cellLabel, gapSummaryText } from './overview';

// Shape tells the status (✕ missing, ! weaker, ✓ met), fill tells the level (solid: required, tinted: desirable),
// so that neither depends on colour alone; the words are in visually hidden text next to each mark.
const MARK_STYLES: Record<Status, Record<Level, CSSProperties>> = {
  missing: {
    required: { background: '#c92a2a', color: '#fff', borderColor: '#c92a2a' },
    desirable: { background: '#fde8e8', color: '#8f1d1d', borderColor: '#d86a6a' },
  },
  weaker: {
    required: { background: '#f59f00', color: '#2b1d00', borderColor: '#c77f00' },
    desirable: { background: '#fef6d2', color: '#6b4f00', borderColor: '#d8b43c' },
  },
  met: {
    required: { background: '#e3f4ea', color: '#1c5f36', borderColor: '#9fd4b3' },
    desirable: { background: 'transparent', color: '#1c5f36', borderColor: 'transparent' },
  },
};
const ICONS = { missing: IconX, weaker: IconExclamationMark, met: IconCheck } as const;

/** The visual mark of one matrix cell; it is decoration (aria-hidden), the label goes next to it. */
export function GapMark({ status, level, size = 22 }: { status: Status; level: Level; size?: number }) {
  const Icon = ICONS[status];
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: size,
        height: size,
        borderRadius: '50%',
        border: '1.5px solid',
        flex: 'none',
        ...MARK_STYLES[status][level],
      }}
    >
      <Icon size={size - 8} stroke={3} />
    </span>
  );
}

/** The marks with their meaning, above the matrix. */
export function GapLegend() {
  const { t } = useTranslation();
  const items: { status: Status; level: Level }[] = [
    { status: 'missing', level: 'required' },
    { status: 'missing', level: 'desirable' },
    { status: 'weaker', level: 'required' },
    { status: 'weaker', level: 'desirable' },
    { status: 'met', level: 'required' },
    { status: 'met', level: 'desirable' },
  ];
  return (
    <Group gap="md" wrap="wrap" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('contracts.overview.legend')}>
      {items.map((i) => (
        <Group key={`${i.status}-${i.level}`} component="li" gap={6} wrap="nowrap">
          <GapMark status={i.status} level={i.level} size={18} />
          <Text size="xs">{cellLabel(t, i)}</Text>
        </Group>
      ))}
      <Text component="li" size="xs" c="dimmed">
        {t('contracts.overview.legendEmpty')}
      </Text>
    </Group>
  );
}

/**
 * A contract's gaps in one glance: "不足 3 · 弱い 1" with "うち必須 2" below (red while a required clause is
 * missing or weaker), or a check when nothing is. Screen readers get the whole sentence instead.
 */
export function GapSummary({ summary }: { summary: GapSummaryRead }) {
  const { t } = useTranslation();
  const text = gapSummaryText(t, summary);
  const requiredOpen = summary.required_missing + summary.required_weaker > 0;
  return (
    <div data-testid="gap-summary-cell" data-complete={summary.complete}>
      <span className="visually-hidden">{text.full}</span>
      <div aria-hidden="true">
        {text.required === null ? (
          <Group gap={4} wrap="nowrap" c="#1c5f36">
            <IconCircleCheck size={16} />
            <Text size="sm" fw={600} className="nowrap">
              {text.short}
            </Text>
          </Group>
        ) : (
          <>
            <Text size="sm">{text.short}</Text>
            <Group gap={4} wrap="nowrap" c={requiredOpen ? 'red.9' : '#1c5f36'}>
              {requiredOpen ? <IconAlertTriangle size={14} /> : <IconCheck size={14} />}
              <Text size="xs" fw={600} className="nowrap">
                {text.required}
              </Text>
            </Group>
          </>
        )}
      </div>
    </div>
  );
}
