/**
 * A real RTMP server for tests that only need somewhere OBS can publish: `ffmpeg -listen 1` on 127.0.0.1, copying
 * what arrives into an FLV file that ffprobe can check afterwards.
 *
 * It is single-shot: ffmpeg takes one publisher (with any stream key) and exits when that publisher leaves, so start
 * one per stream. Readiness is read from the kernel's socket table rather than by connecting, because a probe
 * connection would be that one publisher.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { killAndWait, killAllOnExit } from './child-cleanup';
import { freePort, isListening, waitFor } from './listening-ports';

const execFileAsync = promisify(execFile);

export interface RtmpReceiverOptions {
  /** Default: a free port. Pass a previous receiver's port to bring "the server" back for a reconnecting OBS. */
  port?: number;
  /** Application name in the URL path. Default `live`. */
  app?: string;
  /** Stream key OBS should use (ffmpeg accepts any). Default `test`. */
  key?: string;
  /** ffmpeg gives up when no data arrives for this long (`-rw_timeout`). Default 10 s. */
  rwTimeoutMs?: number;
  /** ffmpeg gives up when nobody connects within this time. Default 120 s. */
  listenTimeoutMs?: number;
}

export interface ProbedMedia {
  video: { codec: string; profile: string; width: number; height: number; frameRate: string } | null;
  audio: { codec: string; sampleRate: number; channels: number } | null;
  durationSeconds: number;
  /** Overall bit rate ffprobe computes for the file, in bits per second. */
  bitRate: number;
  /** Presentation times (s) of the video keyframes. */
  keyframeTimes: number[];
}

export interface RtmpReceiver {
  /** What OBS calls the server: `rtmp://127.0.0.1:PORT/APP`. */
  server: string;
  key: string;
  port: number;
  outFile: string;
  /** Resolves when ffmpeg exits (after the publisher leaves, a timeout, or a kill). */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** ffmpeg's stderr so far. */
  log(): string;
  /** ffprobe of the recorded file (call after `ended`, or while it is still being written). */
  probe(): Promise<ProbedMedia>;
  /** Signals ffmpeg (default SIGKILL), e.g. to drop the connection under a live OBS. */
  kill(signal?: NodeJS.Signals): void;
  /** Ends ffmpeg if it still runs and removes the temp dir. */
  stop(): Promise<void>;
}

/** Starts `ffmpeg -listen 1` on a free port and resolves once it listens. */
export async function startRtmpReceiver(options: RtmpReceiverOptions = {}): Promise<RtmpReceiver> {
  const app = options.app ?? 'live';
  const key = options.key ?? 'test';
  const port = options.port ?? (await freePort());
  const dir = await mkdtemp(join(tmpdir(), 'rtmp-receiver-'));
  const outFile = join(dir, 'received.flv');
  const args = [
    '-nostdin',
    '-hide_banner',
    '-listen',
    '1',
    // rtmp's own listen timeout is in seconds; rw_timeout is in microseconds.
    '-timeout',
    String(Math.ceil((options.listenTimeoutMs ?? 120_000) / 1000)),
    '-rw_timeout',
    String((options.rwTimeoutMs ?? 10_000) * 1000),
    '-i',
    `rtmp://127.0.0.1:${port}/${app}/${key}`,
    '-c',
    'copy',
    '-f',
    'flv',
    '-y',
    outFile,
  ];
  const ffmpeg = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const untrack = killAllOnExit([ffmpeg]);
  let stderr = '';
  ffmpeg.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const ended = once(ffmpeg, 'exit').then(([code, signal]) => {
    untrack();
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });

  const stop = async (): Promise<void> => {
    await killAndWait(ffmpeg);
    await rm(dir, { recursive: true, force: true });
  };
  const listening = await Promise.race([waitFor(() => isListening(port), 10_000), ended.then(() => false)]);
  if (!listening) {
    await stop();
    throw new Error(`ffmpeg RTMP receiver did not start listening on ${port}:\n${stderr.slice(-2000)}`);
  }

  return {
    server: `rtmp://127.0.0.1:${port}/${app}`,
    key,
    port,
    outFile,
    ended,
    log: () => stderr,
    probe: () => probeMedia(outFile),
    kill: (signal: NodeJS.Signals = 'SIGKILL') => void ffmpeg.kill(signal),
    stop,
  };
}

/** ffprobe's view of a media file: its video and audio streams, duration, bit rate and keyframe times. */
export async function probeMedia(file: string): Promise<ProbedMedia> {
  const { stdout } = await execFileAsync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name,profile,width,height,r_frame_rate,sample_rate,channels:format=duration,bit_rate',
    '-of',
    'json',
    file,
  ]);
  const parsed = JSON.parse(stdout) as { streams?: Array<Record<string, unknown>>; format?: Record<string, unknown> };
  const streams = parsed.streams ?? [];
  const video = streams.find((stream) => stream.codec_type === 'video');
  const audio = streams.find((stream) => stream.codec_type === 'audio');
  return {
    video: video
      ? {
          codec: String(video.codec_name),
          profile: String(video.profile),
          width: Number(video.width),
          height: Number(video.height),
          frameRate: String(video.r_frame_rate),
        }
      : null,
    audio: audio
      ? { codec: String(audio.codec_name), sampleRate: Number(audio.sample_rate), channels: Number(audio.channels) }
      : null,
    durationSeconds: Number(parsed.format?.duration),
    bitRate: Number(parsed.format?.bit_rate),
    keyframeTimes: video ? await keyframeTimes(file) : [],
  };
}

async function keyframeTimes(file: string): Promise<number[]> {
  // -skip_frame nokey decodes only the keyframes, so this stays cheap for long files.
  const { stdout } = await execFileAsync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-skip_frame',
    'nokey',
    '-show_entries',
    'frame=pts_time',
    '-of',
    'csv=p=0',
    file,
  ]);
  return stdout
    .split('\n')
    .map((line) => line.trim().replace(/,$/, ''))
    .filter((line) => line !== '')
    .map(Number);
}
