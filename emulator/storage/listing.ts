/**
 * Paging over a sorted key list, as ListObjects (v1 and v2) and ListLiveChannel page: pure functions over an array.
 *
 * Keys are compared as JavaScript strings (UTF-16 code units). That equals OSS's UTF-8 byte order except between
 * supplementary-plane characters and U+E000–U+FFFF, which keys in practice never mix.
 */

/** Index of the first element of `sorted` that is greater than `value` (binary search). */
export function firstAfter(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? '') <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index of the first element of `sorted` that is greater than or equal to `value`. */
export function firstAtOrAfter(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? '') < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index just past the run of keys that start with `prefix` (keys with a common prefix are contiguous when sorted). */
export function endOfPrefix(sorted: readonly string[], prefix: string): number {
  let low = firstAtOrAfter(sorted, prefix);
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? '').startsWith(prefix)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Inserts `value` into `sorted` in place (no duplicates). */
export function insertSorted(sorted: string[], value: string): void {
  const at = firstAtOrAfter(sorted, value);
  if (sorted[at] !== value) sorted.splice(at, 0, value);
}

/** Removes `value` from `sorted` in place, if present. */
export function removeSorted(sorted: string[], value: string): void {
  const at = firstAtOrAfter(sorted, value);
  if (sorted[at] === value) sorted.splice(at, 1);
}

export interface PageQuery {
  prefix: string;
  /** Roll keys up to the first occurrence of this after the prefix ('' = no roll-up). */
  delimiter: string;
  /** Return only entries strictly after this (marker / start-after / continuation point); '' = from the start. */
  after: string;
  /** 1 to 1000. */
  maxKeys: number;
}

export interface Page {
  keys: string[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last entry returned (key or common prefix): where the next page continues; present when truncated. */
  next?: string;
}

/**
 * One page of `sorted` keys: keys under `prefix` after `after`, keys containing `delimiter` past the prefix rolled
 * up into common prefixes (each counted once against `maxKeys`). A common prefix used as `after` skips every key
 * under it, so paging never returns a prefix twice.
 */
export function listPage(sorted: readonly string[], query: PageQuery): Page {
  const keys: string[] = [];
  const commonPrefixes: string[] = [];
  let index = Math.max(firstAtOrAfter(sorted, query.prefix), firstAfter(sorted, query.after));
  let last: string | undefined;
  while (index < sorted.length) {
    const key = sorted[index] ?? '';
    if (!key.startsWith(query.prefix)) break;
    const cut = query.delimiter ? key.indexOf(query.delimiter, query.prefix.length) : -1;
    const entry = cut >= 0 ? key.slice(0, cut + query.delimiter.length) : key;
    if (cut >= 0 && query.after.startsWith(entry)) {
      // The `after` point lies inside (or is) this common prefix: it was returned already.
      index = endOfPrefix(sorted, entry);
      continue;
    }
    if (keys.length + commonPrefixes.length === query.maxKeys) {
      return { keys, commonPrefixes, isTruncated: true, ...(last !== undefined ? { next: last } : {}) };
    }
    if (cut >= 0) {
      commonPrefixes.push(entry);
      // Skip every other key under this common prefix.
      index = endOfPrefix(sorted, entry);
    } else {
      keys.push(key);
      index += 1;
    }
    last = entry;
  }
  return { keys, commonPrefixes, isTruncated: false };
}
