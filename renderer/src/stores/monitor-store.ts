import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { ApiEvents, MonitorSnapshot, RendererApi } from '../../../shared/api';
import type { Alert, MonitorState, ObsPoint, OssPoint, TimelinePoint } from '../../../shared/monitor';
import { errorMessage } from '../api/api-error';
import type { TimelineWindow } from '../components/monitor/timeline-window';
import { appendPoint, createTimelineWindow, windowFrom } from '../components/monitor/timeline-window';

/** What GetLiveChannelStat says about the publisher, which the monitor's timeline points do not carry. */
export interface OssDetails {
  connectedTime: Date;
  remoteAddr: string;
  audioSampleRate: number | undefined;
}

export interface Reading<P> {
  at: Date;
  point: P;
}

export interface PreviewSource {
  /** Relative to the page (`media/<channel>/<playlist>`): resolve against `document.baseURI`. */
  url: string;
  fragDurationSeconds: number;
}

export type WatchStatus = 'idle' | 'starting' | 'watching' | 'failed';

export interface MonitorStoreState {
  channels: string[];
  channelsError: string | undefined;
  channel: string | undefined;
  status: WatchStatus;
  error: string | undefined;
  state: MonitorState;
  /** The newest reading of each side. */
  obs: Reading<ObsPoint> | undefined;
  oss: Reading<OssPoint> | undefined;
  ossDetails: OssDetails | undefined;
  /** Active and cleared alerts, newest first (cleared ones are history, kept up to {@link MAX_ALERTS}). */
  alerts: Alert[];
  /** The charts' data, mutated in place; `revision` counts its changes (subscribe to that, not to the window). */
  timeline: TimelineWindow;
  revision: number;
  preview: PreviewSource | undefined;
  /**
   * 0 while OSS does not report the channel Live; a new number each time it goes Live, so the preview starts afresh
   * for each publish (and never plays an old playlist of an idle channel).
   */
  previewSession: number;

  /** Loads the channels and watches the live one (else the one watched before, else the first). */
  open(): Promise<void>;
  watch(channel: string): Promise<void>;
  /** Stops watching (leaving the screen): the main process stops sampling. */
  unwatch(): Promise<void>;
}

export const MAX_ALERTS = 50;

const UNKNOWN_STATE: MonitorState = { obs: 'unknown', oss: 'unknown', activeAlerts: [] };

type ChannelView = Pick<MonitorStoreState, 'state' | 'obs' | 'oss' | 'ossDetails' | 'alerts' | 'timeline' | 'preview' | 'previewSession'>;

/** What the screen knows of a channel before its first reading: at start, and again for each channel watched. */
const emptyChannelView = (): ChannelView => ({
  state: UNKNOWN_STATE,
  obs: undefined,
  oss: undefined,
  ossDetails: undefined,
  alerts: [],
  timeline: createTimelineWindow(),
  preview: undefined,
  previewSession: 0,
});

const alertKey = (alert: Alert): string => `${alert.id}@${alert.raisedAt.getTime()}`;

/** The alert list after a raise or a clear: the same alert (id and raise time) is replaced, a new one goes first. */
export function foldAlert(alerts: readonly Alert[], alert: Alert, max = MAX_ALERTS): Alert[] {
  const key = alertKey(alert);
  if (alerts.some((existing) => alertKey(existing) === key)) return alerts.map((existing) => (alertKey(existing) === key ? alert : existing));
  return [alert, ...alerts].slice(0, max);
}

function latest<K extends 'obs' | 'oss'>(points: readonly TimelinePoint[], side: K): Reading<NonNullable<TimelinePoint[K]>> | undefined {
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const point = points[i];
    const value = point?.[side];
    if (point && value) return { at: point.at, point: value as NonNullable<TimelinePoint[K]> };
  }
  return undefined;
}

const pointKey = (point: TimelinePoint): string => `${point.at.getTime()}|${point.obs ? 'o' : ''}${point.oss ? 's' : ''}`;

/**
 * The Monitor screen's state: which channel is watched, the newest OBS and OSS readings, the alerts and a bounded
 * chart window fed by `monitor.point` events. Cheap at 1 Hz: a point mutates the window and bumps a counter (the
 * charts redraw imperatively), and panels select only the slice they show.
 */
export function createMonitorStore(api: RendererApi): StoreApi<MonitorStoreState> {
  /** Bumped by every open/watch/unwatch: answers for an older one are dropped. */
  let generation = 0;
  let listeners: Array<() => void> = [];
  /** monitor.watch/unwatch in the order they were asked for (the main process would race them otherwise). */
  let queue: Promise<unknown> = Promise.resolve();
  let liveCount = 0;
  let lastKnownOss: MonitorState['oss'] = 'unknown';
  let detailsKey = '';
  let latestDetails = 0;

  const serial = <T>(call: () => Promise<T>): Promise<T> => {
    const run = queue.then(call, call);
    queue = run.catch(() => undefined);
    return run;
  };

  const detach = (): void => {
    for (const off of listeners) off();
    listeners = [];
  };

  return createStore<MonitorStoreState>()((set, get) => {
    /** OSS went Live (a new preview session) or stopped being Live (no preview). Unknown keeps what was. */
    const followOss = (oss: MonitorState['oss']): number | undefined => {
      if (oss === 'unknown' || oss === lastKnownOss) return undefined;
      lastKnownOss = oss;
      return oss === 'Live' ? ++liveCount : 0;
    };

    /** Connection time, address and audio rate: fetched when what OSS reports changes shape, not at every point. */
    const followDetails = (channel: string, oss: OssPoint | undefined, ticket: number): void => {
      const live = oss?.reachable === true && oss.status === 'Live';
      const key = live ? `Live|${oss.videoCodec ?? ''}|${oss.audioCodec ?? ''}` : 'not-live';
      if (oss && !oss.reachable) return; // unknown: keep what was shown
      if (key === detailsKey) return;
      detailsKey = key;
      const request = ++latestDetails;
      if (!live) return set({ ossDetails: undefined });
      api.invoke('channels.stats', [channel]).then(
        ([view]) => {
          // Only the newest answer counts: an older one may predate the audio's arrival.
          if (ticket !== generation || request !== latestDetails || !view || !('stat' in view) || view.stat.status !== 'Live') return;
          const { connectedTime, remoteAddr, audio } = view.stat;
          set({ ossDetails: { connectedTime, remoteAddr, audioSampleRate: audio?.sampleRate } });
        },
        () => undefined, // the panel then shows what the timeline knows
      );
    };

    const applyPoint = (event: ApiEvents['monitor.point'], ticket: number): void => {
      const { timeline, revision } = get();
      appendPoint(timeline, event.point);
      const session = followOss(event.state.oss);
      set({
        revision: revision + 1,
        state: event.state,
        ...(event.point.obs ? { obs: { at: event.point.at, point: event.point.obs } } : {}),
        ...(event.point.oss ? { oss: { at: event.point.at, point: event.point.oss } } : {}),
        ...(session === undefined ? {} : { previewSession: session }),
      });
      if (event.point.oss) followDetails(event.channel, event.point.oss, ticket);
    };

    const seed = (snapshot: MonitorSnapshot, ticket: number): void => {
      lastKnownOss = 'unknown';
      detailsKey = '';
      const oss = latest(snapshot.timeline, 'oss');
      const session = followOss(snapshot.state.oss);
      set({
        timeline: windowFrom(snapshot.timeline),
        revision: get().revision + 1,
        state: snapshot.state,
        obs: latest(snapshot.timeline, 'obs'),
        oss,
        alerts: [...snapshot.alerts].sort((a, b) => b.raisedAt.getTime() - a.raisedAt.getTime()),
        previewSession: session ?? 0,
      });
      followDetails(snapshot.channel, oss?.point, ticket);
    };

    const loadPreview = async (channel: string, ticket: number): Promise<void> => {
      try {
        const info = await api.invoke('channels.info', channel);
        const { url } = await api.invoke('channels.previewUrl', channel, info.target.playlistName);
        if (ticket === generation) set({ preview: { url, fragDurationSeconds: info.target.fragDuration } });
      } catch {
        // No preview for a channel OSS does not know; the watch itself reports what is wrong.
      }
    };

    const watchChannel = async (channel: string, ticket: number): Promise<void> => {
      detach();
      set({ channel, status: 'starting', error: undefined, ...emptyChannelView(), revision: get().revision + 1 });
      // Listen first, so nothing is lost between the snapshot and the first event; hold events until it arrives.
      let pending: Array<ApiEvents['monitor.point']> | undefined = [];
      listeners = [
        api.on('monitor.point', (event) => {
          if (event.channel !== channel || ticket !== generation) return;
          if (pending) pending.push(event);
          else applyPoint(event, ticket);
        }),
        api.on('monitor.alert', (event) => {
          if (event.channel === channel && ticket === generation) set({ alerts: foldAlert(get().alerts, event.alert) });
        }),
      ];
      void loadPreview(channel, ticket);
      try {
        const snapshot = await serial(async () => (ticket === generation ? api.invoke('monitor.watch', channel) : undefined));
        if (!snapshot || ticket !== generation) return;
        seed(snapshot, ticket);
        const seen = new Set(snapshot.timeline.slice(-20).map(pointKey));
        const held = pending;
        pending = undefined;
        for (const event of held) if (!seen.has(pointKey(event.point))) applyPoint(event, ticket);
        set({ status: 'watching' });
      } catch (error) {
        if (ticket === generation) set({ status: 'failed', error: errorMessage(error) });
      }
    };

    return {
      channels: [],
      channelsError: undefined,
      channel: undefined,
      status: 'idle',
      error: undefined,
      ...emptyChannelView(),
      revision: 0,

      async open() {
        const ticket = ++generation;
        let live: string | undefined;
        try {
          const [list, status] = await Promise.all([api.invoke('channels.list', {}), api.invoke('golive.status')]);
          if (ticket !== generation) return;
          live = status.channel;
          const names = list.channels.map((channel) => channel.name);
          if (live !== undefined && !names.includes(live)) names.unshift(live);
          set({ channels: names, channelsError: undefined });
        } catch (error) {
          if (ticket !== generation) return;
          set({ channelsError: errorMessage(error) });
        }
        const chosen = live ?? get().channel ?? get().channels[0];
        if (chosen !== undefined) await watchChannel(chosen, ticket);
      },

      watch: (channel) => watchChannel(channel, ++generation),

      async unwatch() {
        generation += 1;
        detach();
        set({ status: 'idle' });
        await serial(() => api.invoke('monitor.unwatch')).catch(() => undefined);
      },
    };
  });
}
