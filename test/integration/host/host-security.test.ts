/**
 * Browser mode's guard, over real sockets: the host started on 127.0.0.1 with the real app runtime behind it
 * (embedded emulator, dispatcher, media and download routes; secrets in memory) and a small renderer in a temp dir.
 * Without the per-launch token nothing is served, not even the page; with it, only this host's own origin may open
 * the API socket.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { connect } from 'node:net';
import path from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

import type { AppRuntime } from '../../../electron/app/app-runtime';
import { startAppRuntime } from '../../../electron/app/app-runtime';
import type { RunningHost } from '../../../electron/host/host';
import { startHost } from '../../../electron/host/host';
import { MemorySecretStore } from '../../../electron/keychain';
import type { WireMessage } from '../../../shared/wire';
import { decodeWire, encodeWire } from '../../../shared/wire';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/hls-player';
import { needs } from '../../support/tools';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const INDEX_HTML = '<!doctype html><title>app</title><div id="root"></div>';
const ASSET = 'export const marker = "renderer-asset";';

describe('browser-mode host security', () => {
  let root = '';
  let runtime: AppRuntime;
  let host: RunningHost;
  let token = '';

  /** A GET with full control over the headers (fetch cannot set Host). */
  const get = (pathAndQuery: string, headers: Record<string, string> = {}): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: pathAndQuery, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end();
    });

  /** Opens the API socket; resolves to the socket, or to the HTTP status it was refused with. */
  const openSocket = (query: string, headers: Record<string, string> = {}, origin?: string): Promise<WebSocket | number> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api${query}`, { headers, ...(origin ? { origin } : {}) });
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.once('error', (error) => reject(error));
    });

  /** One call over an open socket, as the renderer makes it. */
  const call = (ws: WebSocket, id: number, method: string, args: unknown[]): Promise<WireMessage> =>
    new Promise((resolve) => {
      const onMessage = (data: WebSocket.RawData): void => {
        const message = decodeWire(data.toString());
        if (message.type === 'result' && message.id === id) {
          ws.off('message', onMessage);
          resolve(message);
        }
      };
      ws.on('message', onMessage);
      ws.send(encodeWire({ type: 'call', id, method, args }));
    });

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'oss-live-host-'));
    const rendererDir = path.join(root, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), INDEX_HTML);
    await writeFile(path.join(rendererDir, 'assets', 'index.js'), ASSET);
    runtime = await startAppRuntime({ mode: 'browser', version: 'test', dataDir: path.join(root, 'data'), secrets: new MemorySecretStore() });
    host = await startHost({ port: 0, rendererDir, dispatch: runtime.dispatch, events: runtime.events, routes: runtime.routes });
    token = new URL(host.url).searchParams.get('token') ?? '';
  });

  afterAll(async () => {
    await host?.close();
    await runtime?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('prints a loopback URL carrying a long random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });

  it.each(['/', '/index.html', '/assets/index.js', '/media/ch/playlist.m3u8', '/downloads/0123456789abcdef/clip.mp4', '/missing'])(
    'answers 403 and serves nothing without the token: %s',
    async (pathname) => {
      const attempts: Array<Record<string, string>> = [{}, { cookie: `oss_live_token_${host.port}=` }, { cookie: `other=${token}` }, { cookie: `oss_live_token=${token}` }, { cookie: `oss_live_token_${host.port + 1}=${token}` }];
      for (const headers of attempts) {
        const reply = await get(pathname, headers);
        expect(reply.status).toBe(403);
        expect(reply.body).toBe('Forbidden');
        expect(reply.headers['set-cookie']).toBeUndefined();
      }
    },
  );

  it('answers 403 to a wrong token, in the URL or the cookie', async () => {
    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    for (const reply of [await get(`/?token=${wrong}`), await get('/', { cookie: `oss_live_token_${host.port}=${wrong}` }), await get(`/?token=${token}x`)]) {
      expect(reply.status).toBe(403);
      expect(reply.body).toBe('Forbidden');
    }
  });

  it('serves the page for the token in the URL, with an HttpOnly SameSite=Strict cookie and the CSP', async () => {
    const reply = await get(`/?token=${token}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX_HTML);
    // Named after the port: another instance on 127.0.0.1 (cookies ignore ports) must not overwrite it.
    expect(reply.headers['set-cookie']).toEqual([`oss_live_token_${host.port}=${token}; HttpOnly; SameSite=Strict; Path=/`]);
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('serves assets and the media route to the cookie alone', async () => {
    const cookie = { cookie: `theme=dark; oss_live_token_${host.port}=${token}` };
    const asset = await get('/assets/index.js', cookie);
    expect(asset.status).toBe(200);
    expect(asset.body).toBe(ASSET);
    expect(asset.headers['set-cookie']).toBeUndefined();
    // Past the guard, the media proxy answers for itself: no such segment in the emulator.
    const media = await get('/media/no-such-channel/0.ts', cookie);
    expect(media.status).toBe(404);
    expect(media.body).toBe('Not found');
  });

  it.each(['evil.example', `evil.example:${'PORT'}`, '127.0.0.1', `127.0.0.1.nip.io:${'PORT'}`, `[::1]:${'PORT'}`])(
    'refuses a foreign Host header even with the token (DNS rebinding): %s',
    async (hostHeader) => {
      const reply = await get(`/?token=${token}`, { host: hostHeader.replace('PORT', String(host.port)) });
      expect(reply.status).toBe(403);
      expect(reply.body).toBe('Forbidden');
    },
  );

  it('answers to localhost as well as 127.0.0.1', async () => {
    const reply = await get(`/?token=${token}`, { host: `localhost:${host.port}` });
    expect(reply.status).toBe(200);
  });

  it('refuses the API socket without the token, with a wrong one, from another origin or another Host', async () => {
    const own = `http://127.0.0.1:${host.port}`;
    expect(await openSocket('', {}, own)).toBe(403);
    expect(await openSocket('?token=wrong', {}, own)).toBe(403);
    expect(await openSocket(`?token=${token}`, {}, 'http://evil.example')).toBe(403);
    expect(await openSocket(`?token=${token}`, {}, `http://127.0.0.1:${host.port + 1}`)).toBe(403);
    expect(await openSocket(`?token=${token}`, {}, 'null')).toBe(403);
    expect(await openSocket(`?token=${token}`, { host: `evil.example:${host.port}` }, own)).toBe(403);
  });

  it('opens the API socket for its own origin with the token or the cookie, and answers calls', async () => {
    for (const [query, headers] of [[`?token=${token}`, {}], ['', { cookie: `oss_live_token_${host.port}=${token}` }]] as const) {
      const ws = await openSocket(query, headers, `http://127.0.0.1:${host.port}`);
      if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
      try {
        const result = await call(ws, 1, 'app.info', []);
        expect(result).toMatchObject({ type: 'result', ok: true, value: { mode: 'browser', profile: { name: 'Local', local: true } } });
      } finally {
        ws.close();
      }
    }
  });

  it('lets the dispatcher refuse unknown methods and extra arguments, and ignores malformed messages', async () => {
    const ws = await openSocket(`?token=${token}`, {}, `http://127.0.0.1:${host.port}`);
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    try {
      ws.send('not json');
      ws.send(JSON.stringify({ type: 'call', id: 99, method: 'app.info', args: 'not-a-list' }));
      ws.send(Buffer.from([1, 2, 3]));
      for (const [id, method] of [[1, 'no.such'], [2, 'constructor'], [3, '__proto__'], [4, 'toString']] as const) {
        expect(await call(ws, id, method, [])).toMatchObject({ ok: false, error: { kind: 'validation', field: 'method' } });
      }
      expect(await call(ws, 5, 'app.info', ['extra'])).toMatchObject({ ok: false, error: { kind: 'validation', field: 'arguments' } });
      expect(await call(ws, 6, 'channels.info', ['a', 'b'])).toMatchObject({ ok: false, error: { kind: 'validation', field: 'arguments' } });
      expect(await call(ws, 7, 'channels.info', [42])).toMatchObject({ ok: false, error: { kind: 'validation', field: 'name' } });
      // Still the same socket, still working.
      expect(await call(ws, 8, 'app.info', [])).toMatchObject({ ok: true });
    } finally {
      ws.close();
    }
  });

  it('never sends a secret back: a saved OBS password is only reported as set', async () => {
    const secret = `obs-secret-${Math.random().toString(36).slice(2)}`;
    const ws = await openSocket(`?token=${token}`, {}, `http://127.0.0.1:${host.port}`);
    if (typeof ws === 'number') throw new Error(`refused with ${ws}`);
    const received: string[] = [];
    ws.on('message', (data: WebSocket.RawData) => received.push(data.toString()));
    try {
      const save = await call(ws, 1, 'profiles.save', [
        { originalName: 'Local', profile: { obsWebSocketUrl: 'ws://127.0.0.1:4455' }, secrets: { obsPassword: secret } },
      ]);
      expect(save).toMatchObject({ ok: true, value: { name: 'Local', secrets: { obsPassword: true } } });
      expect(await call(ws, 2, 'profiles.list', [])).toMatchObject({ ok: true });
      expect(received.length).toBeGreaterThanOrEqual(3); // two results and the profiles.changed event
      expect(received.filter((text) => text.includes(secret))).toEqual([]);
    } finally {
      ws.close();
    }
  });

  describe.runIf(needs('chromium'))('two instances side by side, in one Chromium profile', () => {
    let second: RunningHost;
    let browser: Browser;

    beforeAll(async () => {
      second = await startHost({ port: 0, rendererDir: path.join(root, 'renderer'), dispatch: runtime.dispatch, events: runtime.events, routes: runtime.routes });
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    });

    afterAll(async () => {
      await browser?.close();
      await second?.close();
    });

    /** What the page gets for a same-origin request carrying only its cookies (as lazy chunks and the media proxy do). */
    const statusFromPage = (page: Page, pathname: string): Promise<number> => page.evaluate(async (url) => (await fetch(url)).status, pathname);

    it('keeps both tabs working: each instance has its own token cookie', async () => {
      const context = await browser.newContext();
      try {
        const first = await context.newPage();
        await first.goto(host.url);
        const other = await context.newPage();
        await other.goto(second.url); // the second instance sets its cookie after the first one did
        const cookies = await context.cookies();
        expect(cookies.map(({ name, value }) => `${name}=${value}`).sort()).toEqual(
          [`oss_live_token_${host.port}=${token}`, `oss_live_token_${second.port}=${new URL(second.url).searchParams.get('token') ?? ''}`].sort(),
        );
        for (const [page, running] of [[first, host], [other, second]] as const) {
          expect(page.url()).toBe(running.url);
          expect(await statusFromPage(page, '/assets/index.js')).toBe(200);
          expect(await statusFromPage(page, '/')).toBe(200);
          // Past the guard: the media proxy answers for itself.
          expect(await statusFromPage(page, '/media/no-such-channel/0.ts')).toBe(404);
        }
      } finally {
        await context.close();
      }
    });
  });

  it('listens on 127.0.0.1 only', async () => {
    // The kernel's socket tables: every listener on this port is bound to 127.0.0.1 (0100007F), none on IPv6.
    const portHex = host.port.toString(16).toUpperCase().padStart(4, '0');
    const listeners = async (table: string): Promise<string[]> =>
      (await readFile(table, 'utf8').catch(() => ''))
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter(([, local, , state]) => state === '0A' && local?.endsWith(`:${portHex}`))
        .map(([, local]) => local ?? '');
    expect(await listeners('/proc/net/tcp')).toEqual([`0100007F:${portHex}`]);
    expect(await listeners('/proc/net/tcp6')).toEqual([]);
    // And from this machine's other addresses, nobody answers.
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
      .map((address) => address?.address ?? '');
    for (const address of external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: address, port: host.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, address).toBe('ECONNREFUSED');
    }
  });
});
