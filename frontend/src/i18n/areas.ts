import i18n from 'i18next';

// Message areas loaded when first needed, in both languages at once (switching language then needs nothing more):
// they stay out of the JavaScript loaded before the first screen (scripts/size.mjs). The signed-in layout loads
// them with the caller (routes/app.tsx), so every staff screen can use their keys; the portal and sign-in do not.
let monitoring: Promise<void> | null = null;

export function loadMonitoringMessages(): Promise<void> {
  monitoring ??= Promise.all([import('./ja/monitoring'), import('./en/monitoring')])
    .then(([ja, en]) => {
      i18n.addResourceBundle('ja', 'translation', { monitoring: ja.monitoringJa }, true, true);
      i18n.addResourceBundle('en', 'translation', { monitoring: en.monitoringEn }, true, true);
    })
    .catch((err: unknown) => {
      monitoring = null; // a failed chunk load (network) is tried again on the next navigation
      throw err;
    });
  return monitoring;
}
