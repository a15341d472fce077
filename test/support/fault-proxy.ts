/**
 * A tiny real HTTP proxy for tests that put it between a client and a server (the OSS client and the emulator) and
 * switch, at any moment, between passing requests through, answering 503 the way a load balancer in trouble does,
 * and dropping connections without an answer. Listens on 127.0.0.1 on an ephemeral port.
 */
import { request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultMode = 'pass' | 'unavailable' | 'drop';

export interface FaultProxy {
  /** `http://127.0.0.1:PORT`: use it as the client's endpoint. */
  url: string;
  port: number;
  mode: FaultMode;
  /** Requests seen per mode, to check the client really went through the fault. */
  readonly counts: Record<FaultMode, number>;
  close(): Promise<void>;
}

/** Starts the proxy in front of `target` (`http://127.0.0.1:PORT`), passing everything through at first. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const counts: Record<FaultMode, number> = { pass: 0, unavailable: 0, drop: 0 };
  const proxy = { mode: 'pass' as FaultMode };

  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const mode = proxy.mode;
    counts[mode] += 1;
    if (mode === 'drop') {
      incoming.socket.destroy();
      return;
    }
    if (mode === 'unavailable') {
      incoming.resume();
      outgoing.writeHead(503, { 'content-type': 'text/plain', connection: 'close' }).end('Service Unavailable');
      return;
    }
    // The Host header goes through unchanged: the client signed the request for the proxy's address.
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => incoming.socket.destroy());
    incoming.pipe(forwarded);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get mode() {
      return proxy.mode;
    },
    set mode(mode: FaultMode) {
      proxy.mode = mode;
      // Kept-alive connections would otherwise carry on as before; a fault starts on fresh ones.
      for (const socket of sockets) socket.destroy();
    },
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
