import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { ChannelStatView, RendererApi } from '../../../shared/api';
import type { ChannelStatus, ListLiveChannelsResult, LiveChannelConfig, LiveChannelInput, SignedRtmpUrl } from '../../../shared/live-channel';
import { errorMessage } from '../api/api-error';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;
/** Long enough for an evening's broadcast (OSS checks the signature only when OBS connects), short if leaked. */
export const DEFAULT_EXPIRY_SECONDS = 6 * 3_600;

/** The signed URLs of the selected channel, for one expiry. */
export interface SignedUrls {
  channel: string;
  expiresInSeconds: number;
  loading: boolean;
  publish?: SignedRtmpUrl;
  publishError?: string;
  /** Signed play URL (`channels.playUrl`). */
  play?: { url: string; expiresAt: Date };
  playError?: string;
}

export interface ChannelsState {
  prefix: string;
  pageSize: number;
  /** The marker of every page up to the current one (the first page's is ''), so "Previous" can step back. */
  markers: string[];
  page: ListLiveChannelsResult | undefined;
  loading: boolean;
  error: string | undefined;
  /** GetLiveChannelStat of the channels on the current page, by name. */
  stats: Record<string, ChannelStatView>;
  statsError: string | undefined;
  /** The channel whose URLs are shown. */
  selected: string | undefined;
  expiresInSeconds: number;
  urls: SignedUrls | undefined;

  /** The current page again, then its badges. */
  load(): Promise<void>;
  search(prefix: string): Promise<void>;
  setPageSize(size: number): Promise<void>;
  nextPage(): Promise<void>;
  previousPage(): Promise<void>;
  refreshStats(): Promise<void>;
  /** PutLiveChannel through the app (which refuses to overwrite unless told). Rejects with the ApiError. */
  create(name: string, input: LiveChannelInput, overwrite: boolean): Promise<{ created: boolean }>;
  info(name: string): Promise<LiveChannelConfig>;
  setStatus(name: string, status: ChannelStatus): Promise<void>;
  remove(name: string): Promise<void>;
  /** Shows a channel's URLs (signing them), or none. */
  select(name: string | undefined): Promise<void>;
  setExpiry(seconds: number): Promise<void>;
}

const FIRST_PAGE = [''];

/**
 * The Channels screen's state: one page of LiveChannels (prefix, page size, a stack of markers for paging), their
 * live status badges, and the signed URLs of the selected channel. Starts over when the profile in use changes.
 */
export function createChannelsStore(api: RendererApi): StoreApi<ChannelsState> {
  // Each kind of request answers only if it is still the latest of its kind (typing, paging and timers overlap).
  const latest = { list: 0, stats: 0, urls: 0 };

  const store = createStore<ChannelsState>()((set, get) => {
    const signUrls = async (): Promise<void> => {
      const { selected: channel, expiresInSeconds } = get();
      if (channel === undefined) return;
      const ticket = ++latest.urls;
      // The URLs on screen stay until their replacements arrive, so Copy buttons do not flicker away.
      const previous = get().urls;
      set({ urls: { ...(previous?.channel === channel ? previous : {}), channel, expiresInSeconds, loading: true } });
      const [publish, play] = await Promise.allSettled([
        api.invoke('channels.signPublishUrl', channel, { expiresInSeconds }),
        api.invoke('channels.playUrl', channel, { expiresInSeconds }),
      ]);
      if (ticket !== latest.urls) return;
      set({
        urls: {
          channel,
          expiresInSeconds,
          loading: false,
          ...(publish.status === 'fulfilled' ? { publish: publish.value } : { publishError: errorMessage(publish.reason) }),
          ...(play.status === 'fulfilled' ? { play: play.value } : { playError: errorMessage(play.reason) }),
        },
      });
    };

    return {
      prefix: '',
      pageSize: DEFAULT_PAGE_SIZE,
      markers: FIRST_PAGE,
      page: undefined,
      loading: false,
      error: undefined,
      stats: {},
      statsError: undefined,
      selected: undefined,
      expiresInSeconds: DEFAULT_EXPIRY_SECONDS,
      urls: undefined,

      async load() {
        const { prefix, pageSize, markers } = get();
        const ticket = ++latest.list;
        set({ loading: true });
        let page: ListLiveChannelsResult;
        try {
          page = await api.invoke('channels.list', { prefix, marker: markers.at(-1) ?? '', maxKeys: pageSize });
        } catch (error) {
          if (ticket === latest.list) set({ loading: false, error: errorMessage(error) });
          return;
        }
        if (ticket !== latest.list) return;
        // The last channel of a later page was deleted: step back rather than show an empty page.
        if (page.channels.length === 0 && markers.length > 1) {
          set({ markers: markers.slice(0, -1) });
          return get().load();
        }
        const selected = get().selected;
        const stillShown = selected !== undefined && page.channels.some((channel) => channel.name === selected);
        set({ page, loading: false, error: undefined, ...(stillShown ? {} : { selected: undefined, urls: undefined }) });
        await get().refreshStats();
      },

      async search(prefix) {
        set({ prefix, markers: FIRST_PAGE });
        await get().load();
      },

      async setPageSize(pageSize) {
        set({ pageSize, markers: FIRST_PAGE });
        await get().load();
      },

      async nextPage() {
        const { page, markers } = get();
        if (!page?.isTruncated || !page.nextMarker) return;
        set({ markers: [...markers, page.nextMarker] });
        await get().load();
      },

      async previousPage() {
        const { markers } = get();
        if (markers.length <= 1) return;
        set({ markers: markers.slice(0, -1) });
        await get().load();
      },

      async refreshStats() {
        const names = get().page?.channels.map((channel) => channel.name) ?? [];
        const ticket = ++latest.stats;
        if (names.length === 0) {
          set({ stats: {}, statsError: undefined });
          return;
        }
        try {
          const views = await api.invoke('channels.stats', names);
          if (ticket === latest.stats) set({ stats: Object.fromEntries(views.map((view) => [view.name, view])), statsError: undefined });
        } catch (error) {
          if (ticket === latest.stats) set({ statsError: errorMessage(error) });
        }
      },

      async create(name, input, overwrite) {
        const { created } = await api.invoke('channels.create', name, input, { overwrite });
        await get().load();
        // Replaced configuration (playlist name) changes the URLs.
        if (get().selected === name) await signUrls();
        return { created };
      },

      info: (name) => api.invoke('channels.info', name),

      async setStatus(name, status) {
        await api.invoke('channels.setStatus', name, status);
        await get().load();
      },

      async remove(name) {
        await api.invoke('channels.delete', name);
        if (get().selected === name) set({ selected: undefined, urls: undefined });
        await get().load();
      },

      async select(name) {
        latest.urls++;
        set({ selected: name, urls: undefined });
        await signUrls();
      },

      async setExpiry(expiresInSeconds) {
        set({ expiresInSeconds });
        await signUrls();
      },
    };
  });

  // Another profile means another bucket: nothing on screen is valid any more.
  api.on('profiles.changed', () => {
    const hadPage = store.getState().page !== undefined;
    latest.list++;
    latest.stats++;
    latest.urls++;
    store.setState({ markers: FIRST_PAGE, page: undefined, stats: {}, error: undefined, statsError: undefined, selected: undefined, urls: undefined });
    if (hadPage) void store.getState().load();
  });
  return store;
}
