import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { WebSocket } from 'ws';
import { WebSocketServer } from 'ws';

import { decodeWire, encodeWire } from '../../shared/wire';
import type { ApiDispatcher } from '../api/dispatch';
import type { EventHub } from '../api/event-hub';
import type { FileRoute } from '../api/file-routes';
import { matchRoute } from '../api/file-routes';
import { contentSecurityPolicy } from '../security';
import { allowedOrigins, hasValidToken, isAllowedHost, isAllowedOrigin, newToken, requestToken, tokenCookie } from './access';
import { findStaticFile } from './static-files';

export interface HostOptions {
  /** 0 picks a free port. The host always binds 127.0.0.1. */
  port?: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  dispatch: ApiDispatcher;
  events: EventHub;
  /** Extra GET routes under the same guard: the media proxy (`/media/…`) and export downloads (`/downloads/…`). */
  routes?: Record<string, FileRoute>;
  token?: string;
}

export interface RunningHost {
  port: number;
  /** The URL to open: carries the per-launch token. */
  url: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  // The token travels in the first URL: never hand it to anyone in a Referer.
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function refuse(res: ServerResponse, status = 403): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'content-length': '9' });
  res.end(status === 403 ? 'Forbidden' : 'Not found');
}

/**
 * Browser mode: serves the built renderer and the API over a WebSocket on 127.0.0.1 only. Every request needs the
 * per-launch token (in the URL it prints, then an HttpOnly cookie); without it the host answers 403 and serves
 * nothing. WebSocket upgrades must also come from the host's own origin, so other web pages cannot drive the app.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newToken();
  let port = 0;

  const authorize = (req: IncomingMessage): { url: URL; fromQuery: boolean } | undefined => {
    if (!isAllowedHost(req.headers.host, port)) return undefined;
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const carried = requestToken(url, req.headers.cookie, port);
    return hasValidToken(carried, token) ? { url, fromQuery: carried.fromQuery !== undefined } : undefined;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const access = authorize(req);
      if (!access) return refuse(res);
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 404);
      const headers: Record<string, string> = { ...SECURITY_HEADERS };
      if (access.fromQuery) headers['set-cookie'] = tokenCookie(token, port);
      const match = matchRoute(options.routes ?? {}, access.url.pathname);
      if (match) {
        const reply = await match.route(match.rest, access.url.searchParams);
        res.writeHead(reply.status, { ...headers, ...reply.headers });
        if (req.method === 'HEAD' || reply.body === undefined) return void res.end();
        if (reply.body instanceof Uint8Array) return void res.end(reply.body);
        reply.body.on('error', () => res.destroy()).pipe(res);
        return;
      }
      const file = await findStaticFile(options.rendererDir, access.url.pathname);
      if (!file) return refuse(res, 404);
      res.writeHead(200, {
        ...headers,
        'content-type': file.contentType,
        'content-length': String(file.size),
        'cache-control': file.file.endsWith('.html') ? 'no-store' : 'private, max-age=3600',
        ...(file.file.endsWith('.html') ? { 'content-security-policy': contentSecurityPolicy(allowedOrigins(port).map((o) => o.replace('http', 'ws'))) } : {}),
      });
      if (req.method === 'HEAD') return void res.end();
      file.open().on('error', () => res.destroy()).pipe(res);
    })().catch(() => {
      if (!res.headersSent) refuse(res, 404);
      else res.destroy();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const access = authorize(req);
    if (!access || access.url.pathname !== '/api' || !isAllowedOrigin(req.headers.origin, port)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveApi(ws, options));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One renderer's socket: calls in, results and events out. */
function serveApi(ws: WebSocket, options: HostOptions): void {
  const send = (text: string): void => {
    if (ws.readyState === ws.OPEN) ws.send(text);
  };
  const unsubscribe = options.events.subscribe((event, payload) => send(encodeWire({ type: 'event', event, payload })));
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let message;
    try {
      message = decodeWire(data.toString());
    } catch {
      return;
    }
    if (message.type !== 'call') return;
    const { id, method, args } = message;
    void options.dispatch(method, args).then((outcome) => send(encodeWire({ type: 'result', id, ...outcome })));
  });
}
