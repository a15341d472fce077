/**
 * One bucket's LiveChannels on disk: `channels/<escaped name>.json` per channel (configuration, LastModified and the
 * ingest history), written atomically, loaded into memory at start-up.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

import type { LiveChannelConfig, LiveRecord } from '../../shared/live-channel';
import { writeFileAtomic } from '../../electron/fs/atomic-write';
import { KeyedMutex } from '../../electron/util/keyed-mutex';
import { escapeComponent } from '../storage/key-path';
import type { PageQuery } from '../storage/listing';
import { insertSorted, listPage, removeSorted } from '../storage/listing';

/** OSS keeps the latest 10 ingest records per channel. */
export const HISTORY_LIMIT = 10;

export interface ChannelRecord {
  name: string;
  config: LiveChannelConfig;
  /** Last configuration change (PutLiveChannel or PutLiveChannelStatus), whole seconds. */
  lastModified: Date;
  /** Oldest first, at most HISTORY_LIMIT. */
  history: LiveRecord[];
}

interface StoredChannel {
  name: string;
  config: LiveChannelConfig;
  lastModified: string;
  history: Array<{ startTime: string; endTime: string; remoteAddr: string }>;
}

type Log = (event: string, details: Record<string, unknown>) => void;

function parseChannel(text: string): ChannelRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<StoredChannel> | null;
    if (!value || typeof value.name !== 'string' || typeof value.config !== 'object' || typeof value.lastModified !== 'string') return undefined;
    const { config } = value;
    if (!config || typeof config.target !== 'object' || (config.status !== 'enabled' && config.status !== 'disabled')) return undefined;
    const history = Array.isArray(value.history) ? value.history : [];
    return {
      name: value.name,
      config,
      lastModified: new Date(value.lastModified),
      history: history.map((record) => ({ startTime: new Date(record.startTime), endTime: new Date(record.endTime), remoteAddr: String(record.remoteAddr) })),
    };
  } catch {
    return undefined;
  }
}

function serialise(channel: ChannelRecord): string {
  const stored: StoredChannel = {
    name: channel.name,
    config: channel.config,
    lastModified: channel.lastModified.toISOString(),
    history: channel.history.map((record) => ({
      startTime: record.startTime.toISOString(),
      endTime: record.endTime.toISOString(),
      remoteAddr: record.remoteAddr,
    })),
  };
  return `${JSON.stringify(stored, null, 2)}\n`;
}

/**
 * Channels of one bucket. Changes apply to memory at once and are then written in order per channel, so the file
 * always ends up with the latest state even when changes overlap.
 */
export class ChannelStore {
  private readonly channels = new Map<string, ChannelRecord>();
  private readonly sortedNames: string[] = [];
  private readonly writes = new KeyedMutex();

  private constructor(private readonly dir: string) {}

  static async open(bucketDir: string, log: Log): Promise<ChannelStore> {
    const store = new ChannelStore(path.join(bucketDir, 'channels'));
    await mkdir(store.dir, { recursive: true });
    for (const name of await readdir(store.dir)) {
      const file = path.join(store.dir, name);
      const channel = name.endsWith('.json') ? parseChannel(await readFile(file, 'utf8').catch(() => '')) : undefined;
      if (!channel || store.channels.has(channel.name)) {
        // Temp files of an interrupted write, or damage: the previous complete file (if any) is the truth.
        await rm(file, { force: true, recursive: true });
        log('storage.removed-leftover', { file: path.join('channels', name) });
        continue;
      }
      store.channels.set(channel.name, channel);
      insertSorted(store.sortedNames, channel.name);
    }
    return store;
  }

  get(name: string): ChannelRecord | undefined {
    return this.channels.get(name);
  }

  /** A page of channels in name order (ListLiveChannel: prefix, marker, max-keys). */
  list(query: Omit<PageQuery, 'delimiter'>): { channels: ChannelRecord[]; isTruncated: boolean; next?: string } {
    const page = listPage(this.sortedNames, { ...query, delimiter: '' });
    const channels = page.keys.map((name) => this.channels.get(name)).filter((channel): channel is ChannelRecord => channel !== undefined);
    return { channels, isTruncated: page.isTruncated, ...(page.next !== undefined ? { next: page.next } : {}) };
  }

  /** Creates or replaces the configuration; an existing channel keeps its history. */
  put(name: string, config: LiveChannelConfig, now: Date): Promise<void> {
    const history = this.channels.get(name)?.history ?? [];
    this.channels.set(name, { name, config, lastModified: now, history });
    insertSorted(this.sortedNames, name);
    return this.persist(name);
  }

  /** Applies `change` to an existing channel and saves it. */
  update(name: string, change: (channel: ChannelRecord) => ChannelRecord): Promise<void> {
    const channel = this.channels.get(name);
    if (!channel) return Promise.resolve();
    this.channels.set(name, change(channel));
    return this.persist(name);
  }

  /** Appends an ingest record, keeping the latest HISTORY_LIMIT. */
  addHistory(name: string, record: LiveRecord): Promise<void> {
    return this.update(name, (channel) => ({ ...channel, history: [...channel.history, record].slice(-HISTORY_LIMIT) }));
  }

  delete(name: string): Promise<void> {
    this.channels.delete(name);
    removeSorted(this.sortedNames, name);
    return this.persist(name);
  }

  settle(): Promise<void> {
    return this.writes.settle();
  }

  /** Writes the channel's current state, or removes its file when it no longer exists. */
  private persist(name: string): Promise<void> {
    const file = path.join(this.dir, `${escapeComponent(name)}.json`);
    return this.writes.run(name, async () => {
      const channel = this.channels.get(name);
      if (channel) await writeFileAtomic(file, serialise(channel));
      else await rm(file, { force: true });
    });
  }
}
