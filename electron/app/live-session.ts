import type { BroadcastStatus, MonitorSnapshot } from '../../shared/api';
import type { GoLiveRequest, GoLiveResult, GoLiveStep, StopRequest, StopResult } from '../../shared/golive';
import type { EventHub } from '../api/event-hub';
import { goLive, stopBroadcast } from '../golive';
import { Monitor, readObsEncoder } from '../monitor';
import { OssError } from '../oss';
import type { BroadcastServices } from '../services';

/**
 * The app's one broadcast and its monitor: go-live runs one at a time (a second press is refused, not queued), the
 * monitor follows whichever channel the user watches, and stop hands the monitor's health summary to the history.
 * Progress and samples go out as events, so every open window (and an OBS dock) sees the same run.
 */
export class LiveSession {
  private run: { controller: AbortController; channel: string; steps: GoLiveStep[] } | undefined;
  private active: { channel: string; startedAt: Date; urlExpiresAt: Date; steps: GoLiveStep[] } | undefined;
  private watching: { channel: string; monitor: Monitor; unsubscribe: Array<() => void> } | undefined;

  constructor(
    private readonly events: EventHub,
    private readonly services: () => Promise<BroadcastServices>,
  ) {}

  async start(request: GoLiveRequest): Promise<GoLiveResult> {
    if (this.run) {
      throw new OssError({ status: 409, code: 'GoLiveInProgress', message: `Going live on '${this.run.channel}' is already in progress: wait for it or cancel it.` });
    }
    const controller = new AbortController();
    const run = { controller, channel: request.channel, steps: [] as GoLiveStep[] };
    this.run = run;
    try {
      const { deps } = await this.services();
      const result = await goLive(deps, { ...request, signal: controller.signal }, (step) => {
        run.steps = [...run.steps.filter((s) => s.id !== step.id), step];
        this.events.emit('golive.step', { phase: 'golive', step });
      });
      this.active = { channel: result.channel, startedAt: result.startedAt, urlExpiresAt: result.url.expiresAt, steps: result.steps };
      if (this.watching?.channel === result.channel) this.watching.monitor.setUrlExpiresAt(result.url.expiresAt);
      // The live channel is always monitored, screen open or not: its health summary goes into the history at stop.
      else await this.watch(result.channel).catch(() => undefined);
      return result;
    } finally {
      this.run = undefined;
    }
  }

  cancel(): void {
    this.run?.controller.abort();
  }

  async stop(request: StopRequest): Promise<StopResult> {
    const { deps } = await this.services();
    const monitor = this.watching?.channel === request.channel ? this.watching.monitor : undefined;
    const result = await stopBroadcast(deps, { ...request, health: () => monitor?.summary() }, (step) =>
      this.events.emit('golive.step', { phase: 'stop', step }),
    );
    if (this.active?.channel === request.channel) {
      this.active = undefined;
      await this.unwatch();
    }
    return result;
  }

  status(): BroadcastStatus {
    if (this.run) return { active: false, channel: this.run.channel, steps: this.run.steps };
    if (!this.active) return { active: false, steps: [] };
    return { active: true, ...this.active };
  }

  /** Starts (or keeps) a monitor on `channel`; a monitor on another channel is stopped first. */
  async watch(channel: string): Promise<MonitorSnapshot> {
    if (this.watching?.channel !== channel) {
      await this.unwatch();
      const { obs, client } = await this.services();
      const monitor = new Monitor({
        obs,
        oss: client,
        channel,
        ...(this.active?.channel === channel ? { urlExpiresAt: this.active.urlExpiresAt } : {}),
      });
      // The screen gets its first readings at once; the encoder's codecs join when OBS has told them.
      void readObsEncoder(obs).then((encoder) => encoder && monitor.setEncoder(encoder));
      const unsubscribe = [
        monitor.on('sample', (point) => this.events.emit('monitor.point', { channel, point, state: monitor.state() })),
        monitor.on('alert', (change) => this.events.emit('monitor.alert', { channel, alert: change.alert })),
      ];
      monitor.start();
      this.watching = { channel, monitor, unsubscribe };
    }
    const { monitor } = this.watching;
    return { channel, state: monitor.state(), timeline: monitor.timeline(), alerts: monitor.activeAlerts() };
  }

  /** A screen stopped looking. The live channel's monitor keeps running until the broadcast stops. */
  async release(): Promise<void> {
    if (this.watching && this.watching.channel !== this.active?.channel) await this.unwatch();
  }

  async unwatch(): Promise<void> {
    const watching = this.watching;
    this.watching = undefined;
    if (!watching) return;
    for (const off of watching.unsubscribe) off();
    await watching.monitor.stop();
  }

  /** The profile changed: its OBS and OSS are not ours to watch any more. A running broadcast keeps running in OBS. */
  async reset(): Promise<void> {
    this.cancel();
    this.active = undefined;
    await this.unwatch();
  }
}
