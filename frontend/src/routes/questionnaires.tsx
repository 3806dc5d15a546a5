import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from './app';

// Owned by the questionnaires feature: template list, one template (versions, editor).
export const questionnairesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'questionnaires',
  component: lazyRouteComponent(() => import('../features/questionnaires/QuestionnairesPage'), 'QuestionnairesPage'),
});

export const questionnaireRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'questionnaires/$questionnaireId',
  component: lazyRouteComponent(() => import('../features/questionnaires/QuestionnairePage'), 'QuestionnairePage'),
});
