/**
 * The emulator's RTMP ingest server: a net.Server (127.0.0.1 by default) running one RtmpSession per socket, with a
 * cap on concurrent connections, kick for live publishers, and a close that ends every publish and waits for it.
 */
import { createServer, type AddressInfo } from 'node:net';
import { RtmpConnection } from './connection';
import type { PublishRequest, RtmpServer, RtmpServerOptions } from './types';

const DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  maxSessions: 100,
  handshakeTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
  maxMessageSize: 8 * 1024 * 1024,
} as const;

/** The onStatus code a kicked or stopped publisher receives, with the reason as description. */
const CLOSED_CODE = 'NetConnection.Connect.Closed';

/** Starts listening and resolves once the port is bound. Rejects if it cannot bind (e.g. port in use). */
export async function startRtmpServer(options: RtmpServerOptions): Promise<RtmpServer> {
  const host = options.host ?? DEFAULTS.host;
  const maxSessions = options.maxSessions ?? DEFAULTS.maxSessions;
  const log = options.log ?? ((): void => undefined);
  const connectionOptions = {
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? DEFAULTS.handshakeTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs,
    maxMessageSize: options.maxMessageSize ?? DEFAULTS.maxMessageSize,
    onPublish: (request: PublishRequest) => options.onPublish(request),
    log,
  };
  const connections = new Set<RtmpConnection>();
  let closing = false;

  const server = createServer((socket) => {
    if (closing || connections.size >= maxSessions) {
      log('rtmp.connection-refused', { reason: closing ? 'server closing' : `more than ${maxSessions} sessions` });
      socket.destroy();
      return;
    }
    const connection = new RtmpConnection(socket, connectionOptions);
    connections.add(connection);
    void connection.closed.then(() => connections.delete(connection));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULTS.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log('rtmp.server-error', { error: error.message }));
  const { port } = server.address() as AddressInfo;
  log('rtmp.listening', { host, port });

  return {
    port,
    host,
    kick(predicate, reason) {
      let kicked = 0;
      for (const { session } of connections) {
        const request = session.livePublish;
        if (request === undefined || !safely(() => predicate(request), log)) continue;
        session.terminate('kicked', { code: CLOSED_CODE, description: reason });
        kicked += 1;
      }
      return kicked;
    },
    async close() {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      const open = [...connections];
      const status = { code: CLOSED_CODE, description: 'server stopped' };
      for (const { session } of open) session.terminate('server-stopped', status);
      await Promise.all(open.map(async (connection) => {
        await connection.closed;
        await connection.session.finished();
      }));
      await stopped;
      log('rtmp.closed', { port });
    },
  };
}

/** A throwing kick predicate must not break kick for the other sessions. */
function safely(test: () => boolean, log: (event: string, details: Record<string, unknown>) => void): boolean {
  try {
    return test();
  } catch (error) {
    log('rtmp.kick-predicate-failed', { error: String(error) });
    return false;
  }
}
