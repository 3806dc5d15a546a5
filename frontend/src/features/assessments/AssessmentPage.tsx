// Placeholder until the feature lands.
export function AssessmentPage() {
  return null;
}
