/** Numbers, sizes and durations as the History screen shows them, in the UI language. */
import type { TFunction } from 'i18next';

/** `1 h 02 min 03 s`, `5 min 03 s` or `42 s` (rounded to the second). */
export function formatDuration(t: TFunction, seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return t('history.duration.hours', { h, m: String(m).padStart(2, '0'), s: String(s).padStart(2, '0') });
  if (m > 0) return t('history.duration.minutes', { m, s: String(s).padStart(2, '0') });
  return t('history.duration.seconds', { s });
}

/** Bytes in kB/MB/GB with one decimal. */
export function formatBytes(language: string, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
}

/** kbit/s as `850 kbps` or `2.5 Mbps`. */
export function formatBitrate(language: string, kbps: number): string {
  const mega = kbps >= 1000;
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: mega ? 1 : 0 }).format(mega ? kbps / 1000 : kbps);
  return `${number} ${mega ? 'Mbps' : 'kbps'}`;
}

/** A percentage with one decimal. */
export function formatPercent(language: string, percent: number): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(percent / 100);
}
