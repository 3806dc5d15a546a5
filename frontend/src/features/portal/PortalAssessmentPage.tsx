// Placeholder until the feature lands.
export function PortalAssessmentPage() {
  return null;
}
