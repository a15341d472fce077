import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';

import type { ApiHandlers, ClipExportRequest, ExportProgress } from '../../../shared/api';
import type { VodRange } from '../../../shared/live-channel';
import { validateChannelName, validatePlaylistName, validateVodRange } from '../../../shared/validation';
import type { AppContext } from '../../app/app-context';
import type { MediaRoute } from '../../app/media-route';
import { ClipExportError, isNoSegmentsError, noSegmentsError } from '../../clips/clip-errors';
import { exportClip } from '../../clips/export-clip';
import type { ExportProgressUpdate } from '../../clips/export-clip';
import { exportFileName } from '../../clips/export-file-name';
import { fetchVodPlaylist } from '../../clips/fetch-vod-playlist';
import { toApiError } from '../api-error';
import { MAX_URL_SECONDS, expectInteger, expectOneOf, expectString, pickFields } from '../guards';

type ClipHandlers = Pick<ApiHandlers, 'clips.preview' | 'clips.save' | 'clips.export' | 'clips.cancelExport' | 'clips.shareLink'>;

function readChannel(value: unknown): string {
  const name = expectString(value, 'channel');
  validateChannelName(name);
  return name;
}

function readRange(value: unknown): VodRange {
  const range = pickFields<VodRange>(value, 'range', { startTime: expectInteger, endTime: expectInteger });
  validateVodRange(range.startTime, range.endTime);
  return range;
}

/** What the streamer reads when an export fails: our own clip errors as they are, anything else via toApiError. */
const failureMessage = (error: unknown): string => (error instanceof ClipExportError ? error.message : toApiError(error).message);

/** History & clips: preview a range (nothing written), save it as a VOD playlist, export it, share it. */
export function clipHandlers(context: AppContext, media: MediaRoute): ClipHandlers {
  const exportsDir = path.join(context.dataDir, 'exports');
  const client = async () => (await context.services()).client;
  /** Running exports by id, so they can be cancelled. */
  const running = new Map<string, AbortController>();

  return {
    async 'clips.preview'(channel, range) {
      const name = readChannel(channel);
      const span = readRange(range);
      const playlist = await fetchVodPlaylist(await client(), name, span);
      return {
        channel: name,
        range: span,
        playlist: playlist.text,
        segments: playlist.segments,
        durationSeconds: playlist.durationSeconds,
        previewUrl: `media/${media.addPreview(name, playlist.text)}`,
      };
    },

    async 'clips.save'(channel, playlistName, range) {
      const name = readChannel(channel);
      const playlist = expectString(playlistName, 'playlistName');
      validatePlaylistName(playlist);
      const span = readRange(range);
      const { client: oss, deps } = await context.services();
      try {
        await oss.postVodPlaylist(name, playlist, span);
      } catch (error) {
        throw isNoSegmentsError(error) ? noSegmentsError() : error;
      }
      return { key: `${name}/${playlist}`, playUrl: deps.playUrl(name, playlist) };
    },

    async 'clips.export'(request) {
      const { channel, range, format } = pickFields<ClipExportRequest>(request, 'request', {
        channel: readChannel,
        range: readRange,
        format: (raw, field) => expectOneOf(raw, field, ['ts', 'mp4'] as const),
      });
      const oss = await client();
      // Read the playlist before answering, so a range without segments fails the call itself (field `range`).
      const playlist = await fetchVodPlaylist(oss, channel, range);
      const exportId = randomBytes(8).toString('hex');
      const fileName = exportFileName(channel, range, format);
      const directory = path.join(exportsDir, exportId);
      const file = path.join(directory, fileName);
      const controller = new AbortController();
      running.set(exportId, controller);
      let progress: ExportProgressUpdate = { done: 0, total: playlist.segments.length, bytes: 0 };
      const emit = (state: ExportProgress['state'], extra: Partial<ExportProgress> = {}): void =>
        context.events.emit('clips.export', { exportId, state, ...progress, ...extra });

      const onProgress = (update: ExportProgressUpdate): void => {
        progress = update;
        emit('running');
      };
      void exportClip({ client: oss, channel, playlist, format, file, signal: controller.signal, onProgress })
        .then(
          () =>
            emit('done', {
              ...(context.options.mode === 'desktop' ? { file } : {}),
              downloadUrl: `downloads/${exportId}/${encodeURIComponent(fileName)}`,
            }),
          async (error: unknown) => {
            await rm(directory, { recursive: true, force: true });
            if (controller.signal.aborted) return emit('cancelled');
            context.log('clips.export.failed', { error: error instanceof Error ? error.name : 'unknown' });
            emit('failed', { error: failureMessage(error) });
          },
        )
        .finally(() => running.delete(exportId));
      return { exportId };
    },

    async 'clips.cancelExport'(exportId) {
      running.get(expectString(exportId, 'exportId'))?.abort();
    },

    async 'clips.shareLink'(key, expiresInSeconds) {
      const objectKey = expectString(key, 'key');
      const seconds = expectInteger(expiresInSeconds, 'expiresInSeconds', 60, MAX_URL_SECONDS);
      const url = await (await client()).presignUrl(objectKey, { expiresInSeconds: seconds, process: 'hls/sign' });
      return { url, expiresAt: new Date(Date.now() + seconds * 1000) };
    },
  };
}
