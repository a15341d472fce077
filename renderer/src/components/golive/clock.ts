/** Durations as a clock reads them: `0:07:05`, `12:00:00` (hours are not wrapped at a day). */
export function formatClock(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** Warn this long before the signed ingest URL expires (a reconnect after it is refused). */
export const EXPIRY_WARNING_MS = 30 * 60_000;

export type ExpiryLevel = 'ok' | 'soon' | 'expired';

export function expiryLevel(expiresAt: Date, now: number): ExpiryLevel {
  const left = expiresAt.getTime() - now;
  if (left <= 0) return 'expired';
  return left < EXPIRY_WARNING_MS ? 'soon' : 'ok';
}
