import { createRoute } from '@tanstack/react-router';
import { ComingSoon, type UpcomingSection } from '../components/ComingSoon';
import { appRoute } from './app';

// The sections of later releases; each says honestly that it is coming.
function upcoming<P extends string>(path: P, section: UpcomingSection) {
  return createRoute({
    getParentRoute: () => appRoute,
    path,
    component: function UpcomingSectionPage() {
      return <ComingSoon section={section} />;
    },
  });
}

export const monitoringRoute = upcoming('monitoring', 'monitoring');
