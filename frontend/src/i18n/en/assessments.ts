import type { assessmentsJa } from '../ja/assessments';

export const assessmentsEn: typeof assessmentsJa = {
  title: 'Assessments',
};
