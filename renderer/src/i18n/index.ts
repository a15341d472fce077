import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

import { en } from './en';
import { zhCN } from './zh-CN';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

const STORAGE_KEY = 'oss-live.language';

/** The user's choice if they made one, else the system language (any Chinese variant → zh-CN), else English. */
export function preferredLanguage(stored: string | null, systemLanguages: readonly string[]): LanguageCode {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  for (const language of systemLanguages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export async function initI18n(language?: LanguageCode): Promise<typeof i18next> {
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  const lng = language ?? preferredLanguage(storage?.getItem(STORAGE_KEY) ?? null, typeof navigator === 'undefined' ? [] : navigator.languages);
  await i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
  });
  syncDocumentLanguage(lng);
  return i18next;
}

function syncDocumentLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** Switches the language now and remembers the choice. */
export async function setLanguage(language: LanguageCode): Promise<void> {
  await i18next.changeLanguage(language);
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, language);
  syncDocumentLanguage(language);
}
