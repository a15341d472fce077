/**
 * The emulator's HTTP server: node:http on 127.0.0.1 (by default) with the request handler, and a `clientError`
 * answer so malformed request lines and garbage headers get a 400 with OSS error XML instead of a silent close.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { ERRORS, OssServiceError } from '../errors';
import { errorDocument, newRequestId } from './respond';

export interface HttpServer {
  readonly host: string;
  readonly port: number;
  /** Stops accepting, lets requests in flight finish for up to `graceMs`, then closes every connection. */
  close(graceMs?: number): Promise<void>;
}

export interface HttpServerOptions {
  host: string;
  port: number;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  log: (event: string, details: Record<string, unknown>) => void;
}

/** A complete HTTP/1.1 400 response with an OSS error body, for requests Node could not even parse. */
function malformedRequestResponse(reason: string): string {
  const requestId = newRequestId();
  const body = errorDocument(new OssServiceError(ERRORS.malformedRequest, reason), { requestId, hostId: '127.0.0.1' });
  return [
    'HTTP/1.1 400 Bad Request',
    'Content-Type: application/xml',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `x-oss-request-id: ${requestId}`,
    `x-oss-ec: ${ERRORS.malformedRequest.ec}`,
    'Server: AliyunOSS',
    `Date: ${new Date().toUTCString()}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const server = createServer({ requestTimeout: 120_000, headersTimeout: 20_000, keepAliveTimeout: 5_000 }, options.handler);
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    options.log('http.client-error', { code: error.code ?? 'unknown' });
    if (socket.writable && error.code !== 'ECONNRESET') socket.end(malformedRequestResponse(error.code ?? 'unparsable request'));
    else socket.destroy();
  });
  server.on('error', (error) => options.log('http.server-error', { error: error.message }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  options.log('http.listening', { host: options.host, port });
  return {
    host: options.host,
    port,
    async close(graceMs = 2_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await closed;
      clearTimeout(timer);
    },
  };
}
