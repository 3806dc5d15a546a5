// Placeholder until the feature lands.
export function PortalHomePage() {
  return null;
}
