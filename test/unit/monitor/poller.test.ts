import { describe, expect, it } from 'vitest';

import { Poller } from '../../../electron/monitor/poller';

/** A promise and the function that resolves it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const HOUR = 3_600_000;
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Poller', () => {
  it('runs at once on start, and again at once when poked', async () => {
    let runs = 0;
    const poller = new Poller(async () => void (runs += 1), () => HOUR);
    poller.start();
    await settle();
    expect(runs).toBe(1);
    poller.poke();
    await settle();
    expect(runs).toBe(2);
    await poller.stop();
  });

  it('never overlaps runs: a poke during a run runs once more right after it', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const gates = [deferred(), deferred()];
    const poller = new Poller(async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await gates[runs]?.promise;
      runs += 1;
      running -= 1;
    }, () => HOUR);
    poller.start();
    poller.poke();
    poller.poke();
    gates[0]?.resolve();
    await settle();
    gates[1]?.resolve();
    await settle();
    await settle();
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
    await poller.stop();
  });

  it('keeps going after a run throws', async () => {
    let runs = 0;
    const poller = new Poller(async () => {
      runs += 1;
      throw new Error('OBS went away');
    }, () => HOUR);
    poller.start();
    await settle();
    poller.poke();
    await settle();
    expect(runs).toBe(2);
    await poller.stop();
  });

  it('stop waits for the run in flight and nothing runs afterwards', async () => {
    let finished = false;
    let runs = 0;
    const gate = deferred();
    const poller = new Poller(async () => {
      runs += 1;
      await gate.promise;
      finished = true;
    }, () => 0);
    poller.start();
    const stopped = poller.stop();
    gate.resolve();
    await stopped;
    expect(finished).toBe(true);
    poller.poke();
    await settle();
    expect(runs).toBe(1);
  });
});
