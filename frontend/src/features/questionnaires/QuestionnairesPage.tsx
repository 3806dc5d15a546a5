// Placeholder until the feature lands.
export function QuestionnairesPage() {
  return null;
}
