/** Content-Type by file extension, for objects stored without one (OSS does the same from the key's extension). */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  '.m3u8': 'application/x-mpegURL',
  '.ts': 'video/MP2T',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
  '.flv': 'video/x-flv',
  '.aac': 'audio/aac',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
  '.html': 'text/html',
};

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** `application/x-mpegURL` for `ch/playlist.m3u8`, `video/MP2T` for `.ts`, else `application/octet-stream`. */
export function contentTypeFor(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return (dot > 0 && BY_EXTENSION[name.slice(dot).toLowerCase()]) || DEFAULT_CONTENT_TYPE;
}
