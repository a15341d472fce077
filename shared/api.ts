/**
 * The one contract between the renderer and the main process: every method's arguments and result, every event's
 * payload. Two transports carry it (Electron IPC through the preload bridge, and a loopback WebSocket in browser
 * mode); the renderer never knows which one it has. Secrets only ever travel renderer → main (write-only fields).
 */
import type { GoLiveRequest, GoLiveResult, GoLiveStep, StopRequest, StopResult, StopStep } from './golive';
import type { Broadcast } from './history';
import type {
  ChannelStatus,
  ListLiveChannelsQuery,
  ListLiveChannelsResult,
  LiveChannelConfig,
  LiveChannelInput,
  LiveChannelStat,
  LiveChannelUrls,
  SignedRtmpUrl,
  VodRange,
} from './live-channel';
import type { LocalizedText } from './messages';
import type { Alert, MonitorState, TimelinePoint } from './monitor';
import type { Profile } from './profile';

export interface KeychainStatus {
  available: boolean;
  /** Why not, and how to fix it. */
  message?: string;
  /** The same, translatable. */
  text?: LocalizedText;
}

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'browser';
  /** The profile in use; `local` when it is the built-in emulator. */
  profile: { name: string; local: boolean };
  /** Where the embedded emulator listens, when it runs. */
  emulator?: { endpoint: string; rtmp: string; bucket: string };
  keychain: KeychainStatus;
}

/** A profile as the UI shows it: never a secret, only whether each one is set. */
export interface ProfileView extends Profile {
  builtIn: boolean;
  secrets: { accessKeySecret: boolean; securityToken: boolean; obsPassword: boolean };
}

export interface ProfilesView {
  profiles: ProfileView[];
  current: string;
  keychain: KeychainStatus;
}

/** Secrets are write-only: a string sets, `null` deletes, absent keeps what the keychain has. */
export interface SecretsUpdate {
  accessKeySecret?: string | null;
  securityToken?: string | null;
  obsPassword?: string | null;
}

export interface ProfileSaveRequest {
  profile: Profile;
  secrets?: SecretsUpdate;
  /** The name it had, when an existing profile is edited (and maybe renamed); absent for a new one. */
  originalName?: string;
}

export interface ConnectionCheck {
  ok: boolean;
  /** What was found, or what is wrong and what to do. */
  message: string;
  /** The same, translatable. */
  text?: LocalizedText;
  latencyMs?: number;
}

export type ChannelStatView = { name: string; stat: LiveChannelStat } | { name: string; error: string };

export interface ClipPreview {
  channel: string;
  range: VodRange;
  /** GetVodPlaylist's m3u8 text. Nothing is written. */
  playlist: string;
  segments: Array<{ uri: string; duration: number }>;
  durationSeconds: number;
  /** Playable in the app's preview player. */
  previewUrl: string;
}

export interface ClipExportRequest {
  channel: string;
  range: VodRange;
  format: 'ts' | 'mp4';
}

export interface ExportProgress {
  exportId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Segments fetched and written so far, of `total`. */
  done: number;
  total: number;
  bytes: number;
  /** Where the file was written (desktop) — done only. */
  file?: string;
  /** Where the browser can download it (browser mode) — done only. */
  downloadUrl?: string;
  error?: string;
}

/** The broadcast this app is running, so a reopened window catches up. */
export interface BroadcastStatus {
  active: boolean;
  channel?: string;
  startedAt?: Date;
  urlExpiresAt?: Date;
  steps: GoLiveStep[];
}

export interface MonitorSnapshot {
  channel: string;
  state: MonitorState;
  timeline: TimelinePoint[];
  alerts: Alert[];
}

/** Request/response methods. Results are promises on the renderer side. */
export interface ApiMethods {
  'app.info'(): AppInfo;

  'profiles.list'(): ProfilesView;
  'profiles.save'(request: ProfileSaveRequest): ProfileView;
  'profiles.remove'(name: string): void;
  'profiles.use'(name: string): void;
  /**
   * Tests OSS or OBS with a saved profile (its name), or with a profile form as it is, before any save (the request
   * `profiles.save` would get). Nothing is written; a secret the form leaves out comes from the stored `originalName`.
   */
  'profiles.check'(target: 'oss' | 'obs', profile: string | ProfileSaveRequest): ConnectionCheck;

  'channels.list'(query: ListLiveChannelsQuery): ListLiveChannelsResult;
  'channels.stats'(names: string[]): ChannelStatView[];
  'channels.info'(name: string): LiveChannelConfig;
  'channels.create'(name: string, input: LiveChannelInput, options: { overwrite: boolean }): { created: boolean; urls: LiveChannelUrls };
  'channels.setStatus'(name: string, status: ChannelStatus): void;
  'channels.delete'(name: string): void;
  'channels.signPublishUrl'(name: string, options: { playlistName?: string; expiresInSeconds: number }): SignedRtmpUrl;
  'channels.playUrl'(name: string, options: { playlistName?: string; expiresInSeconds: number }): { url: string; expiresAt: Date };
  'channels.previewUrl'(name: string, playlistName?: string): { url: string };

  'golive.start'(request: GoLiveRequest): GoLiveResult;
  'golive.stop'(request: StopRequest): StopResult;
  'golive.cancel'(): void;
  'golive.status'(): BroadcastStatus;

  'monitor.watch'(channel: string): MonitorSnapshot;
  'monitor.unwatch'(): void;

  'history.list'(channel?: string): Broadcast[];

  'clips.preview'(channel: string, range: VodRange): ClipPreview;
  'clips.save'(channel: string, playlistName: string, range: VodRange): { key: string; playUrl: string };
  'clips.export'(request: ClipExportRequest): { exportId: string };
  /** Stops a running export; its partial file is removed. Unknown or finished ids are ignored. */
  'clips.cancelExport'(exportId: string): void;
  'clips.shareLink'(key: string, expiresInSeconds: number): { url: string; expiresAt: Date };
}

/** Events main → renderer. */
export interface ApiEvents {
  'golive.step': { phase: 'golive'; step: GoLiveStep } | { phase: 'stop'; step: StopStep };
  'monitor.point': { channel: string; point: TimelinePoint; state: MonitorState };
  'monitor.alert': { channel: string; alert: Alert };
  'clips.export': ExportProgress;
  'profiles.changed': { current: string };
}

export type MethodName = keyof ApiMethods;
export type MethodArgs<M extends MethodName> = Parameters<ApiMethods[M]>;
export type MethodResult<M extends MethodName> = ReturnType<ApiMethods[M]>;
export type ApiEventName = keyof ApiEvents;

/**
 * Every method with its largest argument count. TypeScript lets callers pass extra arguments, and extra values must
 * not leak across the boundary, so both transports check against this table (GitHub Desktop's numArgs guard).
 */
export const API_METHODS: { readonly [M in MethodName]: number } = {
  'app.info': 0,
  'profiles.list': 0,
  'profiles.save': 1,
  'profiles.remove': 1,
  'profiles.use': 1,
  'profiles.check': 2,
  'channels.list': 1,
  'channels.stats': 1,
  'channels.info': 1,
  'channels.create': 3,
  'channels.setStatus': 2,
  'channels.delete': 1,
  'channels.signPublishUrl': 2,
  'channels.playUrl': 2,
  'channels.previewUrl': 2,
  'golive.start': 1,
  'golive.stop': 1,
  'golive.cancel': 0,
  'golive.status': 0,
  'monitor.watch': 1,
  'monitor.unwatch': 0,
  'history.list': 1,
  'clips.preview': 2,
  'clips.save': 3,
  'clips.export': 1,
  'clips.cancelExport': 1,
  'clips.shareLink': 2,
};

export const isMethodName = (name: unknown): name is MethodName => typeof name === 'string' && Object.hasOwn(API_METHODS, name);

/** What the renderer holds: one object, whichever transport carries it. */
export interface RendererApi {
  invoke<M extends MethodName>(method: M, ...args: MethodArgs<M>): Promise<MethodResult<M>>;
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** What the main process implements: every method, async. */
export type ApiHandlers = { [M in MethodName]: (...args: MethodArgs<M>) => Promise<MethodResult<M>> };
