import type { questionnairesJa } from '../ja/questionnaires';

export const questionnairesEn: typeof questionnairesJa = {
  title: 'Questionnaire templates',
};
