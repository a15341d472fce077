/** Resolves once `signal` aborts (at once if it already has): how long-running commands wait for Ctrl-C. */
export function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
