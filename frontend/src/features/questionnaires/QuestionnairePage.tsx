// Placeholder until the feature lands.
export function QuestionnairePage() {
  return null;
}
