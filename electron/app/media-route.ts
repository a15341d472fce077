import { randomBytes } from 'node:crypto';

import type { FileReply, FileRoute } from '../api/file-routes';
import type { OssLiveClient } from '../oss';
import { OssError } from '../oss';

const PREVIEW_PREFIX = '~preview-';
/** Clip previews are kept for the session only, and only a few at a time. */
const MAX_PREVIEWS = 20;
/**
 * OSS reports a channel Live as soon as the publish starts, but writes its playlist with the first segment, a
 * FragDuration or so later. A preview opened in between would get a 404, which the browser logs as an error: so a
 * missing playlist is waited for this long (well inside hls.js's manifest timeout) before the 404 is answered.
 */
const FIRST_PLAYLIST_WAIT_MS = 6_000;
const FIRST_PLAYLIST_POLL_MS = 250;

/**
 * The in-app player's source: a main-process proxy that fetches playlists and segments from OSS with the profile's
 * credentials. The renderer never holds a signature and the bucket needs no CORS rule for the app's origin. Paths
 * are `<channel>/<file>`; clip previews (GetVodPlaylist text, never stored in OSS) are served from memory under the
 * channel's directory, so their relative segment URIs resolve to the channel's segments.
 */
export class MediaRoute {
  private readonly previews = new Map<string, string>();

  constructor(private readonly client: () => Promise<OssLiveClient>) {}

  /** Registers a playlist text and returns its path under the route (`<channel>/~preview-<id>.m3u8`). */
  addPreview(channel: string, playlist: string): string {
    const name = `${PREVIEW_PREFIX}${randomBytes(8).toString('hex')}.m3u8`;
    const key = `${channel}/${name}`;
    this.previews.set(key, playlist);
    while (this.previews.size > MAX_PREVIEWS) this.previews.delete(this.previews.keys().next().value as string);
    return `${encodeURIComponent(channel)}/${name}`;
  }

  readonly route: FileRoute = async (path) => {
    const parts = path.split('/').map((part) => safeDecode(part));
    if (parts.length !== 2 || parts.some((part) => !part)) return notFound();
    const key = `${parts[0]}/${parts[1]}`;
    const preview = this.previews.get(key);
    if (preview !== undefined) return reply(new TextEncoder().encode(preview), 'application/vnd.apple.mpegurl');
    try {
      const client = await this.client();
      const object = key.endsWith('.m3u8') ? await firstPlaylist(() => client.getObject(key)) : await client.getObject(key);
      const contentType = key.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : key.endsWith('.ts') ? 'video/mp2t' : object.contentType;
      return reply(object.body, contentType);
    } catch (error) {
      if (error instanceof OssError && (error.status === 404 || error.status === 403)) return notFound();
      return { status: 502, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: new TextEncoder().encode('OSS is not reachable') };
    }
  };
}

/** Reads a playlist, waiting out the short time before a channel that just went live has written it. */
async function firstPlaylist<T>(read: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + FIRST_PLAYLIST_WAIT_MS;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof OssError && error.status === 404) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, FIRST_PLAYLIST_POLL_MS));
    }
  }
}

function reply(body: Uint8Array, contentType: string): FileReply {
  // Live playlists change every segment: never cache them. Segments never change once written.
  const cache = contentType.includes('mpegurl') ? 'no-store' : 'private, max-age=3600';
  return { status: 200, headers: { 'content-type': contentType, 'content-length': String(body.byteLength), 'cache-control': cache }, body };
}

const notFound = (): FileReply => ({ status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: new TextEncoder().encode('Not found') });

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}
