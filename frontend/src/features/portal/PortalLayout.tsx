import { Outlet } from '@tanstack/react-router';

// Placeholder until the feature lands.
export function PortalLayout() {
  return <Outlet />;
}
