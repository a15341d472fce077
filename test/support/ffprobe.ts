/** ffprobe on bytes (a fetched segment object): what streams it holds and whether it decodes. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProbedMedia {
  format: string;
  /** Seconds, as ffprobe computes it. */
  duration: number;
  video?: { codec: string; width: number; height: number; pixelFormat: string };
  audio?: { codec: string; sampleRate: number };
  /** Decode errors ffprobe printed (empty when the file is clean). */
  errors: string;
}

interface FfprobeJson {
  format?: { format_name?: string; duration?: string };
  streams?: Array<{ codec_type?: string; codec_name?: string; width?: number; height?: number; pix_fmt?: string; sample_rate?: string }>;
}

/** Writes `bytes` to a temp file and probes it (`-v error`, every frame read so damage shows up in `errors`). */
export async function probeBytes(bytes: Uint8Array, extension = '.ts'): Promise<ProbedMedia> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'oss-live-probe-'));
  try {
    const file = path.join(dir, `probe${extension}`);
    await writeFile(file, bytes);
    const { stdout, stderr } = await run(
      'ffprobe',
      ['-v', 'error', '-count_frames', '-show_entries', 'format=format_name,duration:stream=codec_type,codec_name,width,height,pix_fmt,sample_rate', '-of', 'json', file],
      { timeout: 30_000, killSignal: 'SIGKILL' },
    );
    const json = JSON.parse(stdout) as FfprobeJson;
    const video = json.streams?.find((stream) => stream.codec_type === 'video');
    const audio = json.streams?.find((stream) => stream.codec_type === 'audio');
    return {
      format: json.format?.format_name ?? '',
      duration: Number(json.format?.duration ?? Number.NaN),
      ...(video ? { video: { codec: video.codec_name ?? '', width: video.width ?? 0, height: video.height ?? 0, pixelFormat: video.pix_fmt ?? '' } } : {}),
      ...(audio ? { audio: { codec: audio.codec_name ?? '', sampleRate: Number(audio.sample_rate ?? 0) } } : {}),
      errors: stderr.trim(),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
