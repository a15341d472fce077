import type { ApiHandlers } from '../../shared/api';
import { API_METHODS, isMethodName } from '../../shared/api';
import type { ApiErrorData } from '../../shared/wire';
import { toApiError } from './api-error';

export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: ApiErrorData };

/** Runs one untrusted call (method name and arguments straight from a renderer) and never throws. */
export type ApiDispatcher = (method: unknown, args: unknown) => Promise<CallOutcome>;

/**
 * The single entry point both transports use: checks the method exists and the argument count, runs the handler and
 * turns failures into data. Handlers validate argument values themselves (see handlers/).
 */
export function createDispatcher(handlers: ApiHandlers, onError: (method: string, error: unknown) => void = () => undefined): ApiDispatcher {
  return async (method, args) => {
    if (!isMethodName(method)) return { ok: false, error: { kind: 'validation', field: 'method', message: `Unknown API method '${String(method)}'.` } };
    if (!Array.isArray(args) || args.length > API_METHODS[method]) {
      return { ok: false, error: { kind: 'validation', field: 'arguments', message: `${method} takes at most ${API_METHODS[method]} argument(s).` } };
    }
    try {
      const handler = handlers[method] as (...values: unknown[]) => Promise<unknown>;
      return { ok: true, value: await handler(...(args as unknown[])) };
    } catch (error) {
      onError(method, error);
      return { ok: false, error: toApiError(error) };
    }
  };
}
