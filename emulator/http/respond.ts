/**
 * Writing responses as OSS writes them: every response carries `x-oss-request-id` (24 upper-case hex), `Server:
 * AliyunOSS`, `Date` and an exact `Content-Length`; CORS headers when the request had an Origin; errors as the
 * `<Error>` document of spec §7.1 plus `x-oss-ec`, and for HEAD (no body) base64 in `x-oss-err`.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

import type { OssServiceError } from '../errors';
import { document, leaf, node } from './xml';

/** What every response of one request shares. */
export interface ResponseContext {
  requestId: string;
  /** `<HostId>` of error documents: the Host the request was sent to. */
  hostId: string;
  method: string;
  /** The request's Origin header: CORS headers are added when present. */
  origin?: string;
}

export const newRequestId = (): string => randomBytes(12).toString('hex').toUpperCase();

/** Headers a browser player on another origin needs to read (hls.js reads Content-Range for byte ranges). */
export const EXPOSED_HEADERS = 'ETag, Content-Range, Content-Length, x-oss-request-id';

export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (origin === undefined) return {};
  return { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED_HEADERS, vary: 'Origin' };
}

function commonHeaders(context: ResponseContext): Record<string, string> {
  return { 'x-oss-request-id': context.requestId, server: 'AliyunOSS', date: new Date().toUTCString(), ...corsHeaders(context.origin) };
}

/**
 * Sends `body` (or nothing) with the common headers; HEAD responses keep their Content-Length but send no body, and
 * 204 has none (RFC 9110 forbids it there).
 */
export function send(res: ServerResponse, context: ResponseContext, status: number, headers: Record<string, string>, body?: string | Uint8Array): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const length: Record<string, string> = status === 204 ? {} : { 'content-length': String(bytes?.length ?? 0) };
  res.writeHead(status, { ...commonHeaders(context), ...length, ...headers });
  res.end(context.method === 'HEAD' ? undefined : bytes);
}

export function sendXml(res: ServerResponse, context: ResponseContext, status: number, xml: string, headers: Record<string, string> = {}): void {
  send(res, context, status, { 'content-type': 'application/xml', ...headers }, xml);
}

/** The headers to start a streamed body with (the caller pipes the body). */
export function streamHeaders(context: ResponseContext, headers: Record<string, string>): Record<string, string> {
  return { ...commonHeaders(context), ...headers };
}

/** The `<Error>` document: Code, Message, RequestId, HostId, the error's extra elements, EC. */
export function errorDocument(error: OssServiceError, context: Pick<ResponseContext, 'requestId' | 'hostId'>): string {
  return document(
    node('Error', [
      leaf('Code', error.code),
      leaf('Message', error.message),
      leaf('RequestId', context.requestId),
      leaf('HostId', context.hostId),
      ...error.extra.map(([name, value]) => leaf(name, value)),
      leaf('EC', error.ec),
    ]),
  );
}

export function sendError(res: ServerResponse, context: ResponseContext, error: OssServiceError, extraHeaders: Record<string, string> = {}): void {
  const xml = errorDocument(error, context);
  const headers: Record<string, string> = { 'content-type': 'application/xml', 'x-oss-ec': error.ec, ...extraHeaders };
  if (context.method === 'HEAD') {
    res.writeHead(error.status, { ...commonHeaders(context), ...headers, 'x-oss-err': Buffer.from(xml).toString('base64'), 'content-length': '0' });
    res.end();
    return;
  }
  send(res, context, error.status, headers, xml);
}
