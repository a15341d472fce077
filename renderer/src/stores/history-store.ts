import { createStore } from 'zustand/vanilla';

import type { ClipPreview, ExportProgress, RendererApi } from '../../../shared/api';
import type { Broadcast } from '../../../shared/history';
import type { RangeInput } from '../components/history/clip-range';
import { broadcastRange, checkRange } from '../components/history/clip-range';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** One request the screen makes on demand: its state, its result, or what went wrong (shown via errorText). */
export interface Task<T> {
  status: 'idle' | 'busy' | 'done' | 'error';
  result?: T;
  error?: unknown;
}

export interface ExportJob {
  /** `starting` until the main process answers with the export id. */
  state: 'starting' | ExportProgress['state'];
  format: 'ts' | 'mp4';
  exportId?: string;
  done: number;
  total: number;
  bytes: number;
  file?: string;
  downloadUrl?: string;
  /** An ApiError when the export could not start, the main process's message when it failed on the way. */
  error?: unknown;
}

export interface HistoryState {
  channels: string[];
  channelsStatus: LoadStatus;
  channelsError?: unknown;
  channel?: string;
  broadcasts: Broadcast[];
  broadcastsStatus: LoadStatus;
  broadcastsError?: unknown;
  /** When the list was fetched: where a broadcast still running ends on the timeline. */
  broadcastsLoadedAt?: Date;
  selectedBroadcastId?: string;
  rangeInput: RangeInput;
  clipPreview: Task<ClipPreview>;
  savedClip: Task<{ key: string; playUrl: string }>;
  shareLink: Task<{ url: string; expiresAt: Date }>;
  exportJob?: ExportJob;

  /** The bucket's channels; selects the current one again, else the one of the latest broadcast, else the first. */
  loadChannels(): Promise<void>;
  selectChannel(channel: string): Promise<void>;
  /** history.list(channel): the app's records merged with OSS's GetLiveChannelHistory. */
  refreshBroadcasts(): Promise<void>;
  /** Selects a broadcast and sets the range to its whole span. */
  selectBroadcast(id: string): void;
  setRangeInput(edge: keyof RangeInput, value: string): void;
  previewClip(): Promise<void>;
  saveClip(playlistName: string): Promise<void>;
  createShareLink(expiresInSeconds: number): Promise<{ url: string; expiresAt: Date } | undefined>;
  startExport(format: 'ts' | 'mp4'): Promise<void>;
  cancelExport(): Promise<void>;
}

const IDLE = { status: 'idle' } as const;
const EMPTY_RANGE: RangeInput = { start: '', end: '' };
/** Progress events kept for exports whose id the renderer does not know yet (the event can beat the answer). */
const MAX_EARLY_EVENTS = 20;

/** The History & clips screen's state: channel, broadcasts, the clip range, and the clip operations on it. */
export function createHistoryStore(api: RendererApi) {
  const earlyEvents = new Map<string, ExportProgress>();

  const store = createStore<HistoryState>()((set, get) => {
    /** The range as the main process takes it, or undefined when the inputs are not a valid range. */
    const currentRange = () => {
      const check = checkRange(get().rangeInput);
      return check.ok ? check.range : undefined;
    };
    /** A new range invalidates what was previewed and saved for the old one. */
    const clearClip = { clipPreview: IDLE, savedClip: IDLE, shareLink: IDLE };

    return {
      channels: [],
      channelsStatus: 'idle',
      broadcasts: [],
      broadcastsStatus: 'idle',
      rangeInput: EMPTY_RANGE,
      clipPreview: IDLE,
      savedClip: IDLE,
      shareLink: IDLE,

      async loadChannels() {
        if (get().channelsStatus === 'loading') return;
        set({ channelsStatus: 'loading', channelsError: undefined });
        try {
          const [listing, history] = await Promise.all([api.invoke('channels.list', { maxKeys: 1000 }), api.invoke('history.list')]);
          const names = new Set(listing.channels.map((channel) => channel.name));
          const channels = [...names].sort((a, b) => a.localeCompare(b));
          set({ channels, channelsStatus: 'ready' });
          // The channel of the most recent broadcast is the one a streamer most likely wants to clip.
          const latest = history.filter((broadcast) => names.has(broadcast.channel)).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
          const current = get().channel;
          const pick = current !== undefined && names.has(current) ? current : (latest?.channel ?? channels[0]);
          if (pick !== undefined) await get().selectChannel(pick);
        } catch (error) {
          set({ channelsStatus: 'error', channelsError: error });
        }
      },

      async selectChannel(channel) {
        if (channel !== get().channel) {
          set({ channel, broadcasts: [], selectedBroadcastId: undefined, rangeInput: EMPTY_RANGE, ...clearClip });
        }
        await get().refreshBroadcasts();
      },

      async refreshBroadcasts() {
        const channel = get().channel;
        if (channel === undefined) return;
        set({ broadcastsStatus: 'loading', broadcastsError: undefined });
        try {
          const broadcasts = await api.invoke('history.list', channel);
          if (get().channel !== channel) return; // another channel was picked meanwhile
          const sorted = [...broadcasts].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
          set({ broadcasts: sorted, broadcastsStatus: 'ready', broadcastsLoadedAt: new Date() });
        } catch (error) {
          if (get().channel === channel) set({ broadcastsStatus: 'error', broadcastsError: error });
        }
      },

      selectBroadcast(id) {
        const broadcast = get().broadcasts.find((candidate) => candidate.id === id);
        if (!broadcast) return;
        set({ selectedBroadcastId: id, rangeInput: broadcastRange(broadcast, new Date()), ...clearClip });
      },

      setRangeInput(edge, value) {
        set({ rangeInput: { ...get().rangeInput, [edge]: value }, ...clearClip });
      },

      async previewClip() {
        const { channel } = get();
        const range = currentRange();
        if (channel === undefined || !range) return;
        set({ clipPreview: { status: 'busy' } });
        try {
          const result = await api.invoke('clips.preview', channel, range);
          set({ clipPreview: { status: 'done', result } });
        } catch (error) {
          set({ clipPreview: { status: 'error', error } });
        }
      },

      async saveClip(playlistName) {
        const { channel } = get();
        const range = currentRange();
        if (channel === undefined || !range) return;
        set({ savedClip: { status: 'busy' }, shareLink: IDLE });
        try {
          const result = await api.invoke('clips.save', channel, playlistName, range);
          set({ savedClip: { status: 'done', result } });
        } catch (error) {
          set({ savedClip: { status: 'error', error } });
        }
      },

      async createShareLink(expiresInSeconds) {
        const key = get().savedClip.result?.key;
        if (key === undefined) return undefined;
        set({ shareLink: { status: 'busy' } });
        try {
          const result = await api.invoke('clips.shareLink', key, expiresInSeconds);
          set({ shareLink: { status: 'done', result } });
          return result;
        } catch (error) {
          set({ shareLink: { status: 'error', error } });
          return undefined;
        }
      },

      async startExport(format) {
        const { channel, exportJob } = get();
        const range = currentRange();
        if (channel === undefined || !range || exportJob?.state === 'starting' || exportJob?.state === 'running') return;
        earlyEvents.clear();
        set({ exportJob: { state: 'starting', format, done: 0, total: 0, bytes: 0 } });
        try {
          const { exportId } = await api.invoke('clips.export', { channel, range, format });
          set({ exportJob: { state: 'running', format, exportId, done: 0, total: 0, bytes: 0 } });
          const early = earlyEvents.get(exportId);
          if (early) applyProgress(early);
        } catch (error) {
          set({ exportJob: { state: 'failed', format, done: 0, total: 0, bytes: 0, error } });
        }
      },

      async cancelExport() {
        const exportId = get().exportJob?.exportId;
        if (exportId !== undefined) await api.invoke('clips.cancelExport', exportId);
      },
    };
  });

  function applyProgress(event: ExportProgress): void {
    const job = store.getState().exportJob;
    if (!job || job.exportId !== event.exportId) return;
    const { done, total, bytes, file, downloadUrl, error } = event;
    store.setState({ exportJob: { ...job, state: event.state, done, total, bytes, file, downloadUrl, error } });
  }

  // Kept for the app's lifetime, like the store: an export keeps running while another screen is shown.
  api.on('clips.export', (event) => {
    if (store.getState().exportJob?.exportId === event.exportId) return applyProgress(event);
    earlyEvents.set(event.exportId, event);
    while (earlyEvents.size > MAX_EARLY_EVENTS) earlyEvents.delete(earlyEvents.keys().next().value as string);
  });

  return store;
}
