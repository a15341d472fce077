/**
 * One bucket's objects on disk, with an in-memory index rebuilt at start-up.
 *
 * Layout under the bucket directory:
 *   objects/<key path>        the bytes, at the path `keyToRelativePath` gives (browsable);
 *   overflow/<sha256(key)>    the bytes of a key whose natural path is taken by a directory or sits under a file
 *                             (`a` and `a/b` both exist: the second one written lands here);
 *   meta/<xx>/<sha256(key)>.json  one metadata record per key (key, size, ETag, type, time, data file).
 * Every file is written atomically (temp file, fsync, rename, fsync dir): data first, then its record. A crash in
 * between leaves a data file whose record is missing or stale; start-up repairs both from the data itself.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';

import { writeFileAtomic } from '../../electron/fs/atomic-write';
import { errorCode } from '../../electron/util/error-code';
import { KeyedMutex } from '../../electron/util/keyed-mutex';
import { ERRORS, OssServiceError } from '../errors';
import { contentTypeFor } from './content-type';
import { keyToRelativePath, relativePathToKey } from './key-path';
import type { PageQuery } from './listing';
import { insertSorted, listPage, removeSorted } from './listing';

/** Timing facts of a ts segment written by a live session (VOD playlists are made from them). */
export interface SegmentTiming {
  /** Wall-clock start, Unix ms. */
  startTime: number;
  /** Seconds. */
  duration: number;
}

export interface ObjectRecord {
  key: string;
  size: number;
  /** Quoted upper-case MD5 hex, as OSS sends it: `"5B3C..."`. */
  etag: string;
  contentType: string;
  /** Whole seconds, as OSS keeps it. */
  lastModified: Date;
  /** Data file, relative to the bucket directory (POSIX separators). */
  file: string;
  segment?: SegmentTiming;
}

export interface PutOptions {
  /** As sent; absent = by extension. */
  contentType?: string;
  /** Base64 MD5 the body must have (Content-MD5 header). */
  contentMd5?: string;
  /** Larger bodies are refused with EntityTooLarge. */
  maxBytes: number;
  segment?: SegmentTiming;
}

export interface ObjectPage {
  objects: ObjectRecord[];
  commonPrefixes: string[];
  isTruncated: boolean;
  next?: string;
}

type Log = (event: string, details: Record<string, unknown>) => void;

interface StoredRecord {
  key: string;
  file: string;
  size: number;
  etag: string;
  contentType: string;
  lastModified: string;
  dataMtimeMs: number;
  segment?: SegmentTiming;
}

const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const quotedMd5 = (digest: Buffer): string => `"${digest.toString('hex').toUpperCase()}"`;
const wholeSeconds = (date: Date): Date => new Date(Math.floor(date.getTime() / 1000) * 1000);

/** Yields `content` chunk by chunk while hashing and counting it; throws past `maxBytes` or on an MD5 mismatch. */
async function* checked(
  content: Uint8Array | AsyncIterable<Uint8Array>,
  options: PutOptions,
  result: { size: number; md5?: Buffer },
): AsyncGenerator<Uint8Array> {
  const hash = createHash('md5');
  // isView, not instanceof: a Buffer from another realm (a jsdom test environment) is still one chunk of bytes.
  const chunks = ArrayBuffer.isView(content) ? [content] : content;
  for await (const chunk of chunks) {
    result.size += chunk.length;
    if (result.size > options.maxBytes) {
      throw new OssServiceError(ERRORS.entityTooLarge, `The limit is ${options.maxBytes} bytes.`);
    }
    hash.update(chunk);
    yield chunk;
  }
  const digest = hash.digest();
  // Checked after the last chunk but before the rename: a mismatching body never replaces the object.
  if (options.contentMd5 !== undefined && digest.toString('base64') !== options.contentMd5) {
    throw new OssServiceError(ERRORS.badDigest);
  }
  result.md5 = digest;
}

async function md5OfFile(file: string): Promise<{ size: number; md5: Buffer }> {
  const hash = createHash('md5');
  let size = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { size, md5: hash.digest() };
}

/** Every file below `root`, as POSIX paths relative to it ('' root missing = none). */
async function walkFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

function parseRecord(text: string): StoredRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const strings = ['key', 'file', 'etag', 'contentType', 'lastModified'] as const;
  if (!strings.every((name) => typeof record[name] === 'string')) return undefined;
  if (typeof record.size !== 'number' || typeof record.dataMtimeMs !== 'number') return undefined;
  const segment = record.segment as Record<string, unknown> | undefined;
  if (segment !== undefined && (typeof segment.startTime !== 'number' || typeof segment.duration !== 'number')) return undefined;
  return value as StoredRecord;
}

/** The objects of one bucket. Writes to the same key are serialised; different keys proceed in parallel. */
export class ObjectStore {
  private readonly records = new Map<string, ObjectRecord>();
  private readonly sortedKeys: string[] = [];
  private readonly writes = new KeyedMutex();

  private constructor(
    private readonly bucketDir: string,
    private readonly now: () => Date,
    private readonly log: Log,
  ) {}

  /** Opens (creating if needed) the store and rebuilds its index, repairing what a crash left behind. */
  static async open(bucketDir: string, options: { now: () => Date; log: Log }): Promise<ObjectStore> {
    const store = new ObjectStore(bucketDir, options.now, options.log);
    await Promise.all(['objects', 'overflow', 'meta'].map((dir) => mkdir(path.join(bucketDir, dir), { recursive: true })));
    await store.rebuild();
    return store;
  }

  get(key: string): ObjectRecord | undefined {
    return this.records.get(key);
  }

  /** Absolute path of a record's data file. */
  dataPath(record: ObjectRecord): string {
    return path.join(this.bucketDir, ...record.file.split('/'));
  }

  /** One page of records (see `listPage`). */
  list(query: PageQuery): ObjectPage {
    const page = listPage(this.sortedKeys, query);
    const objects = page.keys.map((key) => this.records.get(key)).filter((record): record is ObjectRecord => record !== undefined);
    return { objects, commonPrefixes: page.commonPrefixes, isTruncated: page.isTruncated, ...(page.next !== undefined ? { next: page.next } : {}) };
  }

  /** Every record under `prefix`, in key order. */
  recordsUnder(prefix: string): ObjectRecord[] {
    return this.list({ prefix, delimiter: '', after: '', maxKeys: Number.MAX_SAFE_INTEGER }).objects;
  }

  /** Stores `content` under `key` (streamed to disk, never buffered whole) and returns the new record. */
  put(key: string, content: Uint8Array | string | AsyncIterable<Uint8Array>, options: PutOptions): Promise<ObjectRecord> {
    const body = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    return this.writes.run(key, async () => {
      const file = this.records.get(key)?.file ?? (await this.freeLocation(key));
      const absolute = path.join(this.bucketDir, ...file.split('/'));
      const result: { size: number; md5?: Buffer } = { size: 0 };
      await writeFileAtomic(absolute, checked(body, options, result));
      if (!result.md5) throw new Error('object body was not fully written');
      const record: ObjectRecord = {
        key,
        size: result.size,
        etag: quotedMd5(result.md5),
        contentType: options.contentType || contentTypeFor(key),
        lastModified: wholeSeconds(this.now()),
        file,
        ...(options.segment ? { segment: options.segment } : {}),
      };
      await this.saveRecord(record);
      this.records.set(key, record);
      insertSorted(this.sortedKeys, key);
      return record;
    });
  }

  /** Removes `key`; false when there was no such object. */
  delete(key: string): Promise<boolean> {
    return this.writes.run(key, async () => {
      const record = this.records.get(key);
      if (!record) return false;
      this.records.delete(key);
      removeSorted(this.sortedKeys, key);
      await rm(this.metaPath(key), { force: true });
      await rm(this.dataPath(record), { force: true });
      return true;
    });
  }

  /** Waits for every write under way (used before shutting down). */
  settle(): Promise<void> {
    return this.writes.settle();
  }

  /** The natural path for a new key when usable, else an overflow file (see the module comment). */
  private async freeLocation(key: string): Promise<string> {
    const natural = `objects/${keyToRelativePath(key)}`;
    const absolute = path.join(this.bucketDir, ...natural.split('/'));
    try {
      await mkdir(path.dirname(absolute), { recursive: true });
      const existing = await stat(absolute).catch(() => undefined);
      if (existing === undefined || existing.isFile()) return natural;
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOTDIR' && code !== 'EEXIST') throw error;
    }
    return `overflow/${sha256(key)}`;
  }

  private metaPath(key: string): string {
    const digest = sha256(key);
    return path.join(this.bucketDir, 'meta', digest.slice(0, 2), `${digest}.json`);
  }

  private async saveRecord(record: ObjectRecord): Promise<void> {
    const { mtimeMs } = await stat(this.dataPath(record));
    const stored: StoredRecord = {
      key: record.key,
      file: record.file,
      size: record.size,
      etag: record.etag,
      contentType: record.contentType,
      lastModified: record.lastModified.toISOString(),
      dataMtimeMs: mtimeMs,
      ...(record.segment ? { segment: record.segment } : {}),
    };
    const file = this.metaPath(record.key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, JSON.stringify(stored));
  }

  /** Loads records, drops those whose data is gone, re-hashes stale ones, adopts data files without a record. */
  private async rebuild(): Promise<void> {
    const metaRoot = path.join(this.bucketDir, 'meta');
    const referenced = new Set<string>();
    for (const relative of await walkFiles(metaRoot)) {
      const file = path.join(metaRoot, ...relative.split('/'));
      const stored = relative.endsWith('.json') ? parseRecord(await readFile(file, 'utf8')) : undefined;
      if (!stored) {
        await rm(file, { force: true });
        this.log('storage.removed-leftover', { file: path.relative(this.bucketDir, file) });
        continue;
      }
      const record = await this.checkedRecord(stored);
      if (!record) {
        await rm(file, { force: true });
        continue;
      }
      referenced.add(record.file);
      this.index(record);
    }
    for (const area of ['objects', 'overflow'] as const) {
      for (const relative of await walkFiles(path.join(this.bucketDir, area))) {
        const file = `${area}/${relative}`;
        if (referenced.has(file)) continue;
        const name = relative.slice(relative.lastIndexOf('/') + 1);
        const key = area === 'objects' && !TEMP_FILE.test(name) ? relativePathToKey(relative) : undefined;
        if (key === undefined || this.records.has(key)) {
          await rm(path.join(this.bucketDir, ...file.split('/')), { force: true });
          this.log('storage.removed-leftover', { file });
          continue;
        }
        const record = await this.adopt(key, file);
        this.index(record);
        this.log('storage.adopted', { key });
      }
    }
  }

  private index(record: ObjectRecord): void {
    this.records.set(record.key, record);
    insertSorted(this.sortedKeys, record.key);
  }

  /** The record if its data file matches it; re-hashed from the data when the data changed after it was written. */
  private async checkedRecord(stored: StoredRecord): Promise<ObjectRecord | undefined> {
    const dataFile = path.join(this.bucketDir, ...stored.file.split('/'));
    const info = await stat(dataFile).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    const record: ObjectRecord = {
      key: stored.key,
      size: stored.size,
      etag: stored.etag,
      contentType: stored.contentType,
      lastModified: new Date(stored.lastModified),
      file: stored.file,
      ...(stored.segment ? { segment: stored.segment } : {}),
    };
    if (info.size === stored.size && info.mtimeMs === stored.dataMtimeMs) return record;
    // The data was replaced but the crash came before its record: trust the data.
    const { size, md5 } = await md5OfFile(dataFile);
    const repaired = { ...record, size, etag: quotedMd5(md5), lastModified: wholeSeconds(info.mtime) };
    await this.saveRecord(repaired);
    this.log('storage.repaired', { key: stored.key });
    return repaired;
  }

  private async adopt(key: string, file: string): Promise<ObjectRecord> {
    const absolute = path.join(this.bucketDir, ...file.split('/'));
    const [{ size, md5 }, info] = await Promise.all([md5OfFile(absolute), stat(absolute)]);
    const record: ObjectRecord = { key, size, etag: quotedMd5(md5), contentType: contentTypeFor(key), lastModified: wholeSeconds(info.mtime), file };
    await this.saveRecord(record);
    return record;
  }
}
