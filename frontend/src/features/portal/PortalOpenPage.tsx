// Placeholder until the feature lands.
export function PortalOpenPage() {
  return null;
}
