/**
 * The emulator's RTMP ingest: the RTMP server (emulator/rtmp) with OSS's publish rules. A publish is accepted when
 * its bucket and channel resolve, its URL signature holds (unless the bucket is public-read-write), and the channel
 * exists, is enabled and has no other publisher; its media then flows into a segmenter and the live session.
 * Disabling a live channel kicks its publisher through the state's kick hook.
 */
import type { CredentialAuthority } from '../credentials';
import type { BucketAcl } from '../http/route-context';
import type { PublishDecision, PublishMedia, PublishRequest } from '../rtmp';
import { startRtmpServer } from '../rtmp';
import type { EmulatorState } from '../state/emulator-state';
import { checkPublishPermission } from '../state/publish-permission';
import type { PublishTarget } from './publish-target';
import { resolvePublishTarget } from './publish-target';
import { FAILED_CODE, refusal } from './refusal';
import { sessionMedia } from './session-media';

export interface IngestOptions {
  /** Interface to bind (127.0.0.1 unless the caller really means otherwise). */
  host: string;
  /** 0 = ephemeral. */
  port: number;
  state: EmulatorState;
  authority: CredentialAuthority;
  defaultBucket: string;
  acl: BucketAcl;
  log: (event: string, details: Record<string, unknown>) => void;
}

export interface Ingest {
  /** The port the RTMP server listens on. */
  port: number;
  /** Ends every publish (each session's final playlist and history written), then stops listening. */
  close(): Promise<void>;
}

/** Description sent to a publisher kicked because its channel was disabled. */
const KICKED_REASON = 'channel is disabled (LiveChannelDisabled)';

/** Starts the RTMP ingest; rejects when the port cannot be bound. */
export async function startIngest(options: IngestOptions): Promise<Ingest> {
  const { state, log } = options;
  // The accepted publishes' targets, so a kick finds its publisher by bucket and channel.
  const targets = new WeakMap<PublishRequest, PublishTarget>();

  async function decide(request: PublishRequest): Promise<PublishDecision> {
    try {
      const target = resolvePublishTarget(request, { isKnown: (bucket) => state.hasBucket(bucket), defaultBucket: options.defaultBucket });
      checkPublishPermission({ ...target, query: request.query, acl: options.acl, authority: options.authority, now: state.now() });
      const playlistName = request.query.get('playlistName');
      const session = await state.beginSession(target.bucket, target.channel, {
        remoteAddr: request.remoteAddress,
        ...(playlistName ? { playlistName } : {}),
      });
      let media: PublishMedia;
      try {
        media = sessionMedia(session, { now: state.now, log });
      } catch (error) {
        await session.end(); // never leave a channel Live without a publisher
        throw error;
      }
      targets.set(request, target);
      log('ingest.publish-accepted', { ...target, remoteAddr: request.remoteAddress, playlistName: session.playlistName });
      return { accept: true, media };
    } catch (error) {
      const refused = refusal(error);
      // The publisher only hears "internal error"; the log keeps what went wrong.
      const cause = refused.code === FAILED_CODE ? { error: error instanceof Error ? error.message : String(error) } : {};
      log('ingest.publish-refused', { app: request.app, channel: request.streamName, remoteAddr: request.remoteAddress, reason: refused.reason, ...cause });
      return refused;
    }
  }

  const rtmp = await startRtmpServer({ host: options.host, port: options.port, onPublish: decide, log });
  const stopKicking = state.onKick((bucket, channel) => {
    rtmp.kick((request) => {
      const target = targets.get(request);
      return target?.bucket === bucket && target.channel === channel;
    }, KICKED_REASON);
  });
  return {
    port: rtmp.port,
    async close() {
      stopKicking();
      await rtmp.close();
    },
  };
}
