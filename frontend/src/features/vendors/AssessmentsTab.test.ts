import { describe, expect, it } from 'vitest';
import type { AssessmentSummary } from '../../client/types.gen';
import { latestAccepted } from './AssessmentsTab';

function summary(id: string, status: AssessmentSummary['status'], decided_at: string | null): AssessmentSummary {
  return {
    id,
    vendor_id: 'v',
    vendor_name: 'v',
    questionnaire_id: 'q',
    questionnaire_version_id: 'qv',
    questionnaire_version_number: 1,
    kind: 'periodic',
    status,
    title: id,
    due_date: null,
    overdue: false,
    owner_user_id: null,
    sent_at: null,
    submitted_at: null,
    decided_at,
    score: null,
    band: null,
    valid_until: null,
    open_findings: 0,
    reminder_count: 0,
    last_reminded_at: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    version: 1,
  };
}

describe('latestAccepted', () => {
  it('is the accepted assessment decided last, whatever the list order', () => {
    const items = [
      summary('old', 'accepted', '2025-04-01T00:00:00Z'),
      summary('returned', 'returned', '2026-05-01T00:00:00Z'),
      summary('new', 'accepted', '2026-03-01T00:00:00Z'),
    ];
    expect(latestAccepted(items)?.id).toBe('new');
  });

  it('is nothing when none was accepted', () => {
    expect(latestAccepted([summary('a', 'submitted', null)])).toBeUndefined();
  });
});
