import { describe, expect, it } from 'vitest';
import { assessmentActions, canReviewAnswers } from './actions';

describe('assessmentActions', () => {
  it('offers a draft for sending, importing and deleting', () => {
    expect(assessmentActions({ status: 'draft', allowed_actions: ['send', 'import', 'delete'] }, true)).toEqual([
      'send',
      'import',
      'delete',
    ]);
  });

  it('calls sending again a reminder once the vendor has a link', () => {
    expect(assessmentActions({ status: 'sent', allowed_actions: ['send', 'import'] }, true)).toEqual(['remind', 'import']);
    expect(assessmentActions({ status: 'returned', allowed_actions: ['send', 'import'] }, true)).toEqual(['remind', 'import']);
  });

  it('puts the next review step first', () => {
    expect(assessmentActions({ status: 'submitted', allowed_actions: ['start_review', 'return', 'accept'] }, true)).toEqual([
      'start_review',
      'accept',
      'return',
    ]);
  });

  it('offers nothing to a viewer, and nothing the page does not know', () => {
    expect(assessmentActions({ status: 'submitted', allowed_actions: ['start_review', 'return', 'accept'] }, false)).toEqual([]);
    expect(assessmentActions({ status: 'accepted', allowed_actions: ['archive'] }, true)).toEqual([]);
  });
});

describe('canReviewAnswers', () => {
  it('follows whether the assessment can still be returned', () => {
    expect(canReviewAnswers({ allowed_actions: ['return', 'accept'] }, true)).toBe(true);
    expect(canReviewAnswers({ allowed_actions: ['send', 'import'] }, true)).toBe(false);
    expect(canReviewAnswers({ allowed_actions: ['return', 'accept'] }, false)).toBe(false);
  });
});
