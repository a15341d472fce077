/**
 * The emulator's RTMP ingest under real publishers: ffmpeg sending one pre-encoded 2.5 Mbps 720p H.264 + AAC FLV
 * (`-re -stream_loop -1 -c copy`, keyint 2 s, FragDuration 2 s), the in-process emulator segmenting it.
 *  1. CPU per stream (with one stream, and amortized over many), against `ffmpeg -re -i same.flv -c copy -f hls`
 *     on the same input in the same run.
 *  2. How many such streams this machine holds in real time (ramp until a level falls behind, then bisect).
 *  3. Publish → first playable segment (first playlist with a segment, over HTTP), as a ratio of FragDuration,
 *     against the same ffmpeg HLS muxer's first playlist.
 * The publishers run on the same machine and use CPU too: their share is reported next to the emulator's.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { OssLiveClient } from '../electron/oss';
import { startEmulator, type RunningEmulator } from '../emulator';
import { latestSpeed, publish, type Publisher } from '../test/support/ffmpeg-publisher';
import type { BenchResult } from './measure';
import { compared, median } from './measure';

const FRAG_DURATION = 2;
const FPS = 30;
const INPUT_SECONDS = 20;
/** Per ramp level: publishers settle, then the measured window. */
const SETTLE_MS = 3_000;
const WINDOW_MS = 8_000;
/** The ramp stops at the first level that fails, or when its time budget is spent. Capped below the RTMP server's default of 100 concurrent sessions. */
const RAMP_LEVELS = [1, 8, 16, 32, 48, 64, 80, 96];
const RAMP_BUDGET_MS = 150_000;
/** The bisection stops once the first level that falls behind is this close above the last one held. */
const BISECT_PRECISION = 2;
/** Real time: publishers at ≥ this speed, and no stream's stored media lagging wall clock by more than the slack. */
const MIN_SPEED = 0.98;
const LAG_SLACK_SECONDS = 2 * FRAG_DURATION + 1;

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU seconds (user + system) a process has used, from /proc/PID/stat; 0 once it is gone. */
async function processCpuSeconds(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the `(comm)`: state is field 3, utime 14 and stime 15 (1-based).
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / CLOCK_TICKS;
}

const ownCpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The 2.5 Mbps input, encoded once per machine (noise keeps x264 at the bitrate instead of far below it). */
async function benchInput(): Promise<string> {
  const file = path.join(os.tmpdir(), `oss-live-bench-720p-2500k-${INPUT_SECONDS}s.flv`);
  if (await access(file).then(() => true, () => false)) return file;
  const partial = `${file}.${process.pid}.partial`;
  execFileSync('ffmpeg', [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=${FPS},noise=alls=10:allf=t`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100',
    '-t', String(INPUT_SECONDS),
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-b:v', '2500k', '-maxrate', '2500k', '-bufsize', '5000k',
    '-g', String(FPS * FRAG_DURATION), '-keyint_min', String(FPS * FRAG_DURATION), '-sc_threshold', '0',
    '-c:a', 'aac', '-b:a', '128k', '-f', 'flv', partial,
  ], { stdio: 'ignore', timeout: 120_000 });
  await rename(partial, file);
  return file;
}

interface Stream {
  channel: string;
  publisher: Publisher;
  startedAt: number;
}

/** Seconds of media the emulator has stored for `channel` (sum of its segments' durations). */
function storedMediaSeconds(emulator: RunningEmulator, channel: string): number {
  return emulator.state
    .bucket(emulator.bucket)
    .objects.recordsUnder(`${channel}/`)
    .reduce((sum, record) => sum + (record.segment?.duration ?? 0), 0);
}

async function killAll(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

interface LevelResult {
  streams: number;
  realTime: boolean;
  /** Emulator CPU, in cores (1 = one core busy). */
  emulatorCores: number;
  publisherCores: number;
  minSpeed: number;
  maxLagSeconds: number;
}

/** Reference processes run at once: /proc CPU ticks are 10 ms, too coarse to measure one light process alone. */
const REFERENCE_PROCESSES = 8;

/**
 * `ffmpeg -re -i input -c copy -f hls`, the reference muxer, REFERENCE_PROCESSES at once: CPU per process over the
 * window (in cores), and how long the first one took to list a segment in its playlist.
 */
async function referenceHls(input: string, dir: string): Promise<{ coresPerProcess: number; firstPlaylistSeconds: number }> {
  const started = Date.now();
  const children: ChildProcess[] = [];
  const playlists: string[] = [];
  for (let i = 0; i < REFERENCE_PROCESSES; i++) {
    const out = path.join(dir, String(i));
    await mkdir(out, { recursive: true });
    playlists.push(path.join(out, 'index.m3u8'));
    children.push(spawn('ffmpeg', [
      '-nostdin', '-hide_banner', '-loglevel', 'error', '-re', '-stream_loop', '-1', '-i', input, '-c', 'copy',
      '-f', 'hls', '-hls_time', String(FRAG_DURATION), '-hls_list_size', '3', '-hls_flags', 'temp_file',
      '-hls_segment_filename', path.join(out, '%d.ts'), path.join(out, 'index.m3u8'),
    ], { stdio: 'ignore' }));
  }
  try {
    let firstPlaylistSeconds = Number.NaN;
    while (Date.now() - started < 10_000) {
      const text = await readFile(playlists[0] ?? '', 'utf8').catch(() => '');
      if (text.includes('#EXTINF')) {
        firstPlaylistSeconds = (Date.now() - started) / 1000;
        break;
      }
      await sleep(20);
    }
    await sleep(Math.max(0, SETTLE_MS - (Date.now() - started)));
    const cpu = async (): Promise<number> => (await Promise.all(children.map((child) => processCpuSeconds(child.pid)))).reduce((a, b) => a + b, 0);
    const cpu0 = await cpu();
    const t0 = Date.now();
    await sleep(WINDOW_MS);
    const used = (await cpu()) - cpu0;
    return { coresPerProcess: used / ((Date.now() - t0) / 1000) / REFERENCE_PROCESSES, firstPlaylistSeconds };
  } finally {
    await killAll(children);
  }
}

export default async function run(): Promise<BenchResult[]> {
  const input = await benchInput();
  const work = await mkdtemp(path.join(os.tmpdir(), 'oss-live-bench-'));
  const emulator = await startEmulator({ dataDir: path.join(work, 'data'), httpPort: 0, rtmpPort: 0 });
  const client = new OssLiveClient({
    endpoint: emulator.endpoint,
    bucket: emulator.bucket,
    region: emulator.region,
    rtmpBase: emulator.rtmp,
    credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
    retries: 0,
  });
  const streams: Stream[] = [];
  const startStream = async (channel: string): Promise<Stream> => {
    await client.putLiveChannel(channel, { fragDuration: FRAG_DURATION, fragCount: 3 });
    const publisher = publish(client.signRtmpUrl(channel).url, ['-re', '-stream_loop', '-1', '-i', input], ['-c', 'copy']);
    const stream = { channel, publisher, startedAt: Date.now() };
    streams.push(stream);
    return stream;
  };
  try {
    // (3) Publish → first playable segment, three times, on fresh channels.
    const firstSegment: number[] = [];
    for (let trial = 0; trial < 3; trial++) {
      const channel = `first-${trial}`;
      const stream = await startStream(channel);
      for (;;) {
        const text = await client.getObject(`${channel}/playlist.m3u8`).then((object) => new TextDecoder().decode(object.body), () => '');
        if (text.includes('#EXTINF')) break;
        if (Date.now() - stream.startedAt > 15_000) throw new Error(`${channel}: no playlist after 15 s`);
        await sleep(20);
      }
      firstSegment.push((Date.now() - stream.startedAt) / 1000);
      await killAll([stream.publisher.child]);
      streams.pop();
    }

    // (1) + (2) The ramp, then a bisection between the last level held and the first that fell behind; level 1 gives
    // the CPU per stream.
    let streamsStarted = 0;
    const measureLevel = async (level: number): Promise<LevelResult> => {
      while (streams.length < level) await startStream(`ramp-${streamsStarted++}`);
      if (streams.length > level) await killAll(streams.splice(level).map((stream) => stream.publisher.child));
      await sleep(SETTLE_MS);
      const live = streams.filter((stream) => emulator.state.session(emulator.bucket, stream.channel) !== undefined);
      const own0 = ownCpuSeconds();
      const publishers0 = await Promise.all(streams.map((stream) => processCpuSeconds(stream.publisher.child.pid)));
      const t0 = Date.now();
      await sleep(WINDOW_MS);
      const seconds = (Date.now() - t0) / 1000;
      const emulatorCores = (ownCpuSeconds() - own0) / seconds;
      const publishers1 = await Promise.all(streams.map((stream) => processCpuSeconds(stream.publisher.child.pid)));
      const publisherCores = publishers1.reduce((sum, cpu, i) => sum + cpu - (publishers0[i] ?? 0), 0) / seconds;
      const speeds = streams.map((stream) => latestSpeed(stream.publisher.stderr()) ?? 0);
      const lags = streams.map((stream) => (Date.now() - stream.startedAt) / 1000 - storedMediaSeconds(emulator, stream.channel));
      const minSpeed = Math.min(...speeds);
      const maxLagSeconds = Math.max(...lags);
      const realTime = live.length === level && minSpeed >= MIN_SPEED && maxLagSeconds <= LAG_SLACK_SECONDS;
      process.stdout.write(
        `  ${level} stream(s): emulator ${(emulatorCores * 100).toFixed(1)}% of a core, publishers ${(publisherCores * 100).toFixed(1)}%, ` +
          `min speed ${minSpeed.toFixed(3)}x, max lag ${maxLagSeconds.toFixed(2)} s, live ${live.length}/${level} -> ${realTime ? 'real time' : 'FALLS BEHIND'}\n`,
      );
      return { streams: level, realTime, emulatorCores, publisherCores, minSpeed, maxLagSeconds };
    };
    const levels: LevelResult[] = [];
    const rampStart = Date.now();
    const budgetLeft = (): boolean => Date.now() - rampStart <= RAMP_BUDGET_MS;
    let heldMost = 0;
    let failedFirst: number | undefined;
    for (const level of RAMP_LEVELS) {
      if (!budgetLeft()) break;
      const result = await measureLevel(level);
      levels.push(result);
      if (!result.realTime) {
        failedFirst = level;
        break;
      }
      heldMost = level;
    }
    while (failedFirst !== undefined && failedFirst - heldMost > BISECT_PRECISION && budgetLeft()) {
      const result = await measureLevel(Math.round((heldMost + failedFirst) / 2));
      levels.push(result);
      if (result.realTime) heldMost = result.streams;
      else failedFirst = result.streams;
    }
    const budgetSpent = !budgetLeft();
    await killAll(streams.map((stream) => stream.publisher.child));
    streams.length = 0;

    const reference = await referenceHls(input, path.join(work, 'reference'));
    const single = levels[0];
    if (!single) throw new Error('the ramp measured no level');
    const held = levels.find((level) => level.realTime && level.streams === heldMost);
    const bound =
      failedFirst !== undefined
        ? `; ${failedFirst} fell behind`
        : budgetSpent
          ? '; the time budget ran out before any level fell behind (a lower bound)'
          : "; none fell behind (the ramp stops below the RTMP server's 100-session cap)";
    const heldNote = held
      ? `at ${held.streams}: emulator ${(held.emulatorCores * 100).toFixed(0)}% + publishers ${(held.publisherCores * 100).toFixed(0)}% of one core (2 cores)${bound}`
      : 'not even one stream held';
    const firstMedian = median(firstSegment);
    const referenceValue = { name: 'ffmpeg -c copy -f hls, per process', value: reference.coresPerProcess * 100 };
    const amortized = held && held.streams > 1 ? held : undefined;
    return [
      compared('CPU per 2.5 Mbps stream, 1 stream', '% core', single.emulatorCores * 100, referenceValue,
        `publisher ffmpeg (-c copy): ${(single.publisherCores * 100).toFixed(1)}%; ours also receives RTMP and fsyncs every object`),
      ...(amortized
        ? [compared(`CPU per stream, amortized over ${amortized.streams}`, '% core', (amortized.emulatorCores * 100) / amortized.streams, referenceValue,
            `publishers: ${((amortized.publisherCores * 100) / amortized.streams).toFixed(2)}% each`)]
        : []),
      { name: 'streams held in real time (2 cores)', value: held?.streams ?? 0, unit: 'streams', note: heldNote },
      compared('publish → first playable segment', 'x FragDuration', firstMedian / FRAG_DURATION, { name: 'ffmpeg -f hls first playlist', value: reference.firstPlaylistSeconds / FRAG_DURATION },
        `median of 3: ${firstMedian.toFixed(2)} s from publisher start, FragDuration ${FRAG_DURATION} s, keyint 2 s`),
    ];
  } finally {
    await killAll(streams.map((stream) => stream.publisher.child));
    await emulator.stop();
    await rm(work, { recursive: true, force: true });
  }
}
