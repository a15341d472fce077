import i18next from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

import type { LocalizedText, MessageCatalogue } from '../../../shared/messages';
import { englishMessages, renderMessage } from '../../../shared/messages';
import { zhCN } from '../../../shared/messages/zh-CN';
import type { LanguageCode } from './index';

const CATALOGUES: Readonly<Record<LanguageCode, MessageCatalogue>> = { en: englishMessages, 'zh-CN': zhCN };

/**
 * A message from the main process in `language`, rendered by the same function the main process renders English
 * with: parameters that are messages first, lists joined the way the language joins them; text from elsewhere (an
 * OSS or OBS message) stays as it is.
 */
export function localize(language: string, text: LocalizedText): string {
  return renderMessage(text, CATALOGUES[language as LanguageCode] ?? englishMessages);
}

/** Outside React (stores): the current language, or English text as it came when i18n is not set up. */
export function localizeNow(text: LocalizedText | undefined, fallback: string): string {
  return text && i18next.isInitialized ? localize(i18next.language, text) : fallback;
}

/**
 * For components: `show(text, message)` is the translatable text in the current language, or the main process's
 * English `message` when it sent no text. Re-renders when the language changes.
 */
export function useLocalize(): (text: LocalizedText | undefined, fallback: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback((text, fallback) => (text ? localize(language, text) : fallback), [language]);
}
