/** Date and time to the second in the UI language's conventions, local time zone (expiries, broadcast starts). */
export function formatDateTime(language: string, date: Date): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}
