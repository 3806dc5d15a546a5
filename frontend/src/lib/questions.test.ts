import { describe, expect, it } from 'vitest';
import { questionNumbers } from './questions';

describe('questionNumbers', () => {
  it('numbers questions by section and place, like the workbook, restarting in each section', () => {
    const sections = [{ questions: [{ key: 'policy' }, { key: 'certifications' }] }, { questions: [{ key: 'text' }] }];
    expect([...questionNumbers(sections).entries()]).toEqual([
      ['policy', '1.1'],
      ['certifications', '1.2'],
      ['text', '2.1'],
    ]);
  });
});
