/**
 * Percent-encoding as OSS signs it: RFC 3986, every byte except the unreserved `A-Z a-z 0-9 - _ . ~` is escaped.
 * What goes on the wire is exactly what the V4 canonical request encodes, so signature and request never disagree.
 */

/** Query parameters in wire order; an empty value is written as the bare key (`?live`). */
export type QueryParams = Readonly<Record<string, string>>;

/** RFC 3986 encoding (encodeURIComponent also leaves `!'()*` alone; OSS wants them escaped). */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Encodes an object key for a URL path, keeping `/` so `channel/playlist.m3u8` stays two segments. */
export function encodeKeyPath(key: string): string {
  return key.split('/').map(encodeRfc3986).join('/');
}

/** `a&b=1` from `{ a: '', b: '1' }`, in insertion order, names and values RFC 3986 encoded. */
export function formatQuery(query: QueryParams): string {
  return Object.entries(query)
    .map(([name, value]) => (value === '' ? encodeRfc3986(name) : `${encodeRfc3986(name)}=${encodeRfc3986(value)}`))
    .join('&');
}
