import type { Text } from '../client/types.gen';

/**
 * A template text in the UI language, falling back to the other language when that one is empty
 * (the rule of the API's `Text.get`): a template written only in Japanese still reads in English.
 */
export function textIn(text: Text | null | undefined, lang: string): string {
  if (!text) return '';
  const ja = text.ja?.trim() ?? '';
  const en = text.en?.trim() ?? '';
  return lang === 'en' ? en || ja : ja || en;
}
