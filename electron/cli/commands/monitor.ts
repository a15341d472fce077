import type { WriteStream } from 'node:tty';

import type { HealthSummary, TimelinePoint } from '../../../shared/monitor';
import { validateChannelName } from '../../../shared/validation';
import { Monitor, readObsEncoder } from '../../monitor';
import type { MonitorView } from '../../monitor/terminal-view';
import { dashboardLines, jsonSample, monitorView, plainAlertLine, plainSampleLine } from '../../monitor/terminal-view';
import type { BroadcastHistory } from '../../history';
import { aborted } from '../aborted';
import type { Command } from '../command';
import { broadcastServicesFor } from '../client-for';
import { integerOption } from '../options';
import { obsOption } from './golive';

export const monitorCommand: Command = {
  path: ['monitor'],
  args: ['CHANNEL'],
  summary: 'watch OBS and OSS on one timeline, with alerts, until Ctrl-C',
  details:
    'A dashboard redrawn in place on a terminal (plain appended lines otherwise). With --json prints one JSON\n' +
    'object per line: {"type":"sample", at, side, obs, oss, state, alerts} for every reading, and\n' +
    '{"type":"summary", summary} on exit. OBS bitrate and OSS bandwidth are in kbit/s. OBS is reached at --obs,\n' +
    "else the profile's address, else ws://127.0.0.1:4455; its password comes from OBS_WEBSOCKET_PASSWORD or the\n" +
    "profile. The signed URL's expiry (for the warnings) comes from --expires-at, else from the broadcast\n" +
    "'oss-live golive' recorded in the local history. On exit the health summary goes into that broadcast's\n" +
    "history entry ('oss-live stop' keeps it when it records the end). Exits 0 on Ctrl-C or SIGTERM.",
  options: {
    obs: obsOption,
    'expires-at': { type: 'string', value: 'UNIX', description: 'expiry of the signed ingest URL, to warn before it (Unix seconds)' },
  },
  connects: true,
  async run({ args: [channel = ''], values, env, json, stdout, stderr, signal }) {
    validateChannelName(channel);
    const expiresAtFlag = integerOption(values, 'expires-at', 1);
    const services = await broadcastServicesFor(values, env);
    const { client, obs, deps } = services;
    let urlExpiresAt = expiresAtFlag === undefined ? undefined : new Date(expiresAtFlag * 1000);
    if (!urlExpiresAt && deps.history) {
      try {
        urlExpiresAt = await runningBroadcastExpiry(deps.history, { profile: deps.profile, bucket: deps.bucket, channel });
      } catch (error) {
        // Monitoring is still worth having; say why the expiry warnings are off.
        stderr.write(`Warning: no URL expiry warnings, the local history could not be read: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    const encoder = await readObsEncoder(obs);
    const monitor = new Monitor({ obs, oss: client, channel, ...(urlExpiresAt ? { urlExpiresAt } : {}), ...(encoder ? { encoder } : {}) });
    const out = outputFor(stdout, json);
    const view = (): MonitorView => monitorView(channel, monitor.timeline(), monitor.state());
    monitor.on('sample', (point) => out.sample(point, view()));
    monitor.on('alert', (change) => out.line(plainAlertLine(change), 'alert'));
    if (!signal.aborted) {
      monitor.start();
      await aborted(signal);
    }
    await monitor.stop();
    await services.close();
    if (deps.history) {
      await saveHealth(deps.history, { profile: deps.profile, bucket: deps.bucket, channel }, monitor.summary()).catch((error: unknown) => {
        stderr.write(`Warning: the health summary could not be saved in the local history: ${error instanceof Error ? error.message : String(error)}\n`);
      });
    }
    out.end(monitor);
    return undefined;
  },
};

interface ChannelQuery {
  profile: string;
  bucket: string;
  channel: string;
}

/**
 * The signed URL expiry of the channel's running broadcast, as go-live recorded it; undefined when none runs. Only
 * the newest broadcast of the app counts: an older one left open (its end never recorded) is not running.
 */
async function runningBroadcastExpiry(history: BroadcastHistory, query: ChannelQuery): Promise<Date | undefined> {
  const newest = (await history.list(query)).find((broadcast) => broadcast.source !== 'oss');
  return newest?.endedAt === undefined ? newest?.urlExpiresAt : undefined;
}

/**
 * Puts the summary into the broadcast the history has open for the channel, where `oss-live stop` (another process)
 * finds it when it records the end: the same place the app's own monitor's summary ends up.
 */
async function saveHealth(history: BroadcastHistory, query: ChannelQuery, summary: HealthSummary): Promise<void> {
  // A monitor that never saw the broadcast live knows nothing about it and must not replace a summary that does.
  if (summary.durationSeconds === 0 && summary.ossLiveSeconds === 0) return;
  await history.recordSessionHealth({ ...query, health: summary, at: new Date() });
}

interface Output {
  sample(point: TimelinePoint, view: MonitorView): void;
  /** An event line (alert changes); the dashboard shows alerts itself, so it ignores these. */
  line(text: string, kind: 'alert'): void;
  end(monitor: Monitor): void;
}

function outputFor(stdout: NodeJS.WritableStream, json: boolean): Output {
  const write = (text: string): void => void stdout.write(`${text}\n`);
  if (json) {
    return {
      // One write per object, so each line is flushed whole as it happens.
      sample: (point, view) => write(JSON.stringify(jsonSample(point, view))),
      line: () => undefined,
      end: (monitor) => write(JSON.stringify({ type: 'summary', summary: monitor.summary() })),
    };
  }
  const tty = stdout as Partial<WriteStream>;
  if (tty.isTTY !== true) {
    return {
      sample: (point, view) => write(plainSampleLine(point, view)),
      line: (text) => write(text),
      end: (monitor) => write(summaryText(monitor)),
    };
  }
  let drawn = 0;
  return {
    sample: (_point, view) => {
      const width = Math.max(20, tty.columns ?? 100);
      const lines = dashboardLines(view).map((line) => (line.length > width ? `${line.slice(0, width - 1)}…` : line));
      // Up over the previous frame, clear to the end of the screen, draw the new one; cursor hidden meanwhile.
      stdout.write(`${drawn > 0 ? `\x1b[${drawn}F` : '\x1b[?25l'}\x1b[J${lines.join('\n')}\n`);
      drawn = lines.length;
    },
    line: () => undefined,
    end: (monitor) => write(`\x1b[?25h${summaryText(monitor)}`),
  };
}

function summaryText(monitor: Monitor): string {
  const s = monitor.summary();
  const number = (value: number | null, digits = 0): string => (value === null ? '–' : value.toFixed(digits));
  const alerts = Object.entries(s.alertCounts).map(([id, count]) => `${id}×${count}`).join(', ') || 'none';
  return (
    `Summary: ${s.durationSeconds.toFixed(0)} s live, bitrate avg ${number(s.avgBitrateKbps)} / min ${number(s.minBitrateKbps)} kbit/s, ` +
    `dropped ${number(s.droppedFramesPercent, 1)} %, ${s.reconnectCount} reconnect(s), OSS Live ${s.ossLiveSeconds.toFixed(0)} s, alerts: ${alerts}`
  );
}
