import { IconAlertTriangle, IconCheck, IconCloudCheck, IconLoader2 } from '@tabler/icons-react';
import type { ComponentType, CSSProperties } from 'react';
import type { SaveState } from './autosave';

type Icon = ComponentType<{ size?: number; color?: string; style?: CSSProperties; 'aria-hidden'?: boolean }>;
/** A message under `portal.save`. */
type SaveLabel = 'idle' | 'pending' | 'saving' | 'saved' | 'allSaved' | 'error' | 'someFailed';
type Look = { label: SaveLabel; Icon: Icon };

/**
 * How each save state shows, the one table for the portal's save status: its colour, and its words and icon for
 * one question (nothing while idle or typing; a spinner where it has no icon) and for all the answers (the progress
 * band).
 */
export const SAVE_STATUS: Record<SaveState, { color: string; question?: { label: SaveLabel; Icon?: Icon }; overall: Look }> = {
  idle: { color: 'dimmed', overall: { label: 'idle', Icon: IconCloudCheck } },
  pending: { color: 'dimmed', overall: { label: 'pending', Icon: IconLoader2 } },
  saving: { color: 'dimmed', question: { label: 'saving' }, overall: { label: 'saving', Icon: IconLoader2 } },
  saved: { color: 'teal.9', question: { label: 'saved', Icon: IconCheck }, overall: { label: 'allSaved', Icon: IconCloudCheck } },
  error: { color: 'red.9', question: { label: 'error', Icon: IconAlertTriangle }, overall: { label: 'someFailed', Icon: IconAlertTriangle } },
};

/** A Mantine colour of the table ('teal.9', 'dimmed') as the CSS value an icon's `color` takes. */
export const colorVar = (color: string) => `var(--mantine-color-${color.replace('.', '-')})`;
