/**
 * Runs a TypeScript script in a child Node process against a real D-Bus session, in one of the situations the
 * keychain code must handle: a working gnome-keyring Secret Service, a locked one, a session bus with no Secret
 * Service, or no session bus at all. Everything lives under a throwaway HOME, so the real user's keyring is never
 * touched, and the whole process group is killed on timeout so nothing is left running.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type SessionSetup =
  /** dbus-run-session + `gnome-keyring-daemon --unlock --components=secrets` (a login keyring, password "pass"). */
  | 'gnome-keyring'
  /** dbus-run-session + gnome-keyring started without unlocking: no usable default collection. */
  | 'locked-gnome-keyring'
  /** dbus-run-session with a bus config that has no service directories, so nothing provides org.freedesktop.secrets. */
  | 'bus-without-secret-service'
  /** No DBUS_SESSION_BUS_ADDRESS, no DISPLAY, and an empty XDG_RUNTIME_DIR, so no bus can be found or launched. */
  | 'no-session-bus';

export interface SessionRunOptions {
  /** Throwaway home directory; reuse it across runs to reopen the same keyring (a "reboot"). */
  home: string;
  /** Arguments after the script path. */
  args?: string[];
  /** Extra environment variables for the script. */
  env?: Record<string, string>;
  /** Kill the session after this long; defaults to 20 s. */
  timeoutMs?: number;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// A session bus that loads no .service files: the Secret Service cannot be activated on it.
const BARE_SESSION_BUS = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

/**
 * Runs `node --import tsx <script> <args>` in the given session setup and returns the JSON the script printed as
 * the last line of its stdout. Rejects with the script's stderr when it exits non-zero or times out.
 */
export async function runInSession(script: string, setup: SessionSetup, options: SessionRunOptions): Promise<unknown> {
  const { command, args } = await sessionCommand(setup, options.home, [script, ...(options.args ?? [])]);
  const env = await sessionEnv(options.home, options.env ?? {});
  const stdout = await run(command, args, env, options.timeoutMs ?? 20_000);
  const lastLine = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(lastLine) as unknown;
  } catch {
    throw new Error(`script printed no JSON on its last line:\n${stdout}`);
  }
}

async function sessionCommand(
  setup: SessionSetup,
  home: string,
  scriptAndArgs: string[],
): Promise<{ command: string; args: string[] }> {
  const node = ['node', '--import', 'tsx'];
  // "$0" "$@" hands the script and its arguments through sh -c without any quoting of our own.
  const withKeyring = (start: string): { command: string; args: string[] } => ({
    command: 'dbus-run-session',
    args: ['--', 'sh', '-c', `${start} >/dev/null; exec ${node.join(' ')} "$0" "$@"`, ...scriptAndArgs],
  });
  switch (setup) {
    case 'gnome-keyring':
      return withKeyring('echo -n pass | gnome-keyring-daemon --unlock --components=secrets');
    case 'locked-gnome-keyring':
      return withKeyring('gnome-keyring-daemon --start --components=secrets');
    case 'bus-without-secret-service': {
      const config = path.join(home, 'bare-session-bus.conf');
      await writeFile(config, BARE_SESSION_BUS);
      return { command: 'dbus-run-session', args: [`--config-file=${config}`, '--', ...node, ...scriptAndArgs] };
    }
    case 'no-session-bus':
      return { command: node[0] ?? 'node', args: [...node.slice(1), ...scriptAndArgs] };
  }
}

/** The parent's environment minus anything that could reach a real bus or display, rooted in the throwaway home. */
async function sessionEnv(home: string, extra: Record<string, string>): Promise<NodeJS.ProcessEnv> {
  const runtimeDir = path.join(home, 'run');
  await mkdir(runtimeDir, { recursive: true, mode: 0o700 });
  const hidden = new Set(['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'GNOME_KEYRING_CONTROL']);
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !hidden.has(name))),
    HOME: home,
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_RUNTIME_DIR: runtimeDir,
    ...extra,
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Own process group, so a timeout kills dbus-daemon and gnome-keyring-daemon along with the script.
    const child = spawn(command, args, { cwd: REPO_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    };
    const timer = setTimeout(() => {
      killGroup();
      reject(new Error(`${command} timed out after ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      killGroup(); // stragglers that outlived the session
      if (code === 0) resolve(stdout);
      else reject(new Error(`${command} exited with ${String(code)}\n${stderr}`));
    });
  });
}
