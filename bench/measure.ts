/** Throughput measurement for benchmark modules: warm-up, several timed rounds, median. */
import { performance } from 'node:perf_hooks';

/** One line of the benchmark table. `ratio` compares `value` with `reference.value` (ours / theirs). */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  reference?: { name: string; value: number };
  ratio?: number;
  note?: string;
}

export interface MeasureOptions {
  /** Time spent running the operation before measuring (JIT, caches). Default 300 ms. */
  warmupMs?: number;
  /** Timed rounds; the median is reported. Default 5. */
  rounds?: number;
  /** Length of one round. Default 200 ms. */
  roundMs?: number;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' && value !== null && 'then' in value && typeof value.then === 'function';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** Runs `operation` in batches sized so one batch takes at least 5 ms (reading the clock must not dominate). */
async function batchRunner(operation: () => unknown): Promise<(ms: number) => Promise<number>> {
  const async = isThenable(operation());
  const runBatch = async (count: number): Promise<void> => {
    if (async) for (let i = 0; i < count; i += 1) await operation();
    else for (let i = 0; i < count; i += 1) operation();
  };
  let batch = 1;
  for (;;) {
    const start = performance.now();
    await runBatch(batch);
    if (performance.now() - start >= 5 || batch >= 1 << 20) break;
    batch *= 2;
  }
  /** Operations per second over a run of about `ms`. */
  return async (ms) => {
    const start = performance.now();
    let done = 0;
    while (performance.now() - start < ms) {
      await runBatch(batch);
      done += batch;
    }
    return done / ((performance.now() - start) / 1000);
  };
}

/** Operations per second of `operation` (sync or async): the median over `rounds` timed rounds after a warm-up. */
export async function measureOpsPerSecond(operation: () => unknown, options: MeasureOptions = {}): Promise<number> {
  const { warmupMs = 300, rounds = 5, roundMs = 200 } = options;
  const runFor = await batchRunner(operation);
  await runFor(warmupMs);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) samples.push(await runFor(roundMs));
  return median(samples);
}

/**
 * Operations per second of two implementations of the same thing, rounds interleaved (ours, theirs, ours, ...)
 * so that load from other processes hits both alike; medians of each.
 */
export async function measurePair(
  ours: () => unknown,
  theirs: () => unknown,
  options: MeasureOptions = {},
): Promise<{ ours: number; theirs: number }> {
  const { warmupMs = 300, rounds = 7, roundMs = 200 } = options;
  const runOurs = await batchRunner(ours);
  const runTheirs = await batchRunner(theirs);
  await runOurs(warmupMs);
  await runTheirs(warmupMs);
  const samples = { ours: [] as number[], theirs: [] as number[] };
  for (let round = 0; round < rounds; round += 1) {
    samples.ours.push(await runOurs(roundMs));
    samples.theirs.push(await runTheirs(roundMs));
  }
  return { ours: median(samples.ours), theirs: median(samples.theirs) };
}

/** A result compared with a reference implementation measured in the same run. */
export function compared(name: string, unit: string, value: number, reference: { name: string; value: number }, note?: string): BenchResult {
  return { name, value, unit, reference, ratio: value / reference.value, ...(note ? { note } : {}) };
}
