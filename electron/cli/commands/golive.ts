import type { GoLiveOptions } from '../../golive';
import { DEFAULT_LIVE_TIMEOUT_MS, DEFAULT_PLANNED_DURATION_SECONDS, formatDuration, goLive, validateGoLiveOptions } from '../../golive';
import type { LiveChannelInput } from '../../../shared/live-channel';
import { ValidationError } from '../../../shared/validation';
import type { Command, OptionValues } from '../command';
import { UsageError } from '../command';
import { broadcastServicesFor } from '../client-for';
import { fields, iso } from '../format';
import { integerOption, stringOption } from '../options';
import { stepPrinter } from '../step-progress';

export const obsOption = {
  type: 'string',
  value: 'ws://HOST:PORT',
  description: "obs-websocket address (default: the profile's, else ws://127.0.0.1:4455; password from OBS_WEBSOCKET_PASSWORD or the profile)",
} as const;

export const goliveCommand: Command = {
  path: ['golive'],
  args: ['CHANNEL'],
  summary: 'go live: make sure the channel exists and is enabled, point OBS at it and start streaming',
  details:
    'Steps: check OBS (reachable, idle, H.264/AAC, keyframe interval vs FragDuration) -> make sure the channel\n' +
    'exists (created when missing, never overwritten) -> enable it -> sign the ingest URL -> save your OBS stream\n' +
    'settings -> point OBS at the channel -> start -> wait until OBS reports the stream started and OSS reports the\n' +
    'channel Live. Exits 0 with OBS streaming. If a step fails (or on Ctrl-C) everything done so far is put back and\n' +
    "it exits 1. 'oss-live stop CHANNEL' (from any terminal) stops OBS and restores your settings.\n" +
    `The URL expires after the planned duration (default ${formatDuration(DEFAULT_PLANNED_DURATION_SECONDS)}) plus OBS's reconnect budget,\n` +
    'unless --expires says otherwise. --frag-duration/--frag-count only apply when the channel is created.',
  options: {
    obs: obsOption,
    expires: { type: 'string', value: 'SECONDS', description: "lifetime of the signed ingest URL (default: planned duration + OBS's reconnect budget)" },
    playlist: { type: 'string', value: 'P.m3u8', description: "playlist name for this session (default: the channel's)" },
    planned: { type: 'string', value: 'SECONDS', description: `planned broadcast length (default ${DEFAULT_PLANNED_DURATION_SECONDS})` },
    'live-timeout': { type: 'string', value: 'SECONDS', description: `longest wait for OSS to report Live (default ${DEFAULT_LIVE_TIMEOUT_MS / 1000})` },
    'frag-duration': { type: 'string', value: 'S', description: 'segment length for a channel created by this run, 1-100' },
    'frag-count': { type: 'string', value: 'N', description: 'playlist length for a channel created by this run, 1-100' },
  },
  connects: true,
  async run({ args: [channel = ''], values, env, json, stdout, signal }) {
    const options = goLiveOptions(channel, values, signal);
    validateWithFlagNames(options); // bad input fails before anything is connected to
    const services = await broadcastServicesFor(values, env);
    try {
      const result = await goLive(services.deps, options, json ? undefined : stepPrinter(stdout));
      const { url } = result;
      const text = [
        `Live: channel ${channel} (profile ${services.deps.profile}, bucket ${services.deps.bucket}); OBS keeps streaming.`,
        fields([
          ['play', result.playUrl],
          ['ingest', `${url.server} (stream key not shown; --json has it)`],
          ['expires', `${iso(url.expiresAt)} (in ${formatDuration(Math.round((url.expiresAt.getTime() - Date.now()) / 1000))})`],
          ['stop', `oss-live stop ${channel}`],
        ]),
        ...result.warnings.map((warning) => `warning: ${warning}`),
      ].join('\n');
      return { data: result, text };
    } finally {
      await services.close();
    }
  },
};

/** Option fields as the flags that set them, so a usage error names what the user typed. */
const FLAG_FOR_FIELD: Record<string, string> = {
  expiresInSeconds: '--expires',
  plannedDurationSeconds: '--planned',
  playlistName: '--playlist',
  liveTimeoutMs: '--live-timeout',
  fragDuration: '--frag-duration',
  fragCount: '--frag-count',
};

function validateWithFlagNames(options: GoLiveOptions): void {
  try {
    validateGoLiveOptions(options);
  } catch (error) {
    const flag = error instanceof ValidationError ? FLAG_FOR_FIELD[error.field] : undefined;
    if (error instanceof ValidationError && flag) throw new UsageError(flag, error.rule);
    throw error;
  }
}

function goLiveOptions(channel: string, values: OptionValues, signal: AbortSignal): GoLiveOptions {
  // Negative values pass here on purpose: goLive rejects an expiry in the past with its own message.
  const expiresInSeconds = integerOption(values, 'expires');
  const plannedDurationSeconds = integerOption(values, 'planned', 1);
  const liveTimeout = integerOption(values, 'live-timeout', 1);
  const playlistName = stringOption(values, 'playlist');
  const fragDuration = integerOption(values, 'frag-duration');
  const fragCount = integerOption(values, 'frag-count');
  if ((fragDuration === undefined) !== (fragCount === undefined)) {
    throw new UsageError(fragDuration === undefined ? '--frag-duration' : '--frag-count', 'give --frag-duration and --frag-count together');
  }
  const create: LiveChannelInput = fragDuration === undefined ? {} : { fragDuration, fragCount };
  return {
    channel,
    signal,
    create,
    ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }),
    ...(plannedDurationSeconds === undefined ? {} : { plannedDurationSeconds }),
    ...(liveTimeout === undefined ? {} : { liveTimeoutMs: liveTimeout * 1000 }),
    ...(playlistName === undefined ? {} : { playlistName }),
  };
}
