/** Numbers and times as the monitor shows them, in the UI's language. Formatters are cached: panels format at 1 Hz. */

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(language: string, minDigits: number, maxDigits: number): Intl.NumberFormat {
  const key = `${language}|${minDigits}|${maxDigits}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(language, { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits })));
  return format;
}

/** At most `digits` decimals (`1,234`, `29.97`). */
export function formatNumber(value: number, language: string, digits = 0): string {
  return numberFormat(language, 0, digits).format(value);
}

/** Exactly one decimal (`6.4`, `12.0`): readings that change every second keep their width. */
export function formatDecimal(value: number, language: string): string {
  return numberFormat(language, 1, 1).format(value);
}

/** Time of day with seconds (`14:03:07`). */
export function formatTime(date: Date, language: string): string {
  return date.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}
