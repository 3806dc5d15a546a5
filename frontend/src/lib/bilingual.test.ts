import { describe, expect, it } from 'vitest';
import { textIn } from './bilingual';

describe('textIn', () => {
  it('reads the UI language', () => {
    expect(textIn({ ja: 'はい', en: 'Yes' }, 'ja')).toBe('はい');
    expect(textIn({ ja: 'はい', en: 'Yes' }, 'en')).toBe('Yes');
  });

  it('falls back to the other language when one is empty, as the API does', () => {
    expect(textIn({ ja: '秘密保持', en: '' }, 'en')).toBe('秘密保持');
    expect(textIn({ ja: '  ', en: 'Confidentiality' }, 'ja')).toBe('Confidentiality');
    expect(textIn({ en: 'Only English' }, 'ja')).toBe('Only English');
  });

  it('reads nothing from no text', () => {
    expect(textIn(null, 'ja')).toBe('');
    expect(textIn(undefined, 'en')).toBe('');
  });
});
