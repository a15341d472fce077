import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it arrived on the wire. */
export interface RecordedRequest {
  method: string;
  /** Raw request target, e.g. `/test%20channel?live&comp=stat`. */
  url: string;
  /** Raw path without the query, still percent-encoded. */
  path: string;
  /** Raw query without `?` ('' when none). */
  rawQuery: string;
  /** Lower-case header names, as Node parses them. */
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** What to answer: a response, or a failure mode (`destroy` the socket, `hang` without answering). */
export type CannedResponse =
  | { status?: number; headers?: Record<string, string>; body?: string | Uint8Array }
  | { action: 'destroy' | 'hang' };

export interface RecordingServer {
  port: number;
  /** `http://127.0.0.1:<port>`. */
  url: string;
  requests: RecordedRequest[];
  /** Queues answers, used first in, first out. */
  enqueue(...responses: CannedResponse[]): void;
  close(): Promise<void>;
}

/** Answer when the queue is empty: a non-retryable error a test will notice. */
const NO_CANNED_RESPONSE = {
  status: 400,
  headers: { 'content-type': 'application/xml' },
  body: '<Error><Code>NoCannedResponse</Code><Message>the recording server had nothing queued</Message></Error>',
};

/**
 * A small HTTP server on 127.0.0.1 (ephemeral port) that records every request and answers from a queue of canned
 * responses. For request-shape tests of HTTP clients.
 */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const queue: CannedResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const queryAt = url.indexOf('?');
      requests.push({
        method: req.method ?? '',
        url,
        path: queryAt < 0 ? url : url.slice(0, queryAt),
        rawQuery: queryAt < 0 ? '' : url.slice(queryAt + 1),
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      const canned = queue.shift() ?? NO_CANNED_RESPONSE;
      if ('action' in canned) {
        if (canned.action === 'destroy') req.socket.destroy();
        return; // 'hang': never answer; close() drops the connection.
      }
      res.writeHead(canned.status ?? 200, canned.headers ?? {});
      res.end(canned.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...responses) => void queue.push(...responses),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
