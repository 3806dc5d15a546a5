// Placeholder until the feature lands.
export function AssessmentsPage() {
  return null;
}
