/**
 * Small in-memory stand-ins for go-live's ports, for the ordering logic only (every integration test uses the real
 * OBS and the emulator). They share one call log, so a test can assert the order of everything that happened
 * across OSS and OBS. Where a real object can do the work it does: signing is the real client's (no network), the
 * preflight is the real pure function over an encoder profile, errors are the real OssError and ObsError.
 */
import type { ChannelStatus, LiveChannelConfig, LiveChannelInput, LiveChannelStat, LiveChannelUrls, SignedRtmpUrl } from '../../../shared/live-channel';
import { CHANNEL_DEFAULTS } from '../../../shared/live-channel';
import type { GoLiveObs, GoLiveOss, ObsReconnectSettings } from '../../../electron/golive';
import { OBS_DEFAULT_RECONNECT } from '../../../electron/golive';
import type { EncoderProfile, PreflightReport, RtmpCustomTarget, StreamEvent, StreamServiceSnapshot, StreamStatus } from '../../../electron/obs';
import { ObsError, preflight } from '../../../electron/obs';
import type { CallOptions, SignRtmpUrlOptions } from '../../../electron/oss';
import { OssError, OssLiveClient } from '../../../electron/oss';

export type Call = string;

/** Makes the named call fail (once, or always) with the given error. */
export type Failures = Map<string, { error: () => Error; times: number }>;

function maybeFail(failures: Failures, name: string): void {
  const failure = failures.get(name);
  if (!failure || failure.times === 0) return;
  failure.times -= 1;
  throw failure.error();
}

function checkAbort(o?: CallOptions): void {
  if (o?.signal?.aborted) throw new OssError({ status: 0, code: 'RequestAborted', message: 'aborted' });
}

export class FakeOss implements GoLiveOss {
  readonly channels = new Map<string, LiveChannelConfig>();
  readonly live = new Set<string>();
  readonly failures: Failures = new Map();
  /** The channel goes Live after this many stat polls once OBS streams (Infinity: never). */
  pollsUntilLive = 1;
  #polls = 0;
  readonly #signer = new OssLiveClient({
    endpoint: 'oss-cn-hangzhou.aliyuncs.com',
    bucket: 'studio',
    // A provider, as for STS: signing resolves it first, so a 'credentials' failure fails the signature.
    credentials: async () => {
      maybeFail(this.failures, 'credentials');
      return { accessKeyId: 'AKID', accessKeySecret: 'secret' };
    },
  });

  constructor(
    readonly log: Call[],
    readonly isStreaming: () => boolean = () => false,
  ) {}

  async getLiveChannelInfo(channel: string, o?: CallOptions): Promise<LiveChannelConfig> {
    this.log.push(`oss.getInfo ${channel}`);
    checkAbort(o);
    maybeFail(this.failures, 'getInfo');
    const config = this.channels.get(channel);
    if (!config) throw new OssError({ status: 404, code: 'NoSuchLiveChannel', message: 'The specified live channel does not exist.' });
    return structuredClone(config);
  }

  async putLiveChannel(channel: string, input: LiveChannelInput = {}, o?: CallOptions): Promise<LiveChannelUrls> {
    this.log.push(`oss.put ${channel}`);
    checkAbort(o);
    maybeFail(this.failures, 'put');
    this.channels.set(channel, {
      description: input.description ?? '',
      status: input.status ?? 'enabled',
      target: {
        type: 'HLS',
        fragDuration: input.fragDuration ?? CHANNEL_DEFAULTS.fragDuration,
        fragCount: input.fragCount ?? CHANNEL_DEFAULTS.fragCount,
        playlistName: input.playlistName ?? CHANNEL_DEFAULTS.playlistName,
      },
    });
    return { publishUrls: [`rtmp://studio/live/${channel}`], playUrls: [`http://studio/${channel}/playlist.m3u8`] };
  }

  async putLiveChannelStatus(channel: string, status: ChannelStatus, o?: CallOptions): Promise<void> {
    this.log.push(`oss.status ${channel} ${status}`);
    checkAbort(o);
    maybeFail(this.failures, `status ${status}`);
    const config = this.channels.get(channel);
    if (!config) throw new OssError({ status: 404, code: 'NoSuchLiveChannel', message: 'no channel' });
    config.status = status;
  }

  async deleteLiveChannel(channel: string, o?: CallOptions): Promise<void> {
    this.log.push(`oss.delete ${channel}`);
    checkAbort(o);
    if (!this.channels.delete(channel)) throw new OssError({ status: 404, code: 'NoSuchLiveChannel', message: 'no channel' });
  }

  async getLiveChannelStat(channel: string, o?: CallOptions): Promise<LiveChannelStat> {
    this.log.push(`oss.stat ${channel}`);
    checkAbort(o);
    const config = this.channels.get(channel);
    if (!config) throw new OssError({ status: 404, code: 'NoSuchLiveChannel', message: 'no channel' });
    if (config.status === 'disabled') return { status: 'Disabled' };
    if (this.live.has(channel)) return { status: 'Live', connectedTime: new Date(0), remoteAddr: '10.0.0.9:5000' };
    if (this.isStreaming()) {
      this.#polls += 1;
      if (this.#polls >= this.pollsUntilLive) return { status: 'Live', connectedTime: new Date(), remoteAddr: '127.0.0.1:4000' };
    }
    return { status: 'Idle' };
  }

  async signRtmpUrlAsync(channel: string, options?: SignRtmpUrlOptions): Promise<SignedRtmpUrl> {
    this.log.push(`oss.sign ${channel}`);
    return this.#signer.signRtmpUrlAsync(channel, options);
  }
}

/** OBS 29 in Simple output mode with x264 and `keyint=60` at 30 fps (2 s), like the headless test instance. */
export const SIMPLE_X264_2S: EncoderProfile = {
  outputMode: 'Simple',
  simpleStreamEncoder: 'x264',
  simpleUseAdvanced: 'true',
  simpleX264Settings: 'keyint=60',
  simpleAudioEncoder: null,
  advancedEncoder: null,
  advancedAudioEncoder: null,
  fpsNumerator: 30,
  fpsDenominator: 1,
};

export class FakeObs implements GoLiveObs {
  service: StreamServiceSnapshot = { streamServiceType: 'rtmp_common', streamServiceSettings: { service: 'Twitch', key: 'live_user_key' } };
  streaming = false;
  profile: EncoderProfile = SIMPLE_X264_2S;
  reconnect: ObsReconnectSettings = OBS_DEFAULT_RECONNECT;
  /** How StartStream ends: STARTED, or STARTING then STOPPED (a refused publish). */
  startOutcome: 'started' | 'start-failed' = 'started';
  readonly failures: Failures = new Map();
  /** Called when setStreamService runs, to look at the world at that moment. */
  onSet: (() => void) | undefined;
  readonly #listeners = new Set<(event: StreamEvent) => void>();

  constructor(readonly log: Call[]) {}

  async connect(): Promise<void> {
    this.log.push('obs.connect');
    maybeFail(this.failures, 'connect');
  }

  async preflight(fragDuration: number): Promise<PreflightReport> {
    this.log.push(`obs.preflight ${fragDuration}`);
    return preflight(this.profile, fragDuration);
  }

  async reconnectSettings(): Promise<ObsReconnectSettings> {
    return this.reconnect;
  }

  async getStreamStatus(): Promise<StreamStatus> {
    return { active: this.streaming, reconnecting: false, bytes: 0, durationMs: 0, congestion: 0, skippedFrames: 0, totalFrames: 0 };
  }

  async getStreamService(): Promise<StreamServiceSnapshot> {
    return structuredClone(this.service);
  }

  async setStreamService(target: RtmpCustomTarget): Promise<void> {
    this.log.push('obs.set');
    this.onSet?.();
    maybeFail(this.failures, 'set');
    if (this.streaming) throw new ObsError('output-running', 'streaming');
    this.service = { streamServiceType: 'rtmp_custom', streamServiceSettings: { server: target.server, key: target.key, use_auth: false } };
  }

  async restoreStreamService(snapshot: StreamServiceSnapshot): Promise<void> {
    this.log.push('obs.restore');
    maybeFail(this.failures, 'restore');
    this.service = structuredClone(snapshot);
  }

  async startStream(): Promise<void> {
    this.log.push('obs.start');
    maybeFail(this.failures, 'start');
    this.#emit('starting');
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (this.startOutcome === 'start-failed') {
      this.#emit('stopped');
      throw new ObsError('start-failed', 'OBS could not start the stream.');
    }
    this.streaming = true;
    this.#emit('started');
  }

  async stopStream(): Promise<void> {
    this.log.push(`obs.stop${this.streaming ? '' : ' (not streaming)'}`);
    this.streaming = false;
  }

  on(_event: 'stream', listener: (event: StreamEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(state: StreamEvent['state']): void {
    for (const listener of this.#listeners) listener({ state, active: state === 'started', at: Date.now() });
  }
}
