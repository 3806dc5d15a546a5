import { describe, expect, it } from 'vitest';
import type { IncidentObligationRead } from '../../client/types.gen';
import { deadlineChanges, groupObligations } from './obligations';

type O = Pick<IncidentObligationRead, 'id' | 'jurisdiction' | 'kind' | 'party' | 'due_date' | 'due_at' | 'required' | 'status'>;

const ob = (kind: O['kind'], due: string | null, over: Partial<O> = {}): O => ({
  id: kind,
  jurisdiction: 'JP-APPI',
  kind,
  party: kind === 'notify_principal' ? 'vendor' : 'principal',
  due_date: due,
  due_at: due ? `${due}T14:59:59Z` : null,
  required: true,
  status: 'pending',
  ...over,
});

describe('groupObligations', () => {
  it("puts ours and the vendor's notice apart, soonest first, undated last", () => {
    const g = groupObligations([
      ob('notify_individuals', null),
      ob('regulator_final_report', '2025-05-07'),
      ob('notify_principal', '2025-04-06'),
      ob('regulator_preliminary_report', '2025-04-10'),
    ]);
    expect(g.principal.map((o) => o.kind)).toEqual(['regulator_preliminary_report', 'regulator_final_report', 'notify_individuals']);
    expect(g.vendor.map((o) => o.kind)).toEqual(['notify_principal']);
  });
});

describe('deadlineChanges', () => {
  it('tells the final report moving from day 30 to day 60 when wrongful intent becomes possible', () => {
    const before = [ob('regulator_preliminary_report', '2025-04-10'), ob('regulator_final_report', '2025-05-07')];
    const after = [ob('regulator_preliminary_report', '2025-04-10'), ob('regulator_final_report', '2025-06-03')];
    expect(deadlineChanges(before, after)).toEqual([
      { change: 'moved', kind: 'regulator_final_report', jurisdiction: 'JP-APPI', from: '2025-05-07', to: '2025-06-03' },
    ]);
  });

  it('tells obligations that arise and those no longer required', () => {
    const before = [ob('notify_principal', '2025-04-06')];
    const after = [ob('notify_principal', '2025-04-06', { required: false }), ob('regulator_final_report', '2025-05-07')];
    expect(deadlineChanges(before, after)).toEqual([
      { change: 'added', kind: 'regulator_final_report', jurisdiction: 'JP-APPI', to: '2025-05-07' },
      { change: 'removed', kind: 'notify_principal', jurisdiction: 'JP-APPI' },
    ]);
  });

  it('is empty when nothing moved', () => {
    const same = [ob('regulator_final_report', '2025-05-07')];
    expect(deadlineChanges(same, same)).toEqual([]);
  });
});
