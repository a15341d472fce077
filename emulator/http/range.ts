/** The one byte range a GET serves, both ends inclusive. */
export interface ServedRange {
  start: number;
  end: number;
}

/**
 * Parses `Range: bytes=a-b` / `bytes=a-` / `bytes=-n` for an object of `size` bytes. Like OSS, anything it cannot
 * serve as one range (malformed, several ranges, unsatisfiable, empty object) yields undefined: the caller sends the
 * whole object with 200.
 */
export function parseRange(header: string | undefined, size: number): ServedRange | undefined {
  if (header === undefined || size === 0) return undefined;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (!Number.isSafeInteger(suffix) || suffix === 0) return undefined;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start >= size || end < start) return undefined;
  return { start, end };
}
