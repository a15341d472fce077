/**
 * Where an accepted publish's media goes: each RTMP audio/video message is counted for the stat's Bandwidth and fed
 * to a segmenter, whose finished MPEG-TS segments and media info go to the channel's live session. When the
 * publish ends, the last partial segment is flushed before the session ends, so the final playlist lists it.
 */
import { createSegmenter } from '../media';
import type { PublishEndReason, PublishMedia } from '../rtmp';
import type { LiveSession } from '../state/live-session';

type Log = (event: string, details: Record<string, unknown>) => void;

/** Connects one publish to one live session. */
export function sessionMedia(session: LiveSession, options: { now: () => Date; log: Log }): PublishMedia {
  const where = { bucket: session.bucket, channel: session.channel };
  const segmenter = createSegmenter({
    fragDuration: session.fragDuration,
    now: options.now,
    onSegment: (segment) => session.writeSegment(segment),
    onMediaInfo: (info) => {
      session.recordMedia(info);
      if (info.unsupported) options.log('ingest.unsupported-codec', { ...where, codecs: info.unsupported });
    },
  });
  return {
    onVideo(timestampMs, payload) {
      session.countBytes('video', payload.length);
      segmenter.onVideo(timestampMs, payload);
    },
    onAudio(timestampMs, payload) {
      session.countBytes('audio', payload.length);
      segmenter.onAudio(timestampMs, payload);
    },
    async end(reason: PublishEndReason) {
      try {
        await segmenter.end();
      } catch (error) {
        // A segment could not be stored (disk full, ...): the session still ends, so history and ENDLIST are written.
        options.log('ingest.segment-write-failed', { ...where, error: error instanceof Error ? error.message : String(error) });
      }
      await session.end();
      options.log('ingest.publish-ended', { ...where, reason, stats: segmenter.stats });
    },
  };
}
