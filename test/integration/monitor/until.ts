/**
 * Waits until `check` holds, polling every 50 ms; rejects naming `what` after `timeoutMs`. The bound is the
 * requirement under test (e.g. "an alert within 3 s"), not a performance measurement.
 */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started >= timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
