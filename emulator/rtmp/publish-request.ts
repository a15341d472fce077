/**
 * Turns what a publisher sent (`connect` app and tcUrl, `publish` name) into a PublishRequest. Encoders split the
 * OSS ingest URL `rtmp://host/live/<channel>?<query>` differently: OBS sends app `live` and name `<channel>?<query>`;
 * some clients put the query on the tcUrl or the app instead, or part of the path in the name. All are accepted.
 *
 * Percent-decoding must cope with two behaviours: ffmpeg sends the stream key as typed (`Signature=ab%2Bc%3D`), while
 * OBS (librtmp) percent-decodes the key before sending it (`Signature=ab+c=`). So a `+` is kept as `+` (a base64
 * signature character, never a space), and text that is not valid percent-encoding is kept as it came.
 */
import { RtmpProtocolError } from './protocol-error';
import type { PublishRequest } from './types';

/** The parts of `connect` that matter for a publish. */
export interface ConnectParameters {
  app: string;
  tcUrl: string;
}

function splitQuery(text: string): { path: string; query: string | undefined } {
  const mark = text.indexOf('?');
  return mark < 0 ? { path: text, query: undefined } : { path: text.slice(0, mark), query: text.slice(mark + 1) };
}

/** Host (without port) and query of a tcUrl such as `rtmp://bucket.host:1935/live?x=1`; empty parts when absent. */
export function parseTcUrl(tcUrl: string): { host: string; query: string | undefined } {
  const { path, query } = splitQuery(tcUrl);
  let host = '';
  try {
    host = new URL(path).hostname;
  } catch {
    // Not a URL: leave the host empty and let the glue decide.
  }
  return { host, query };
}

/** Builds the request the glue decides on. Throws RtmpProtocolError when the name holds no channel name. */
export function parsePublishRequest(
  connect: ConnectParameters,
  publishName: string,
  remoteAddress: string,
): PublishRequest {
  const app = splitQuery(connect.app);
  const name = splitQuery(publishName);
  const tcUrl = parseTcUrl(connect.tcUrl);

  // Everything before the last path part belongs to the app ("mybucket/live" + "ch", or "mybucket" + "live/ch").
  const segments = [...app.path.split('/'), ...name.path.split('/')].filter((segment) => segment !== '');
  const rawStreamName = segments.pop() ?? '';
  if (rawStreamName === '' || name.path.endsWith('/') || name.path === '') {
    throw new RtmpProtocolError('publish name', 'a channel name, e.g. "channel" or "channel?playlistName=x.m3u8"');
  }

  const query = [name.query, tcUrl.query, app.query].find((candidate) => candidate !== undefined && candidate !== '');
  return {
    app: segments.join('/'),
    streamName: percentDecode(rawStreamName),
    query: parseQuery(query ?? ''),
    tcUrl: connect.tcUrl,
    host: tcUrl.host,
    remoteAddress,
  };
}

/** Decodes `%XX` escapes; text that is not valid percent-encoding (already decoded by OBS) is returned as is. */
export function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Parses `a=1&b=x%2By` into URLSearchParams without the form-encoding rule that turns `+` into a space (which
 * `new URLSearchParams(text)` applies and which would corrupt an OBS-sent base64 Signature).
 */
export function parseQuery(text: string): URLSearchParams {
  const params = new URLSearchParams();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = equals < 0 ? pair : pair.slice(0, equals);
    params.append(percentDecode(key), equals < 0 ? '' : percentDecode(pair.slice(equals + 1)));
  }
  return params;
}

/** Formats a socket's peer as `ip:port`, bracketing IPv6 addresses. */
export function formatRemoteAddress(address: string | undefined, port: number | undefined): string {
  // A dual-stack listener reports IPv4 peers as IPv4-mapped IPv6; OSS shows plain `ip:port`.
  const ip = (address ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return `${ip.includes(':') ? `[${ip}]` : ip}:${String(port ?? 0)}`;
}
