import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';

import { userDataDir } from '../../app-paths';
import { startAppRuntime } from '../../app/app-runtime';
import { startHost } from '../../host/host';
import { ensureRendererBuilt } from '../../host/renderer-build';
import { aborted } from '../aborted';
import type { Command } from '../command';
import { integerOption, stringOption } from '../options';

/** Opens a URL in the default browser; failing (no desktop) is fine: the URL is printed anyway. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

async function appVersion(): Promise<string> {
  const text = await readFile(new URL('../../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * Browser mode: the whole app in a browser tab (or an OBS custom browser dock), served on 127.0.0.1 with a
 * per-launch token. `npm run -s web -- …` runs this command.
 */
export const webCommand: Command = {
  path: ['web'],
  args: [],
  summary: 'run the app in browser mode (loopback only, guarded by a per-launch token)',
  details:
    'Serves the app and its API on 127.0.0.1. The printed URL carries the token; without it the server answers 403.\n' +
    'Add the URL as an OBS custom browser dock (Docks > Custom Browser Docks) to keep the app inside OBS.\n' +
    'With no profile of your own, the embedded local emulator starts and the Local profile is used.',
  options: {
    port: { type: 'string', value: 'N', description: 'port to listen on (default: a free one)' },
    data: { type: 'string', value: 'DIR', description: 'user data directory (profiles, history, emulator data)' },
    'no-open': { type: 'boolean', description: 'do not open a browser' },
  },
  connects: false,
  async run({ values, env, json, stdout, stderr, signal }) {
    const port = integerOption(values, 'port', 0, 65535) ?? 0;
    const dataDir = stringOption(values, 'data') ?? userDataDir(env);
    const rendererDir = await ensureRendererBuilt((line) => stderr.write(`${line}\n`));
    const runtime = await startAppRuntime({ mode: 'browser', version: await appVersion(), dataDir });
    const host = await startHost({ port, rendererDir, dispatch: runtime.dispatch, events: runtime.events, routes: runtime.routes }).catch(async (error: unknown) => {
      await runtime.close();
      throw error;
    });
    // The documented line, `{"url": "…"}` with its space: still JSON, and the shape launcher scripts match on.
    stdout.write(json ? `{"url": ${JSON.stringify(host.url)}}\n` : `OSS Live Companion is running at\n\n  ${host.url}\n\nPress Ctrl-C to stop.\n`);
    if (values['no-open'] !== true) openInBrowser(host.url);
    await aborted(signal);
    await host.close();
    await runtime.close();
    return undefined;
  },
};
