/**
 * Object operations LiveChannel needs around it: GetObject (ranges, streamed from disk, `hls/sign`), HeadObject,
 * PutObject (streamed to disk, Content-MD5 checked), DeleteObject, ListObjects v1 and v2.
 */
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';

import { validateObjectKey } from '../../shared/validation';
import { ERRORS, OssServiceError } from '../errors';
import { presignQueryV1 } from '../../electron/oss/sign-v1';
import { presignQueryV4 } from '../../electron/oss/sign-v4';
import type { ObjectRecord } from '../storage/object-store';
import { drain } from './body';
import { MAX_SIGNED_PLAYLIST_BYTES, signPlaylistUris } from './hls-sign';
import { parseMaxKeys } from './max-keys';
import { listBucketResultV1, listBucketResultV2 } from './object-xml';
import { parseRange } from './range';
import { send, sendXml, streamHeaders } from './respond';
import type { RouteContext } from './route-context';

/** GetObject query parameters that override response headers. */
const RESPONSE_OVERRIDES: Readonly<Record<string, string>> = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
};

function objectHeaders(record: ObjectRecord, query: RouteContext['query']): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': record.contentType,
    etag: record.etag,
    'last-modified': record.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    'x-oss-object-type': 'Normal',
    'x-oss-storage-class': 'Standard',
  };
  for (const [param, header] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = query[param];
    if (value !== undefined) headers[header] = value;
  }
  return headers;
}

function existing(ctx: RouteContext): ObjectRecord {
  const record = ctx.deps.state.bucket(ctx.address.bucket).objects.get(ctx.address.key);
  if (!record) throw new OssServiceError(ERRORS.noSuchKey, undefined, [['Key', ctx.address.key]]);
  return record;
}

/** The segment-URL query `hls/sign` appends: signed like the playlist request (same version, expiry and token). */
function segmentSigner(ctx: RouteContext): ((key: string) => Record<string, string>) | undefined {
  const { auth } = ctx;
  const { bucket } = ctx.address;
  if (auth.kind === 'presigned-v1') {
    return (key) => presignQueryV1({ method: 'GET', bucket, key, query: {}, expires: auth.expires, credentials: auth.signer });
  }
  if (auth.kind === 'presigned-v4') {
    const region = ctx.deps.region;
    return (key) => presignQueryV4({ method: 'GET', bucket, key, query: {}, date: auth.date, expiresInSeconds: auth.expiresInSeconds, region, credentials: auth.signer });
  }
  return undefined;
}

async function getObject(ctx: RouteContext): Promise<void> {
  const record = existing(ctx);
  const objects = ctx.deps.state.bucket(ctx.address.bucket).objects;
  const process = ctx.query['x-oss-process'];
  if (process !== undefined && process !== 'hls/sign') throw new OssServiceError(ERRORS.unsupportedProcess, `Got '${process}'.`);
  // Opened before any header goes out: an object deleted a moment ago is still a clean 404.
  const handle = await open(objects.dataPath(record), 'r').catch(() => {
    throw new OssServiceError(ERRORS.noSuchKey, undefined, [['Key', ctx.address.key]]);
  });
  try {
    const headers = objectHeaders(record, ctx.query);
    const sign = process === 'hls/sign' ? segmentSigner(ctx) : undefined;
    if (sign && record.size <= MAX_SIGNED_PLAYLIST_BYTES) {
      const text = (await handle.readFile()).toString('utf8');
      const signed = signPlaylistUris(text, record.key, sign);
      // The body changed, so its ETag no longer describes it.
      const { etag: _etag, ...rest } = headers;
      return send(ctx.res, ctx.response, 200, rest, signed);
    }
    const range = parseRange(ctx.headers.range, record.size);
    const status = range ? 206 : 200;
    const start = range?.start ?? 0;
    const end = range?.end ?? record.size - 1;
    ctx.res.writeHead(
      status,
      streamHeaders(ctx.response, {
        ...headers,
        'content-length': String(record.size === 0 ? 0 : end - start + 1),
        ...(range ? { 'content-range': `bytes ${start}-${end}/${record.size}` } : {}),
      }),
    );
    if (ctx.req.method === 'HEAD' || record.size === 0) {
      ctx.res.end();
      return;
    }
    await pipeline(handle.createReadStream({ start, end, autoClose: false }), ctx.res).catch((error: unknown) => {
      // The client went away mid-body: nothing to answer any more.
      ctx.deps.log('http.stream-aborted', { key: record.key, error: error instanceof Error ? error.message : String(error) });
    });
  } finally {
    await handle.close();
  }
}

/** Content-MD5: 16 bytes in base64, or 400 InvalidDigest. */
function contentMd5(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (!/^[A-Za-z0-9+/]{22}==$/.test(value)) throw new OssServiceError(ERRORS.invalidDigest);
  return value;
}

async function putObject(ctx: RouteContext): Promise<void> {
  const { objects } = ctx.deps.state.bucket(ctx.address.bucket);
  const md5 = contentMd5(ctx.headers['content-md5']);
  const contentType = ctx.headers['content-type'];
  let record: ObjectRecord;
  try {
    record = await objects.put(ctx.address.key, ctx.req, {
      maxBytes: ctx.deps.maxObjectBytes,
      ...(md5 !== undefined ? { contentMd5: md5 } : {}),
      ...(contentType ? { contentType } : {}),
    });
  } catch (error) {
    await drain(ctx.req);
    throw error;
  }
  send(ctx.res, ctx.response, 200, { etag: record.etag });
}

function listObjects(ctx: RouteContext): void {
  const { bucket } = ctx.address;
  const { query } = ctx;
  const prefix = query.prefix ?? '';
  const delimiter = query.delimiter ?? '';
  const maxKeys = parseMaxKeys(query['max-keys']);
  const objects = ctx.deps.state.bucket(bucket).objects;
  if (query['list-type'] === '2') {
    const token = query['continuation-token'];
    let after = query['start-after'] ?? '';
    if (token !== undefined && token !== '') {
      after = Buffer.from(token, 'base64url').toString('utf8');
      if (Buffer.from(after, 'utf8').toString('base64url') !== token) throw new OssServiceError(ERRORS.invalidArgument, 'The continuation-token is invalid.');
    }
    const page = objects.list({ prefix, delimiter, after, maxKeys });
    const next = page.isTruncated && page.next !== undefined ? Buffer.from(page.next, 'utf8').toString('base64url') : undefined;
    const xml = listBucketResultV2(
      {
        bucket,
        prefix,
        delimiter,
        maxKeys,
        fetchOwner: query['fetch-owner'] === 'true',
        ...(query['start-after'] !== undefined ? { startAfter: query['start-after'] } : {}),
        ...(token !== undefined ? { continuationToken: token } : {}),
      },
      page,
      next,
    );
    return sendXml(ctx.res, ctx.response, 200, xml);
  }
  if (query['list-type'] !== undefined) throw new OssServiceError(ERRORS.invalidArgument, "list-type must be '2' when given.");
  const marker = query.marker ?? '';
  const page = objects.list({ prefix, delimiter, after: marker, maxKeys });
  sendXml(ctx.res, ctx.response, 200, listBucketResultV1({ bucket, prefix, marker, delimiter, maxKeys }, page));
}

/** Routes an object-level or bucket-level request without LiveChannel sub-resources. */
export async function handleObjectRequest(ctx: RouteContext): Promise<void> {
  const { method } = ctx.req;
  const { key } = ctx.address;
  if (key === '') {
    if (method === 'GET') return listObjects(ctx);
    if (method === 'HEAD') return send(ctx.res, ctx.response, 200, {});
    throw new OssServiceError(ERRORS.methodNotAllowed);
  }
  try {
    validateObjectKey(key);
  } catch {
    throw new OssServiceError(ERRORS.invalidObjectName, 'Keys are 1-1023 bytes and do not start with / or \\.');
  }
  switch (method) {
    case 'GET':
    case 'HEAD':
      return getObject(ctx);
    case 'PUT':
      return putObject(ctx);
    case 'DELETE':
      await ctx.deps.state.bucket(ctx.address.bucket).objects.delete(key);
      return send(ctx.res, ctx.response, 204, {});
    default:
      throw new OssServiceError(ERRORS.methodNotAllowed);
  }
}
