/**
 * One request, start to end: CORS preflight, addressing, authentication, the bucket ACL, then the LiveChannel or
 * object routes. Every failure becomes OSS error XML for that request only; an unexpected exception is a 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { V1_SUB_RESOURCES } from '../../electron/oss/sign-v1';
import { ERRORS, OssServiceError } from '../errors';
import { hostName, parseTarget, resolveAddress } from './addressing';
import type { Authentication } from './authenticate';
import { authenticate } from './authenticate';
import { handleLiveChannelRequest } from './live-channel-routes';
import { handleObjectRequest } from './object-routes';
import type { ResponseContext } from './respond';
import { EXPOSED_HEADERS, newRequestId, send, sendError } from './respond';
import type { BucketAcl, HandlerDeps } from './route-context';

/** Sub-resources the emulator implements; any other OSS sub-resource is refused rather than silently ignored. */
const SUPPORTED_SUB_RESOURCES = new Set([
  'live', 'comp', 'status', 'vod', 'startTime', 'endTime', 'security-token', 'x-oss-process', 'continuation-token',
  'response-cache-control', 'response-content-disposition', 'response-content-encoding', 'response-content-language',
  'response-content-type', 'response-expires',
]);

const ALLOWED_METHODS = 'GET, PUT, POST, DELETE, HEAD';

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Reads (GET/HEAD) are anonymous for public-read and public-read-write, writes only for public-read-write. */
export function anonymousAllowed(acl: BucketAcl, method: string): boolean {
  if (acl === 'public-read-write') return true;
  return acl === 'public-read' && (method === 'GET' || method === 'HEAD');
}

/** A CORS preflight: any origin may use any method the API has, with the headers it asks for. */
function preflight(res: ServerResponse, context: ResponseContext, headers: Record<string, string>): void {
  const method = headers['access-control-request-method'];
  if (headers.origin === undefined || method === undefined || !ALLOWED_METHODS.split(', ').includes(method.toUpperCase())) {
    throw new OssServiceError(ERRORS.corsForbidden);
  }
  const requested = headers['access-control-request-headers'];
  send(res, { ...context, origin: undefined }, 200, {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': ALLOWED_METHODS,
    ...(requested ? { 'access-control-allow-headers': requested } : {}),
    'access-control-expose-headers': EXPOSED_HEADERS,
    'access-control-max-age': '600',
    vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
  });
}

async function route(req: IncomingMessage, res: ServerResponse, context: ResponseContext, headers: Record<string, string>, deps: HandlerDeps): Promise<void> {
  const method = req.method ?? '';
  const target = parseTarget(req.url ?? '');
  if (method === 'OPTIONS') return preflight(res, context, headers);
  const address = resolveAddress(headers.host, target.path, (bucket) => deps.state.hasBucket(bucket), deps.defaultBucket);
  deps.state.bucket(address.bucket);
  for (const name of Object.keys(target.query)) {
    if (V1_SUB_RESOURCES.has(name) && !SUPPORTED_SUB_RESOURCES.has(name)) throw new OssServiceError(ERRORS.unsupportedSubResource, `Got '${name}'.`);
  }
  const auth: Authentication = authenticate(
    { method, bucket: address.bucket, key: address.key, query: target.query, headers },
    { authority: deps.authority, region: deps.region, now: deps.now() },
  );
  if (auth.kind === 'anonymous' && !anonymousAllowed(deps.acl, method)) throw new OssServiceError(ERRORS.anonymousDenied);
  const ctx = { req, res, response: context, address, query: target.query, headers, auth, deps };
  if (target.query.live !== undefined || target.query.vod !== undefined) return handleLiveChannelRequest(ctx);
  return handleObjectRequest(ctx);
}

/** The request listener of the emulator's HTTP server. */
export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const headers = flatHeaders(req);
    const context: ResponseContext = {
      requestId: newRequestId(),
      hostId: hostName(headers.host) || '127.0.0.1',
      method: req.method ?? '',
      ...(headers.origin !== undefined ? { origin: headers.origin } : {}),
    };
    route(req, res, context, headers, deps).catch((error: unknown) => {
      const serviceError = error instanceof OssServiceError ? error : new OssServiceError(ERRORS.internalError);
      if (!(error instanceof OssServiceError)) {
        deps.log('http.handler-error', { method: req.method, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, context, serviceError);
    });
  };
}
