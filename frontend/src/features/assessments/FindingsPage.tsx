// Placeholder until the feature lands.
export function FindingsPage() {
  return null;
}
