/**
 * Go-live latency with real OBS Studio (headless) and the local emulator: the whole go-live (preflight → … → OSS
 * reports Live) next to the one part nobody can shorten, OBS's own StartStream → STARTED, measured in the same runs;
 * plus the `oss-live golive` process end to end (Node and tsx start-up included), again next to StartStream → STARTED
 * of the same runs. Median of 7 (CLI: 5) runs, with a stop between runs. Without OBS: skipped with a note, or fails in CI.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { goLive, stopBroadcast } from '../electron/golive';
import type { GoLiveStep } from '../electron/golive';
import { openBroadcastServices } from '../electron/services';
import { startEmulator } from '../emulator';
import { freePort } from '../test/support/listening-ports';
import { startObs } from '../test/support/obs-headless';
import { inCI, missingTools } from '../test/support/tools';
import type { BenchResult } from './measure';
import { compared, median } from './measure';

const RUNS = 7;
const BIN = fileURLToPath(new URL('../bin/oss-live.js', import.meta.url));

/** A step's times as the API returns them, or as `--json` prints them (ISO strings). */
type TimedStep = Pick<GoLiveStep, 'id'> & { startedAt?: Date | string; endedAt?: Date | string };

/** StartStream sent → OBS reported STARTED: from the `start` step's start to the `obs-started` step's end. */
function startToStartedMs(steps: readonly TimedStep[]): number {
  const start = steps.find((step) => step.id === 'start')?.startedAt;
  const started = steps.find((step) => step.id === 'obs-started')?.endedAt;
  if (!start || !started) throw new Error('go-live steps carry no start/started times');
  return new Date(started).getTime() - new Date(start).getTime();
}

/** Runs `oss-live ARGS`; how long the process took, and what it printed. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; stdout: string }> {
  const begin = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`oss-live ${args.join(' ')} failed: ${stderr}`));
      else resolve({ ms: performance.now() - begin, stdout });
    });
  });
}

export default async function run(): Promise<BenchResult[]> {
  const missing = missingTools('obs', 'Xvfb');
  if (missing.length > 0) {
    const reason = `${missing.join(', ')} not installed (bash .ci/run installs them)`;
    if (inCI) throw new Error(`golive.bench: ${reason}`);
    return [{ name: 'golive → OSS Live', value: Number.NaN, unit: 'ms', note: `skipped: ${reason}` }];
  }
  const root = await mkdtemp(path.join(tmpdir(), 'golive-bench-'));
  const [obs, emulator] = await Promise.all([
    startObs(),
    startEmulator({ dataDir: path.join(root, 'emulator'), httpPort: 0, rtmpPort: await freePort() }),
  ]);
  const dataDir = path.join(root, 'data');
  const services = openBroadcastServices(
    {
      profileName: 'Local',
      oss: {
        endpoint: emulator.endpoint,
        bucket: emulator.bucket,
        region: emulator.region,
        credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
        rtmpBase: emulator.rtmp,
      },
      obs: { url: obs.url, password: obs.password },
    },
    { dataDir },
  );
  try {
    await services.client.putLiveChannel('bench', { fragDuration: 2, fragCount: 3 });
    const total: number[] = [];
    const startStream: number[] = [];
    for (let round = 0; round < RUNS; round += 1) {
      const begin = performance.now();
      const result = await goLive(services.deps, { channel: 'bench' });
      total.push(performance.now() - begin);
      startStream.push(startToStartedMs(result.steps));
      await stopBroadcast(services.deps, { channel: 'bench' });
    }

    // The same through the real CLI: a new process per command, finding the emulator through local.json.
    await mkdir(dataDir, { recursive: true });
    const { endpoint, rtmp, bucket, region, accessKeyId, accessKeySecret, data } = emulator;
    const ready = { endpoint, rtmp, bucket, region, accessKeyId, accessKeySecret, data, pid: process.pid };
    await writeFile(path.join(dataDir, 'local.json'), JSON.stringify(ready), { mode: 0o600 });
    // No OSS_* settings of the developer's own: the CLI must find the emulator through local.json.
    const inherited = Object.entries(process.env).filter(([key]) => !key.startsWith('OSS_') && !key.startsWith('OBS_'));
    const env = { ...Object.fromEntries(inherited), OSS_LIVE_DATA_DIR: dataDir, OBS_WEBSOCKET_PASSWORD: obs.password };
    const cli: number[] = [];
    const cliStartStream: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      const { ms, stdout } = await runCli(['golive', 'bench', '--obs', obs.url, '--json'], env);
      cli.push(ms);
      cliStartStream.push(startToStartedMs((JSON.parse(stdout) as { steps: TimedStep[] }).steps));
      await runCli(['stop', 'bench', '--obs', obs.url], env);
    }

    const goLiveMs = median(total);
    const startMs = median(startStream);
    return [
      compared('go-live → OSS Live (in-process)', 'ms', goLiveMs, { name: 'OBS StartStream → STARTED', value: startMs },
        `median of ${RUNS}; runs ${total.map((ms) => Math.round(ms)).join('/')} ms; StartStream ${startStream.map((ms) => Math.round(ms)).join('/')} ms`),
      compared('oss-live golive process → OSS Live', 'ms', median(cli), { name: 'OBS StartStream → STARTED', value: median(cliStartStream) },
        `median of 5, StartStream from the same runs' --json steps; includes Node + tsx start-up and module loading`),
    ];
  } finally {
    await services.close();
    await emulator.stop();
    await obs.stop();
    await rm(root, { recursive: true, force: true });
  }
}
