import type { UserEvent } from '@testing-library/user-event';

/**
 * Replace a field's text in one go, as pasting does (Playwright's `fill`). `user.type` sends every character as
 * its own key events and re-renders a Mantine form for each: seconds for a sentence on a busy machine. Type
 * key by key only where the keystrokes are what the test is about.
 */
export async function fill(user: UserEvent, field: HTMLElement, text: string): Promise<void> {
  await user.clear(field);
  await user.paste(text);
}
