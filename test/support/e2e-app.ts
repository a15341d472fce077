/**
 * The app as a new user gets it in browser mode, for end-to-end tests and UI benchmarks: the real `oss-live web
 * --json --no-open --port 0` on a fresh data dir (so the embedded emulator and the Local profile are in use), inside
 * its own D-Bus session with an unlocked gnome-keyring under a throwaway HOME (so secrets go to a real keychain and
 * never the developer's), and Debian's Chromium opened on the URL it prints.
 *
 * Everything the page does is recorded: console errors, page errors, failed requests, and every request and
 * WebSocket with whether it carried the per-launch token.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

import { tokenCookieName } from '../../electron/host/access';
import { killAllOnExit } from './child-cleanup';
import { cleanEnv } from './cli';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './hls-player';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = path.join(REPO, 'test-artifacts', 'screenshots');

/** Empties the screenshot directory, so one run's pictures never sit beside an earlier run's. Call in beforeAll. */
export async function clearScreenshots(): Promise<void> {
  await rm(SCREENSHOT_DIR, { recursive: true, force: true });
  await mkdir(SCREENSHOT_DIR, { recursive: true });
}

export interface RecordedRequest {
  url: string;
  method: string;
  /** HTTP status, or undefined when the request failed or never got an answer. */
  status?: number;
  /** Same origin as the app (the host), as opposed to anything else the page might reach for. */
  sameOrigin: boolean;
  /**
   * Carried the token: `?token=` in the URL or the token cookie. Undefined when Chromium did not report the headers it
   * sent (only its provisional ones: the favicon, the odd media fetch), so the cookie cannot be seen either way.
   */
  withToken: boolean | undefined;
}

export interface E2eApp {
  /** The URL `oss-live web --json` printed, token included. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught page errors and failed requests, in order, as text. */
  problems: string[];
  requests: RecordedRequest[];
  /** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
  screenshot(name: string): Promise<string>;
  /** Closes Chromium, then ends the app (SIGTERM, SIGKILL after 5 s) and its D-Bus session, and removes the temp dirs. */
  close(): Promise<void>;
}

export interface E2eAppOptions {
  /** Browser language (the app follows it until the user picks one). Default 'en-US'. */
  locale?: string;
  viewport?: { width: number; height: number };
  /** Environment for the app process. */
  env?: Record<string, string>;
  /** Run the app in its own D-Bus session with an unlocked gnome-keyring (default true); false: no keychain at all. */
  keychain?: boolean;
}

const WEB = ['bin/oss-live.js', 'web', '--json', '--no-open', '--port', '0', '--data'];
/** The keyring session and the app: `exec` hands the shell's pid to node, so SIGTERM reaches the app directly. */
const WITH_KEYRING = `echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec node ${WEB.join(' ')} "$0"`;

/** Starts the app and opens Chromium on it; see {@link E2eApp}. Call `close()` in afterAll. */
export async function startE2eApp(options: E2eAppOptions = {}): Promise<E2eApp> {
  const root = await mkdtemp(path.join(tmpdir(), 'oss-live-e2e-'));
  const home = path.join(root, 'home');
  const dataDir = path.join(root, 'data');
  await mkdir(path.join(home, 'run'), { recursive: true, mode: 0o700 });
  const hidden = ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY', 'GNOME_KEYRING_CONTROL'];
  const env = Object.fromEntries(Object.entries(cleanEnv(options.env)).filter(([name]) => !hidden.includes(name)));
  // Its own process group (detached), so close() can end the session's daemons along with the app.
  const [command, args] = options.keychain === false ? [process.execPath, [...WEB, dataDir]] : ['dbus-run-session', ['--', 'sh', '-c', WITH_KEYRING, dataDir]];
  const child = spawn(command, args, {
    cwd: REPO,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      HOME: home,
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      XDG_RUNTIME_DIR: path.join(home, 'run'),
    },
  });
  const untrack = killAllOnExit([child]);
  const endApp = async (): Promise<void> => {
    await endProcessGroup(child);
    untrack();
    await rm(root, { recursive: true, force: true });
  };

  let browser: Browser | undefined;
  try {
    const url = await firstLine(child, 120_000).then((line) => (JSON.parse(line) as { url: string }).url);
    const parsed = new URL(url);
    const token = parsed.searchParams.get('token') ?? '';
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 860 },
      locale: options.locale ?? 'en-US',
      acceptDownloads: true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: parsed.origin });
    const page = await context.newPage();
    // No HTTP cache: every request the app makes then reaches the host, with the headers it really sent.
    const devtools = await context.newCDPSession(page);
    await devtools.send('Network.setCacheDisabled', { cacheDisabled: true });
    const recorder = recordPage(page, parsed.origin, token);
    await page.goto(url);
    const opened = browser;
    return {
      url,
      origin: parsed.origin,
      token,
      dataDir,
      browser: opened,
      context,
      page,
      problems: recorder.problems,
      requests: recorder.requests,
      async screenshot(name) {
        await mkdir(SCREENSHOT_DIR, { recursive: true });
        const file = path.join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        return file;
      },
      async close() {
        await opened.close().catch(() => undefined);
        await endApp();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await endApp();
    throw error;
  }
}

/** Listens to everything the page does; the arrays fill in as it runs. */
function recordPage(page: Page, origin: string, token: string): { problems: string[]; requests: RecordedRequest[] } {
  const problems: string[] = [];
  const requests: RecordedRequest[] = [];
  const carriesToken = (url: string, headers: Record<string, string>): boolean | undefined => {
    if (new URL(url).searchParams.get('token') === token) return true;
    // The headers really sent include Host; provisional ones (all Chromium reported) do not.
    if (headers.host === undefined) return undefined;
    return (headers.cookie ?? '').split(';').some((part) => part.trim() === `${tokenCookieName(Number(new URL(origin).port))}=${token}`);
  };

  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Aborted media fetches are hls.js cancelling its own requests (seeking, leaving the screen): not a failure.
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.method()} ${request.url()} ${reason}`);
  });
  page.on('requestfinished', (request) => {
    void (async () => {
      const [response, headers] = await Promise.all([request.response(), request.allHeaders()]);
      const url = request.url();
      const sameOrigin = url.startsWith(`${origin}/`);
      requests.push({ url, method: request.method(), sameOrigin, withToken: sameOrigin ? carriesToken(url, headers) : false, ...(response ? { status: response.status() } : {}) });
    })().catch(() => undefined);
  });
  page.on('websocket', (socket) => {
    const url = socket.url();
    const sameOrigin = url.startsWith(origin.replace(/^http/, 'ws'));
    // The socket's cookie is not visible here; the token in its URL is what the renderer sends.
    requests.push({ url, method: 'WEBSOCKET', sameOrigin, withToken: sameOrigin && new URL(url).searchParams.get('token') === token });
  });
  return { problems, requests };
}

/** The first line the child prints on stdout; rejects with its stderr if it exits or takes too long. */
function firstLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`oss-live web printed no URL within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-16_384)));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, newline));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`oss-live web exited (${String(code)}) before printing its URL:\n${stderr}`));
    });
  });
}

const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM to the child's process group, SIGKILL to whatever is left after 5 s; resolves once the group is gone. */
async function endProcessGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-pgid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 5_000;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  signal('SIGKILL');
  // Bounded: in a container without an init that reaps, a zombie keeps the group "alive" forever.
  const killDeadline = Date.now() + 2_000;
  while (groupAlive(pgid) && Date.now() < killDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
}
