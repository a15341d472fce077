import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

import type { OssLiveClient } from '../oss';
import { Mp4Remuxer } from './mp4-remuxer';
import { TimelineStitcher } from './timeline-stitcher';
import type { VodSegments } from './vod-playlist';

export interface ExportProgressUpdate {
  /** Segments fetched and written, of `total`. */
  done: number;
  total: number;
  /** Bytes written to the file so far. */
  bytes: number;
}

export interface ExportOptions {
  client: Pick<OssLiveClient, 'getObject'>;
  channel: string;
  /** The range's segments, from GetVodPlaylist (see fetchVodPlaylist). */
  playlist: VodSegments;
  format: 'ts' | 'mp4';
  /** Where the finished file goes; written to a temp name first, so a cancelled or failed export leaves nothing. */
  file: string;
  signal?: AbortSignal;
  onProgress?(progress: ExportProgressUpdate): void;
}

export interface ExportResult {
  file: string;
  bytes: number;
}

/** Turns segments into file bytes: appended as they come, plus a header written over the start at the end (MP4). */
interface ClipWriter {
  push(segment: Uint8Array): Uint8Array[];
  finish(): Uint8Array | undefined;
}

/** MPEG-TS segments whose timestamps continue each other concatenate into one valid `.ts`. */
const tsWriter = (): ClipWriter => ({ push: (segment) => [segment], finish: () => undefined });

/**
 * Exports a range of a channel's recording to one local file: the segments its VOD playlist lists, fetched one at
 * a time (memory stays at one segment), spliced into one timeline across reconnects, and written as `.ts` or as a
 * fragmented `.mp4` with real durations. Progress is reported after every segment.
 */
export async function exportClip(options: ExportOptions): Promise<ExportResult> {
  const { client, channel, signal } = options;
  const { segments } = options.playlist;
  const call = signal ? { signal } : {};

  await mkdir(path.dirname(options.file), { recursive: true });
  const temp = `${options.file}.${process.pid}.part`;
  const writer = options.format === 'mp4' ? new Mp4Remuxer() : tsWriter();
  const stitcher = new TimelineStitcher();
  let handle: FileHandle | undefined = await open(temp, 'w');
  let bytes = 0;
  try {
    for (const [index, segment] of segments.entries()) {
      signal?.throwIfAborted();
      const { body } = await client.getObject(`${channel}/${segment.uri}`, {}, call);
      for (const chunk of writer.push(stitcher.stitch(body, segment.duration))) {
        await handle.write(chunk);
        bytes += chunk.byteLength;
      }
      options.onProgress?.({ done: index + 1, total: segments.length, bytes });
    }
    const header = writer.finish();
    if (header) await handle.write(header, 0, header.byteLength, 0);
    signal?.throwIfAborted();
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, options.file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
  return { file: options.file, bytes };
}
