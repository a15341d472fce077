/**
 * Object keys → relative file paths a human can browse, and back.
 *
 * The rule: split the key at `/`; each part becomes one path component, escaped so that every component is a safe,
 * portable file name:
 *  - `%`, `\`, control characters and the characters Windows forbids (`: * ? " < > |`) become `%XX` (UTF-8 bytes);
 *    everything else, including spaces and non-ASCII letters, stays readable;
 *  - components that are not names on their own (``, `.`, `..`) become `%00`, `%2E`, `%2E%2E`;
 *  - a component whose escaped form is longer than 200 bytes becomes its first 100 bytes (whole characters),
 *    `%~` and the SHA-256 hex of the full escaped component. Such components cannot be turned back into the key;
 *    the object's metadata record keeps the key.
 * Because `%` itself is always escaped, `%00` and `%~` never come from a key: the rule is reversible except for
 * hashed components.
 */
import { createHash } from 'node:crypto';

const MAX_COMPONENT_BYTES = 200;
const KEPT_PREFIX_BYTES = 100;
const HASH_MARK = '%~';
const EMPTY_COMPONENT = '%00';
// eslint-disable-next-line no-control-regex
const UNSAFE = /[%\\:*?"<>|\u0000-\u001f\u007f]/g;

const encoder = new TextEncoder();
const byteLength = (text: string): number => encoder.encode(text).length;

const percentBytes = (char: string): string =>
  [...encoder.encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/** The longest prefix of `text` (whole code points) that fits in `maxBytes` UTF-8 bytes. */
function prefixWithin(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    bytes += byteLength(char);
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}

/** One key part → one file name (see the module comment). */
export function escapeComponent(part: string): string {
  if (part === '') return EMPTY_COMPONENT;
  if (part === '.') return '%2E';
  if (part === '..') return '%2E%2E';
  const escaped = part.replace(UNSAFE, percentBytes);
  if (byteLength(escaped) <= MAX_COMPONENT_BYTES) return escaped;
  const digest = createHash('sha256').update(escaped).digest('hex');
  // Do not cut an escape sequence in half: drop a trailing partial `%X`.
  const kept = prefixWithin(escaped, KEPT_PREFIX_BYTES).replace(/%[0-9A-F]?$/, '');
  return `${kept}${HASH_MARK}${digest}`;
}

/** A file name made by `escapeComponent` → the key part; undefined for hashed or foreign names. */
export function unescapeComponent(name: string): string | undefined {
  if (name === EMPTY_COMPONENT) return '';
  if (name.includes(HASH_MARK)) return undefined;
  if (/%(?![0-9A-F]{2})/.test(name)) return undefined;
  try {
    return decodeURIComponent(name);
  } catch {
    return undefined;
  }
}

/** `channel/1700000000123.ts` → `channel/1700000000123.ts`; `a/../b` → `a/%2E%2E/b` (POSIX separators). */
export function keyToRelativePath(key: string): string {
  return key.split('/').map(escapeComponent).join('/');
}

/** The inverse of `keyToRelativePath`; undefined when a component was hashed or was not made by the rule. */
export function relativePathToKey(relativePath: string): string | undefined {
  const parts: string[] = [];
  for (const name of relativePath.split('/')) {
    const part = unescapeComponent(name);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  return parts.join('/');
}
