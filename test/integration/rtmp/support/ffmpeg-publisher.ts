import { spawn, type ChildProcess } from 'node:child_process';

export interface FfmpegRun {
  /** Resolves when ffmpeg exits, with its exit code (null if killed) and stderr. */
  readonly exited: Promise<{ code: number | null; stderr: string }>;
  readonly child: ChildProcess;
}

export interface PublishOptions {
  /** Seconds of media. */
  seconds: number;
  /** Pace at real time (-re); off pushes as fast as ffmpeg can encode. */
  realtime?: boolean;
  /** Replace the default 320x180 test pattern + sine input and codecs. */
  inputAndCodecArgs?: string[];
}

const running = new Set<ChildProcess>();

/** The brief's synthetic publisher: H.264 test pattern + AAC sine into an RTMP URL, as OBS would send. */
export function publishWithFfmpeg(url: string, options: PublishOptions): FfmpegRun {
  const media = options.inputAndCodecArgs ?? [
    '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=30', '-f', 'lavfi', '-i', 'sine',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '30', '-c:a', 'aac',
  ];
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', ...(options.realtime === false ? [] : ['-re'])];
  const child = spawn('ffmpeg', [...args, ...media, '-t', String(options.seconds), '-f', 'flv', url], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      resolve({ code, stderr });
    });
  });
  return { exited, child };
}

/** Kills every ffmpeg still running (afterAll), waiting at most a few seconds. */
export async function killAllFfmpeg(): Promise<void> {
  const children = [...running];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 3000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGKILL');
        }),
    ),
  );
}
