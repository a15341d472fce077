/**
 * Debian ffmpeg as a real RTMP publisher for integration tests and benchmarks: a test pattern (or a file) sent in
 * real time, with the keyframe interval matched to the channel's FragDuration as OBS users are told to do.
 * Every child is tracked by its handle and killed in `stopAllPublishers()` (and on process exit).
 */
import { spawn, type ChildProcess } from 'node:child_process';

import { killAllOnExit, killAndWait } from './child-cleanup';

export interface TestPatternOptions {
  /** Seconds of media (ffmpeg stops and unpublishes after them). */
  seconds: number;
  /** Default 25. */
  fps?: number;
  /** Keyframe every `fps × fragDuration` frames, so segments cut at FragDuration. Default 1. */
  fragDuration?: number;
  /** Default 320x180. */
  size?: string;
  /** Pace at real time (-re); default true. */
  realtime?: boolean;
  /** Extra output options before the URL, e.g. `['-rtmp_tcurl', 'rtmp://b.localhost/live']`. */
  outputArgs?: string[];
}

export interface Publisher {
  readonly child: ChildProcess;
  /** Resolves when ffmpeg exits: its code (null when killed) and everything it wrote to stderr. */
  readonly exited: Promise<{ code: number | null; stderr: string }>;
  /** stderr so far (ffmpeg's progress lines and errors). */
  stderr(): string;
}

const running = new Set<ChildProcess>();

/** Input and codec options of the test pattern: H.264 (yuv420p, as OBS sends) + AAC. */
export function testPatternArgs(options: Omit<TestPatternOptions, 'outputArgs'>): string[] {
  const fps = options.fps ?? 25;
  const gop = fps * (options.fragDuration ?? 1);
  return [
    ...(options.realtime === false ? [] : ['-re']),
    '-f', 'lavfi', '-i', `testsrc=size=${options.size ?? '320x180'}:rate=${fps}`,
    ...(options.realtime === false ? [] : ['-re']),
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100',
    '-t', String(options.seconds),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
    '-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0',
    '-c:a', 'aac', '-b:a', '64k',
  ];
}

/** Starts `ffmpeg <inputArgs> [outputArgs] -f flv <url>`. */
export function publish(url: string, inputArgs: string[], outputArgs: string[] = []): Publisher {
  const child = spawn('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-stats', ...inputArgs, ...outputArgs, '-f', 'flv', url], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  killAllOnExit([child]);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // Keep the tail only: `-stats` writes a progress line a few times a second.
    stderr = (stderr + chunk.toString()).slice(-64 * 1024);
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      resolve({ code, stderr });
    });
  });
  return { child, exited, stderr: () => stderr };
}

/** Publishes the test pattern to `url` (see {@link TestPatternOptions}). */
export function publishTestPattern(url: string, options: TestPatternOptions): Publisher {
  return publish(url, testPatternArgs(options), options.outputArgs);
}

/** ffmpeg's exit code when it stopped on SIGINT/SIGTERM and finished its outputs (`received_nb_signals`). */
export const FFMPEG_INTERRUPTED_EXIT_CODE = 255;

/**
 * Ends a long-running publish the way Ctrl+C does: on SIGINT ffmpeg stops reading, flushes its encoders and closes
 * the RTMP output properly (FCUnpublish, deleteStream), then exits with {@link FFMPEG_INTERRUPTED_EXIT_CODE}.
 * Lets a test keep a stream live for as long as it needs, then end it cleanly.
 */
export function interruptPublisher(publisher: Pick<Publisher, 'child' | 'exited'>): Promise<{ code: number | null; stderr: string }> {
  if (publisher.child.exitCode === null && publisher.child.signalCode === null) publisher.child.kill('SIGINT');
  return publisher.exited;
}

/** ffmpeg's latest `speed=` (1.0 = real time), from `-stats` output. */
export function latestSpeed(stderr: string): number | undefined {
  const matches = [...stderr.matchAll(/speed=\s*([\d.]+)x/g)];
  const last = matches.at(-1)?.[1];
  return last === undefined ? undefined : Number(last);
}

/** Ends every publisher still running (SIGTERM, then SIGKILL after 3 s). For afterAll. */
export async function stopAllPublishers(): Promise<void> {
  await Promise.all([...running].map((child) => killAndWait(child, 3_000)));
}
