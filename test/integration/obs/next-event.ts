import type { ObsController, ObsControllerEvents } from '../../../electron/obs/controller';

/**
 * Resolves with the controller's next `event` that passes `matches`, or rejects after `timeoutMs`: a liveness bound
 * for things that normally take milliseconds, generous enough for a busy 2-core machine.
 */
export function nextEvent<Name extends keyof ObsControllerEvents>(
  controller: ObsController,
  event: Name,
  matches: (payload: ObsControllerEvents[Name]) => boolean,
  timeoutMs: number,
): Promise<ObsControllerEvents[Name]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching '${String(event)}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = controller.on(event, (payload) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}
