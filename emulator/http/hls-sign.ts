/**
 * `x-oss-process=hls/sign` (spec §4.2): OSS rewrites every ts URI of a private m3u8 fetched with a signed URL so
 * that it is signed the same way. Undocumented details, decided here: only relative URIs are rewritten (absolute
 * ones point elsewhere), each keeps its text and gets the signing parameters appended as its query, and the segment
 * key is the URI resolved against the playlist's key.
 */
import { encodeKeyPath, formatQuery } from '../../electron/oss/uri-encoding';

/** Playlists larger than this are served unchanged rather than held in memory for rewriting. */
export const MAX_SIGNED_PLAYLIST_BYTES = 1024 * 1024;

/** The object key a relative URI in the playlist at `playlistKey` points to; undefined for absolute URIs. */
export function resolveSegmentKey(playlistKey: string, uri: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('//') || uri.startsWith('/')) return undefined;
  const base = new URL(`http://playlist.invalid/${encodeKeyPath(playlistKey)}`);
  const resolved = new URL(uri, base);
  if (resolved.host !== base.host) return undefined;
  try {
    return decodeURIComponent(resolved.pathname.slice(1));
  } catch {
    return undefined;
  }
}

/** Rewrites each relative URI line of `playlist`, appending the query `sign(segmentKey)` returns. */
export function signPlaylistUris(playlist: string, playlistKey: string, sign: (segmentKey: string) => Record<string, string>): string {
  return playlist
    .split('\n')
    .map((line) => {
      const uri = line.trim();
      if (uri === '' || uri.startsWith('#') || uri.includes('?')) return line;
      const key = resolveSegmentKey(playlistKey, uri);
      return key === undefined ? line : `${uri}?${formatQuery(sign(key))}`;
    })
    .join('\n');
}
