import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from './app';
import { flag, id } from './search';

// Owned by the questionnaires feature: template list, one template (versions, preview, editor).
export const questionnairesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'questionnaires',
  validateSearch: z.object({ archived: flag }),
  component: lazyRouteComponent(() => import('../features/questionnaires/QuestionnairesPage'), 'QuestionnairesPage'),
});

export const questionnaireRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'questionnaires/$questionnaireId',
  validateSearch: z.object({
    // the version whose content is shown (default: the published one, else the draft)
    version: id,
    // the editor on the draft
    edit: flag,
  }),
  component: lazyRouteComponent(() => import('../features/questionnaires/QuestionnairePage'), 'QuestionnairePage'),
});
