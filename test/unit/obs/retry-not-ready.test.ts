import { OBSWebSocketError } from 'obs-websocket-js/json';
import { describe, expect, it } from 'vitest';

import { ObsError } from '../../../electron/obs/errors';
import { isNotReady, retryNotReady } from '../../../electron/obs/retry-not-ready';

/** An operation that fails with the given errors in turn, then answers `value`; it records each call. */
function scripted<T>(failures: unknown[], value: T): { operation: () => Promise<T>; calls: () => number } {
  let calls = 0;
  return {
    operation: async () => {
      const failure = failures[calls];
      calls += 1;
      if (failure !== undefined) throw failure;
      return value;
    },
    calls: () => calls,
  };
}

function recordingSleep(): { sleep: (ms: number) => Promise<void>; pauses: number[] } {
  const pauses: number[] = [];
  return { pauses, sleep: async (ms) => void pauses.push(ms) };
}

const notReady = (): OBSWebSocketError => new OBSWebSocketError(207, 'OBS is not ready to perform the request.');

describe('retryNotReady', () => {
  it('repeats a request answered 207 with growing pauses until it succeeds', async () => {
    const { operation, calls } = scripted([notReady(), notReady()], { ok: 1 });
    const { sleep, pauses } = recordingSleep();
    await expect(retryNotReady(operation, { attempts: 5, delayMs: 100 }, sleep)).resolves.toEqual({ ok: 1 });
    expect(calls()).toBe(3);
    expect(pauses).toEqual([100, 200]);
  });

  it('gives up after the last attempt with a not-ready ObsError that keeps the cause', async () => {
    const { operation, calls } = scripted([notReady(), notReady(), notReady(), notReady()], 'never');
    const { sleep, pauses } = recordingSleep();
    const retry = { attempts: 3, delayMs: 50 };
    const failure = await retryNotReady(operation, retry, sleep).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ObsError);
    expect(failure).toMatchObject({ kind: 'not-ready', code: 207 });
    expect((failure as ObsError).cause).toBeInstanceOf(OBSWebSocketError);
    expect((failure as ObsError).message).toMatch(/after 3 tries/);
    expect(calls()).toBe(3);
    expect(pauses).toEqual([50, 100]);
  });

  it('passes any other failure through on the first try', async () => {
    const refused = new OBSWebSocketError(600, 'No source was found by the name of `x`.');
    const { operation, calls } = scripted([refused], 'never');
    const { sleep, pauses } = recordingSleep();
    await expect(retryNotReady(operation, { attempts: 5, delayMs: 10 }, sleep)).rejects.toBe(refused);
    const plain = new Error('Socket not identified');
    await expect(retryNotReady(scripted([plain], 0).operation, undefined, sleep)).rejects.toBe(plain);
    expect(calls()).toBe(1);
    expect(pauses).toEqual([]);
  });

  it('waits for real between tries by default', async () => {
    const { operation, calls } = scripted([notReady()], 'ready');
    await expect(retryNotReady(operation, { attempts: 2, delayMs: 1 })).resolves.toBe('ready');
    expect(calls()).toBe(2);
  });

  it('recognises only the library error with code 207 as not ready', () => {
    expect(isNotReady(notReady())).toBe(true);
    expect(isNotReady(new OBSWebSocketError(500, 'busy'))).toBe(false);
    expect(isNotReady({ code: 207 })).toBe(false);
  });

  it('refuses an attempt count below one', async () => {
    await expect(retryNotReady(async () => 1, { attempts: 0, delayMs: 1 })).rejects.toThrow(/notReady\.attempts/);
  });
});
