import type { PublishEndReason, PublishMedia, PublishRequest } from '../../../../emulator/rtmp';

/** A PublishMedia that records what arrived, for assertions. */
export class RecordingMedia implements PublishMedia {
  video = 0;
  audio = 0;
  bytes = 0;
  firstVideo: Uint8Array | undefined;
  readonly videoTimestamps: number[] = [];
  metadata: Record<string, unknown> | undefined;
  readonly endReasons: PublishEndReason[] = [];
  /** Resolves with the first end reason. */
  readonly ended: Promise<PublishEndReason>;
  private resolveEnded: (reason: PublishEndReason) => void = () => undefined;

  constructor(readonly request: PublishRequest) {
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
  }

  onVideo(timestampMs: number, payload: Uint8Array): void {
    this.video += 1;
    this.bytes += payload.length;
    this.firstVideo ??= Uint8Array.from(payload);
    this.videoTimestamps.push(timestampMs);
  }

  onAudio(_timestampMs: number, payload: Uint8Array): void {
    this.audio += 1;
    this.bytes += payload.length;
  }

  onMetadata(metadata: Record<string, unknown>): void {
    this.metadata = metadata;
  }

  end(reason: PublishEndReason): void {
    this.endReasons.push(reason);
    this.resolveEnded(reason);
  }
}

/** Accepts every publish and keeps its RecordingMedia, so tests can find a publish by stream name. */
export class AcceptAll {
  readonly publishes: RecordingMedia[] = [];
  readonly requests: PublishRequest[] = [];

  readonly onPublish = async (request: PublishRequest): Promise<{ accept: true; media: RecordingMedia }> => {
    this.requests.push(request);
    const media = new RecordingMedia(request);
    this.publishes.push(media);
    return { accept: true, media };
  };

  /** The publishes to one stream name, oldest first. */
  named(streamName: string): RecordingMedia[] {
    return this.publishes.filter((media) => media.request.streamName === streamName);
  }
}

/** Polls until `condition` holds (or fails after `timeoutMs`), for events that arrive asynchronously. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
