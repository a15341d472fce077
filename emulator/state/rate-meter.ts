/**
 * Recent average byte rate, for GetLiveChannelStat's `Bandwidth`.
 *
 * Unit decision (spec §2.6 conflict): **bytes per second**, as the Chinese OSS docs and the go-sdk comments say (the
 * current English docs say bit/s). This is the one place that decides it.
 */
export const BANDWIDTH_UNIT = 'B/s';

/** Averaged over this many whole seconds before now; 0 right after a session starts, like OSS. */
const WINDOW_SECONDS = 5;

export class RateMeter {
  /** Bytes per whole second (Unix seconds), only the last WINDOW_SECONDS kept. */
  private readonly buckets = new Map<number, number>();

  constructor(private readonly now: () => Date) {}

  add(bytes: number): void {
    if (!Number.isFinite(bytes) || bytes <= 0) return;
    const second = Math.floor(this.now().getTime() / 1000);
    this.buckets.set(second, (this.buckets.get(second) ?? 0) + bytes);
    for (const old of this.buckets.keys()) if (old <= second - WINDOW_SECONDS - 1) this.buckets.delete(old);
  }

  /** Bytes per second over the last complete WINDOW_SECONDS seconds, rounded down. */
  bytesPerSecond(): number {
    const current = Math.floor(this.now().getTime() / 1000);
    let total = 0;
    for (const [second, bytes] of this.buckets) if (second < current && second >= current - WINDOW_SECONDS) total += bytes;
    return Math.floor(total / WINDOW_SECONDS);
  }
}
