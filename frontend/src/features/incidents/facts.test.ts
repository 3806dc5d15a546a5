import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { checkFacts, emptyFacts, factsBody, factsPatch } from './facts';

const t = i18n.getFixedT('ja');
const TZ = 'Asia/Tokyo';
const now = new Date('2025-04-10T00:00:00Z');

describe('facts of an incident form', () => {
  it('starts with "we became aware now" and nothing else known', () => {
    const v = emptyFacts(now, TZ);
    expect(v.aware_at).toBe('2025-04-10T09:00');
    expect(factsBody(v, TZ)).toMatchObject({ aware_at: '2025-04-10T00:00:00.000Z', occurred_at: null, affected_persons_max: null, financial_damage_possible: null });
  });

  it('sends only what changed', () => {
    const initial = emptyFacts(now, TZ);
    const current = { ...initial, wrongful_intent_possible: true, affected_persons_max: 1500 };
    expect(factsPatch(initial, current, TZ)).toEqual({ wrongful_intent_possible: true, affected_persons_max: 1500 });
  });

  it("mirrors the server's checks: maximum below the estimate, times out of order or in the future", () => {
    const v = {
      ...emptyFacts(now, TZ),
      affected_persons_estimate: 50,
      affected_persons_max: 10,
      occurred_at: '2025-04-05T10:00',
      vendor_discovered_at: '2025-04-04T10:00',
      aware_at: '2025-04-11T09:00',
    };
    const errors = checkFacts(t, v, TZ, now);
    expect(errors.affected_persons_max).toBe('最大の人数は、見込みの人数以上にしてください。');
    expect(errors.vendor_discovered_at).toMatch(/前の段階/);
    expect(errors.aware_at).toBe('未来の日時は入力できません。');
  });

  it('has nothing to say about consistent facts', () => {
    const v = { ...emptyFacts(now, TZ), affected_persons_estimate: 10, affected_persons_max: 10, occurred_at: '2025-04-05T08:00' };
    expect(checkFacts(t, v, TZ, now)).toEqual({});
  });
});
