import type { TFunction } from 'i18next';
import i18next from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

import type { LocalizedText, MessageParam } from '../../../shared/messages';

/**
 * A message from the main process in the current language. Parameters that are messages themselves are rendered
 * first, lists joined the way the language joins them; text from elsewhere (an OSS or OBS message) stays as it is.
 */
export function localize(t: TFunction, text: LocalizedText): string {
  const replace = Object.fromEntries(Object.entries(text.params ?? {}).map(([name, value]) => [name, localizeParam(t, value)]));
  // `replace` rather than the options themselves: a parameter named like an i18next option (count, context) stays a value.
  return t(`messages.${text.key}`, { replace });
}

function localizeParam(t: TFunction, value: MessageParam): string | number {
  if (typeof value !== 'object') return value;
  if ('items' in value) return value.items.map((item) => localize(t, item)).join(t(`messages.separators.${value.separator}`));
  return localize(t, value);
}

/** Outside React (stores): the current language, or English text as it came when i18n is not set up. */
export function localizeNow(text: LocalizedText | undefined, fallback: string): string {
  return text && i18next.isInitialized ? localize(i18next.t, text) : fallback;
}

/**
 * For components: `show(text, message)` is the translatable text in the current language, or the main process's
 * English `message` when it sent no text. Re-renders when the language changes.
 */
export function useLocalize(): (text: LocalizedText | undefined, fallback: string) => string {
  const { t } = useTranslation();
  return useCallback((text, fallback) => (text ? localize(t, text) : fallback), [t]);
}
