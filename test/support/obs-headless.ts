/**
 * Real OBS Studio (Debian's 29.x with obs-websocket 5.1) for tests: headless under its own Xvfb, with a fresh,
 * seeded config in a temp dir and the websocket server on a free port. Two instances can run side by side.
 *
 * Why the seeds: obs-websocket 5.1 keeps its settings in global.ini (not plugin_config/…/config.json, which is 5.3+)
 * and writes `ServerEnabled=false` on first load, so the server must be seeded on; `FirstRun=true` suppresses the
 * auto-configuration wizard; the preview is off to save CPU under software GL.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort, isListening, waitFor } from './listening-ports';
import { killAndWait, killAllOnExit } from './child-cleanup';

export interface ObsOptions {
  /** obs-websocket password; '' turns authentication off. Default: a random one. */
  password?: string;
  /** websocket port; default: a free one. Pass the port of a killed instance to "bring OBS back". */
  port?: number;
  /** Canvas and output size, e.g. '640x360'. */
  size?: `${number}x${number}`;
  fps?: number;
  /** x264 preset of the stream encoder. */
  preset?: string;
  /** Stream video bitrate in kbps. */
  bitrate?: number;
  /** x264 keyframe interval in frames (seeded as `x264Settings=keyint=N`). Default: 2 s worth of frames. */
  keyint?: number;
  /** How long to wait for the websocket to accept connections. */
  timeoutMs?: number;
  /**
   * Start from a copy of this OBS config directory (a killed instance's `configDir`) instead of fresh seeds, so what
   * OBS persisted there (the stream service in the profile, scenes) survives the restart as on a real machine. Only
   * global.ini is seeded again (websocket port and password).
   */
  configFrom?: string;
}

export interface ObsInstance {
  /** `ws://127.0.0.1:PORT` */
  url: string;
  port: number;
  password: string;
  pid: number;
  /** OBS's own config directory (`$XDG_CONFIG_HOME/obs-studio`). */
  configDir: string;
  logDir: string;
  /** Seeded values, for assertions. */
  settings: { width: number; height: number; fps: number; preset: string; bitrate: number; keyint: number };
  /** SIGTERM OBS and Xvfb (SIGKILL after 5 s) and remove the temp dir. Safe to call twice. */
  stop(): Promise<void>;
  /** Sends a signal to OBS only (default SIGKILL), e.g. to simulate a crash; stop() still cleans up. */
  kill(signal?: NodeJS.Signals): void;
  /** OBS's log file (falls back to its captured stdout/stderr). */
  readLog(): Promise<string>;
}

/** Starts OBS headless and resolves once its websocket accepts connections (about 0.5 s here). */
export async function startObs(options: ObsOptions = {}): Promise<ObsInstance> {
  const [width, height] = (options.size ?? '640x360').split('x').map(Number) as [number, number];
  const fps = options.fps ?? 30;
  const settings = {
    width,
    height,
    fps,
    preset: options.preset ?? 'ultrafast',
    bitrate: options.bitrate ?? 600,
    keyint: options.keyint ?? fps * 2,
  };
  const password = options.password ?? `pw-${Math.random().toString(36).slice(2, 12)}`;
  const port = options.port ?? (await freePort());
  // A killed instance's port is free once the kernel has closed its socket, a moment after the kill.
  const portFree = await waitFor(async () => !(await isListening(port)), options.port ? 5_000 : 0);
  if (!portFree) throw new Error(`port ${port} is already in use (another OBS?)`);

  const root = await mkdtemp(join(tmpdir(), 'obs-headless-'));
  const xdgConfigHome = join(root, 'config');
  const configDir = join(xdgConfigHome, 'obs-studio');
  const seed = { port, password, root, ...settings };
  if (options.configFrom) {
    await cp(options.configFrom, configDir, { recursive: true });
    await writeFile(join(configDir, 'global.ini'), globalIni(seed));
  } else {
    await seedConfig(configDir, seed);
  }

  const xvfb = await startXvfb(root);
  const outputFile = join(root, 'obs.stdout');
  const output = createWriteStream(outputFile);
  await once(output, 'open');
  const args = ['--multi', '--minimize-to-tray', '--disable-missing-files-check', '--disable-shutdown-check'];
  args.push('--websocket_port', String(port));
  if (password) args.push('--websocket_password', password);
  const obs = spawn('obs', args, {
    cwd: root,
    stdio: ['ignore', output, output],
    env: {
      ...process.env,
      DISPLAY: xvfb.display,
      XDG_CONFIG_HOME: xdgConfigHome,
      // Stops libdbus from auto-launching a stray dbus-daemon (and keyring) per OBS start.
      DBUS_SESSION_BUS_ADDRESS: 'disabled:',
      LIBGL_ALWAYS_SOFTWARE: '1',
      QT_QPA_PLATFORM: 'xcb',
    },
  });
  const untrack = killAllOnExit([obs, xvfb.process]);

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await killAndWait(obs);
    await killAndWait(xvfb.process);
    untrack();
    output.end();
    await rm(root, { recursive: true, force: true });
  };
  const readLog = async (): Promise<string> => {
    const logDir = join(configDir, 'logs');
    const names = (await readdir(logDir).catch(() => [] as string[])).filter((name) => name.endsWith('.txt')).sort();
    const newest = names.at(-1);
    return readFile(newest ? join(logDir, newest) : outputFile, 'utf8');
  };

  try {
    // OBS exits with code 0 when it cannot open the display, so watch the process, not only the exit code.
    const exited = once(obs, 'exit').then(([code, signal]) => ({ code, signal }));
    const timeoutMs = options.timeoutMs ?? 30_000;
    const ready = await Promise.race([waitFor(() => isListening(port), timeoutMs, 50), exited]);
    if (ready !== true) {
      const why = ready === false ? `not listening after ${timeoutMs} ms` : `exited early (${JSON.stringify(ready)})`;
      throw new Error(`OBS ${why}; tail of its output:\n${await tail(outputFile, 30)}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: `ws://127.0.0.1:${port}`,
    port,
    password,
    pid: obs.pid ?? -1,
    configDir,
    logDir: join(configDir, 'logs'),
    settings,
    stop,
    kill: (signal: NodeJS.Signals = 'SIGKILL') => void obs.kill(signal),
    readLog,
  };
}

interface Seed {
  port: number;
  password: string;
  root: string;
  width: number;
  height: number;
  fps: number;
  preset: string;
  bitrate: number;
  keyint: number;
}

async function seedConfig(configDir: string, seed: Seed): Promise<void> {
  await mkdir(join(configDir, 'basic', 'profiles', 'Headless'), { recursive: true });
  await mkdir(join(configDir, 'basic', 'scenes'), { recursive: true });
  await writeFile(join(configDir, 'global.ini'), globalIni(seed));
  await writeFile(join(configDir, 'basic', 'profiles', 'Headless', 'basic.ini'), profileIni(seed));
  await writeFile(join(configDir, 'basic', 'scenes', 'Headless.json'), JSON.stringify(sceneCollection(seed)));
}

const ini = (sections: Record<string, Record<string, string | number | boolean>>): string =>
  Object.entries(sections)
    .map(([name, keys]) => `[${name}]\n${Object.entries(keys).map(([k, v]) => `${k}=${String(v)}`).join('\n')}\n`)
    .join('\n');

function globalIni({ port, password }: Seed): string {
  return ini({
    General: {
      Pre19Defaults: false,
      Pre21Defaults: false,
      Pre23Defaults: false,
      'Pre24.1Defaults': false,
      FirstRun: true,
      LastVersion: 486539266,
      EnableAutoUpdates: false,
      ConfirmOnExit: false,
      WarnBeforeStartingStream: false,
      WarnBeforeStoppingStream: false,
      WarnBeforeStoppingRecord: false,
      SysTrayEnabled: false,
    },
    Basic: {
      Profile: 'Headless',
      ProfileDir: 'Headless',
      SceneCollection: 'Headless',
      SceneCollectionFile: 'Headless',
    },
    BasicWindow: { PreviewEnabled: false },
    OBSWebSocket: {
      FirstLoad: false,
      ServerEnabled: true,
      ServerPort: port,
      AlertsEnabled: false,
      AuthRequired: password !== '',
      ServerPassword: password,
    },
  });
}

function profileIni(seed: Seed): string {
  return ini({
    General: { Name: 'Headless' },
    Video: {
      BaseCX: seed.width,
      BaseCY: seed.height,
      OutputCX: seed.width,
      OutputCY: seed.height,
      FPSType: 1,
      FPSInt: seed.fps,
      ScaleType: 'bilinear',
      ColorFormat: 'NV12',
    },
    Audio: { SampleRate: 48000, ChannelSetup: 'Stereo' },
    Output: { Mode: 'Simple' },
    SimpleOutput: {
      StreamEncoder: 'x264',
      VBitrate: seed.bitrate,
      ABitrate: 64,
      // Without UseAdvanced OBS ignores Preset and x264Settings (x264 stays on veryfast, keyint 250 frames).
      UseAdvanced: true,
      Preset: seed.preset,
      x264Settings: `keyint=${seed.keyint}`,
      RecEncoder: 'x264',
      RecQuality: 'Stream',
      FilePath: seed.root,
    },
  });
}

/** One scene holding a solid red colour source, so a decoded frame shows what OBS rendered. */
function sceneCollection({ width, height }: Seed): unknown {
  return {
    name: 'Headless',
    current_scene: 'Scene',
    current_program_scene: 'Scene',
    scene_order: [{ name: 'Scene' }],
    current_transition: 'Fade',
    transition_duration: 300,
    transitions: [],
    groups: [],
    quick_transitions: [],
    saved_projectors: [],
    modules: {},
    sources: [
      {
        id: 'scene',
        versioned_id: 'scene',
        name: 'Scene',
        enabled: true,
        mixers: 0,
        settings: {
          id_counter: 1,
          custom_size: false,
          items: [
            {
              name: 'Color',
              id: 1,
              visible: true,
              locked: false,
              rot: 0,
              pos: { x: 0, y: 0 },
              scale: { x: 1, y: 1 },
              align: 5,
              bounds_type: 0,
              bounds_align: 0,
              bounds: { x: 0, y: 0 },
            },
          ],
        },
      },
      {
        id: 'color_source',
        versioned_id: 'color_source_v3',
        name: 'Color',
        enabled: true,
        mixers: 0,
        settings: { color: 0xff0000ff, width, height },
      },
    ],
  };
}

/** Starts Xvfb with `-displayfd`, so it picks a free display itself (parallel instances never collide). */
async function startXvfb(root: string): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x720x24', '-nolisten', 'tcp'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const displayFd = xvfb.stdio[3];
  if (!displayFd) throw new Error('Xvfb: no display fd');
  let stderr = '';
  xvfb.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let written = '';
  const display = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display within 10 s: ${stderr}`)), 10_000);
    displayFd.on('data', (chunk: Buffer) => {
      written += chunk.toString();
      // Xvfb writes the number once it accepts connections.
      if (written.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${written.trim()}`);
      }
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${String(code)}): ${stderr}`));
    });
  }).catch(async (error: unknown) => {
    await killAndWait(xvfb);
    throw error;
  });
  return { display, process: xvfb };
}

async function tail(file: string, lines: number): Promise<string> {
  const size = await stat(file).then((info) => info.size, () => 0);
  if (size === 0) return '(no output)';
  return (await readFile(file, 'utf8')).split('\n').slice(-lines).join('\n');
}
