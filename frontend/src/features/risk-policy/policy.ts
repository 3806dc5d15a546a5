import type { TFunction } from 'i18next';
import { AccessType, type DataCategory, type RiskPolicySettings, type Tier } from '../../client/types.gen';
import { DATA_CATEGORIES } from '../../components/CategoryBadges';
import { enumValues } from '../../lib/enums';

export { DATA_CATEGORIES };
export const ACCESS_TYPES = enumValues(AccessType);
export const OTHER_POINTS = [
  'subcontract_points_per_tier',
  'subcontract_points_max',
  'unapproved_subcontract_points',
  'cross_border_points',
  'confidential_info_points',
  'continuity_points',
  'network_access_points',
] as const;
export const THRESHOLDS = ['medium', 'high', 'critical'] as const;
export const FLOORS = ['my_number_floor', 'special_care_over_threshold_floor'] as const;
export const MAX_STEPS = 6;
export const MAX_POINTS = 100;
export const MAX_THRESHOLD = 1000;
export const MAX_PERSONS = 10_000_000_000;

/** A number input's value: a number, or '' while the field is empty. */
type Num = number | string;
type OtherPoints = (typeof OTHER_POINTS)[number];

export type PolicyValues = {
  policy: {
    category_points: Record<DataCategory, Num>;
    access_points: Record<AccessType, Num>;
    persons_points: { key: string; over: Num; points: Num }[];
    thresholds: Record<(typeof THRESHOLDS)[number], Num>;
    my_number_floor: Tier;
    special_care_over_threshold_floor: Tier;
  } & Record<OtherPoints, Num>;
};

let nextKey = 0;
export const stepKey = (): string => `step-${++nextKey}`;

export function toValues(policy: RiskPolicySettings): PolicyValues {
  const pick = <K extends string>(keys: readonly K[], from: Partial<Record<K, number>>) =>
    Object.fromEntries(keys.map((k) => [k, from[k] ?? 0])) as Record<K, Num>;
  return {
    policy: {
      category_points: pick(DATA_CATEGORIES, policy.category_points),
      access_points: pick(ACCESS_TYPES, policy.access_points),
      persons_points: policy.persons_points.map((s) => ({ key: stepKey(), over: s.over, points: s.points })),
      ...(Object.fromEntries(OTHER_POINTS.map((k) => [k, policy[k]])) as Record<OtherPoints, Num>),
      thresholds: { ...policy.thresholds },
      my_number_floor: policy.my_number_floor,
      special_care_over_threshold_floor: policy.special_care_over_threshold_floor,
    },
  };
}

/** The body's `policy` from valid form values (validatePolicy found nothing). */
export function toPolicy(values: PolicyValues): RiskPolicySettings {
  const p = values.policy;
  const nums = <K extends string>(rec: Record<K, Num>) =>
    Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, Number(v)])) as Record<K, number>;
  return {
    category_points: nums(p.category_points),
    access_points: nums(p.access_points),
    persons_points: p.persons_points.map((s) => ({ over: Number(s.over), points: Number(s.points) })),
    ...(Object.fromEntries(OTHER_POINTS.map((k) => [k, Number(p[k])])) as Record<OtherPoints, number>),
    thresholds: { medium: Number(p.thresholds.medium), high: Number(p.thresholds.high), critical: Number(p.thresholds.critical) },
    my_number_floor: p.my_number_floor,
    special_care_over_threshold_floor: p.special_care_over_threshold_floor,
  };
}

/** Every form path the API's 422 `loc` can point at (`policy.thresholds.high`, `policy.persons_points.0.over`…). */
export function policyFieldPaths(): string[] {
  return [
    'policy',
    ...DATA_CATEGORIES.map((c) => `policy.category_points.${c}`),
    ...ACCESS_TYPES.map((a) => `policy.access_points.${a}`),
    'policy.persons_points',
    ...Array.from({ length: MAX_STEPS }, (_, i) => [`policy.persons_points.${i}.over`, `policy.persons_points.${i}.points`]).flat(),
    ...OTHER_POINTS.map((k) => `policy.${k}`),
    ...THRESHOLDS.map((k) => `policy.thresholds.${k}`),
    ...FLOORS.map((k) => `policy.${k}`),
  ];
}

function rangeError(t: TFunction, v: Num, min: number, max: number): string | null {
  if (v === '' || v === null || v === undefined) return t('validation.required');
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) return t('validation.range', { min, max: max.toLocaleString('en-US') });
  return null;
}

/** The thresholds must each be 1–1000 and rise: medium < high < critical. Errors keyed by form path. */
export function validateThresholds(t: TFunction, th: Record<(typeof THRESHOLDS)[number], Num>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const k of THRESHOLDS) {
    const e = rangeError(t, th[k], 1, MAX_THRESHOLD);
    if (e) errors[`policy.thresholds.${k}`] = e;
  }
  if (!errors['policy.thresholds.high'] && !errors['policy.thresholds.medium'] && Number(th.high) <= Number(th.medium)) {
    errors['policy.thresholds.high'] = t('validation.thresholdsRise');
  }
  if (!errors['policy.thresholds.critical'] && !errors['policy.thresholds.high'] && Number(th.critical) <= Number(th.high)) {
    errors['policy.thresholds.critical'] = t('validation.thresholdsRise');
  }
  return errors;
}

export function validatePolicy(t: TFunction, values: PolicyValues): Record<string, string> {
  const p = values.policy;
  const errors: Record<string, string> = {};
  const check = (path: string, v: Num, min = 0, max = MAX_POINTS) => {
    const e = rangeError(t, v, min, max);
    if (e) errors[path] = e;
  };
  for (const c of DATA_CATEGORIES) check(`policy.category_points.${c}`, p.category_points[c]);
  for (const a of ACCESS_TYPES) check(`policy.access_points.${a}`, p.access_points[a]);
  p.persons_points.forEach((s, i) => {
    check(`policy.persons_points.${i}.over`, s.over, 0, MAX_PERSONS);
    check(`policy.persons_points.${i}.points`, s.points);
  });
  if (p.persons_points.length < 1 || p.persons_points.length > MAX_STEPS) {
    errors['policy.persons_points'] = t('validation.stepsCount', { max: MAX_STEPS });
  }
  for (const k of OTHER_POINTS) check(`policy.${k}`, p[k]);
  return { ...errors, ...validateThresholds(t, p.thresholds) };
}
