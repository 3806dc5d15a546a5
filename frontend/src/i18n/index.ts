import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ja, type Messages } from './ja';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ja';
// Japanese ships with the first screen; English is fetched when chosen (it would otherwise be half the
// message weight of every first load).
const resources = { ja: { translation: ja } } as const;

let english: Promise<void> | null = null;

/** Make a language's messages available; English arrives as its own chunk the first time. Merged deeply, so
 * message areas loaded on their own (areas.ts) keep their keys whichever comes first. */
export function loadLanguage(lang: Language): Promise<void> {
  if (lang !== 'en') return Promise.resolve();
  english ??= import('./en')
    .then(({ en }) => {
      i18n.addResourceBundle('en', 'translation', en, true, true);
    })
    .catch((err: unknown) => {
      english = null; // a failed chunk load is tried again on the next switch
      throw err;
    });
  return english;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const STORAGE_KEY = 'itaku.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/** Switch the UI language and remember it in this browser (the profile keeps it server-side). */
export async function setLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  await loadLanguage(lang);
  document.documentElement.lang = lang;
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** Set up i18next in Japanese and switch to `lang` once its messages are there (await it before rendering). */
export async function initI18n(lang: Language = storedLanguage()): Promise<typeof i18n> {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources,
      lng: DEFAULT_LANGUAGE,
      fallbackLng: false,
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false }, // React escapes already
      returnNull: false,
      initAsync: false,
    });
  }
  if (lang !== DEFAULT_LANGUAGE) await setLanguage(lang);
  else if (typeof document !== 'undefined') document.documentElement.lang = lang;
  return i18n;
}

export { i18n };
