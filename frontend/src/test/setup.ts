import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { i18n, initI18n, loadLanguage } from '../i18n';
import { monitoringEn } from '../i18n/en/monitoring';
import { monitoringJa } from '../i18n/ja/monitoring';
import { tokenStore } from '../lib/token';

await initI18n('ja');
await loadLanguage('en'); // tests switch with i18n.changeLanguage('en') directly
// The areas the signed-in layout loads when first needed (i18n/areas.ts), here at once.
i18n.addResourceBundle('ja', 'translation', { monitoring: monitoringJa }, true, true);
i18n.addResourceBundle('en', 'translation', { monitoring: monitoringEn }, true, true);

// jsdom lacks what Mantine measures with.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  })),
});
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
window.HTMLElement.prototype.scrollIntoView = () => {};
// Mantine's autosizing Textarea listens for web fonts loading.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  });
}
Object.defineProperty(window, 'getComputedStyle', { value: window.getComputedStyle, writable: true });

// findBy… and waitFor poll for 1 s by default: less than a form takes to validate, answer and re-render on a busy
// machine. They return as soon as what they wait for is there, so a longer limit costs nothing when it passes.
configure({ asyncUtilTimeout: 10_000 });

// Each test starts from the same state, whatever the one before did or where it failed.
afterEach(async () => {
  cleanup(); // unmount what it rendered
  vi.useRealTimers(); // a test that faked time and failed before giving it back
  localStorage.clear();
  sessionStorage.clear();
  tokenStore.clear(); // the in-memory access token of lib/token.ts
  if (i18n.language !== 'ja') await i18n.changeLanguage('ja');
});
