/**
 * What a server would do with a recorded request: take it apart (bucket, key, query, headers) and recompute the
 * Authorization header with the pure signers, to check that the client signed exactly what it sent.
 */
import type { Credentials } from '../../../electron/oss/credentials';
import { authorizationV1 } from '../../../electron/oss/sign-v1';
import { authorizationV4 } from '../../../electron/oss/sign-v4';
import type { RecordedRequest } from '../../support/recording-server';

export interface ReceivedRequest {
  bucket: string;
  key: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

/** Decodes the raw query; a bare `k` becomes `k: ''`. */
export function parseRawQuery(rawQuery: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const part of rawQuery.split('&').filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    query[name] = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
  }
  return query;
}

/** Splits the request the way OSS does: bucket from the Host sub-domain, or from the first path segment. */
export function receive(request: RecordedRequest, pathStyle: boolean): ReceivedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name] = value;
  const path = decodeURIComponent(request.path);
  let bucket: string;
  let key: string;
  if (pathStyle) {
    const [, first = '', ...rest] = path.split('/');
    bucket = first;
    key = rest.join('/');
  } else {
    bucket = (headers.host ?? '').split('.')[0] ?? '';
    key = path.slice(1);
  }
  return { bucket, key, query: parseRawQuery(request.rawQuery), headers };
}

/** The Authorization header the server expects for `request`. */
export function expectedAuthorization(
  request: RecordedRequest,
  options: { pathStyle: boolean; credentials: Credentials; version: 'v1' | 'v4'; region?: string },
): string {
  const { bucket, key, query, headers } = receive(request, options.pathStyle);
  const { authorization: _sent, ...signedHeaders } = headers;
  const input = { method: request.method, bucket, key, query, headers: signedHeaders };
  return options.version === 'v4'
    ? authorizationV4(input, options.credentials, options.region ?? '').authorization
    : authorizationV1(input, options.credentials).authorization;
}
