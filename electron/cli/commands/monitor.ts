import type { WriteStream } from 'node:tty';

import type { TimelinePoint } from '../../../shared/monitor';
import { validateChannelName } from '../../../shared/validation';
import { Monitor } from '../../monitor';
import type { MonitorView } from '../../monitor/terminal-view';
import { dashboardLines, jsonSample, monitorView, plainAlertLine, plainSampleLine } from '../../monitor/terminal-view';
import type { BroadcastHistory } from '../../history';
import { aborted } from '../aborted';
import type { Command } from '../command';
import { broadcastServicesFor } from '../client-for';
import { integerOption } from '../options';

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
    "'oss-live golive' recorded in the local history. Exits 0 on Ctrl-C or SIGTERM.",
  options: {
    obs: { type: 'string', value: 'URL', description: 'OBS websocket URL (default: the profile\'s, else ws://127.0.0.1:4455)' },
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
    const monitor = new Monitor({ obs, oss: client, channel, ...(urlExpiresAt ? { urlExpiresAt } : {}) });
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
    out.end(monitor);
    return undefined;
  },
};

/** The signed URL expiry of the channel's running broadcast, as go-live recorded it; undefined when none runs. */
async function runningBroadcastExpiry(history: BroadcastHistory, query: { profile: string; bucket: string; channel: string }): Promise<Date | undefined> {
  const running = (await history.list(query)).find((broadcast) => broadcast.endedAt === undefined && broadcast.urlExpiresAt);
  return running?.urlExpiresAt;
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
