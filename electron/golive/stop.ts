/**
 * Stop: stop OBS → put the user's OBS settings back from the snapshot go-live saved (then delete it) → optionally
 * disable the channel → record the end in the history. It needs nothing from the go-live process (everything it
 * uses is on disk, in OBS or in OSS), so it works from another process and after a crash, and running it twice is
 * harmless: the second run finds nothing to do and says so.
 */
import { validateChannelName } from '../../shared/validation';
import type { StreamServiceSnapshot } from '../obs';
import { GoLiveError, describeError, sleep, throwIfCancelled } from './errors';
import { pointsAt } from './snapshot-store';
import type { SavedObsSettings } from './snapshot-store';
import { StepTracker } from './step-tracker';
import type { GoLiveDeps, StepListener, StopOptions, StopResult, StopStepId } from './types';

export const STOP_STEPS: ReadonlyArray<readonly [StopStepId, string]> = [
  ['stop-stream', 'Stop the stream in OBS'],
  ['restore', 'Put your OBS stream settings back'],
  ['disable', 'Disable the channel'],
  ['record-end', 'Record the end in the history'],
];

/** Runs stop. Rejects with a {@link GoLiveError} naming the failed step (nothing is undone: stopping is the undo). */
export async function stopBroadcast(deps: GoLiveDeps, options: StopOptions, onStep?: StepListener<StopStepId>): Promise<StopResult> {
  validateChannelName(options.channel);
  const steps = new StepTracker(STOP_STEPS, onStep, deps.now);
  const warnings: string[] = [];
  const result = { stoppedStream: false, restored: false, disabled: false };
  const { obs, oss, snapshots, obsUrl, history } = deps;
  const { channel, signal } = options;
  const now = deps.now ?? (() => new Date());
  let current: StopStepId | undefined;
  const run = async (id: StopStepId, body: () => Promise<{ state: 'done' | 'skipped'; message: string }>): Promise<void> => {
    throwIfCancelled(signal);
    current = id;
    steps.start(id);
    const outcome = await body();
    if (outcome.state === 'done') steps.done(id, outcome.message);
    else steps.skip(id, outcome.message);
  };

  try {
    let saved: SavedObsSettings | undefined;
    let service: StreamServiceSnapshot | undefined;
    await run('stop-stream', async () => {
      await obs.connect();
      saved = await snapshots.read(obsUrl);
      service = await obs.getStreamService();
      const status = await obs.getStreamStatus();
      if (!status.active && !status.reconnecting) return { state: 'skipped', message: 'OBS was not streaming.' };
      const ours = (saved !== undefined && pointsAt(service, saved.target)) || (await pointsAtChannel(deps, service, channel));
      if (!ours) {
        throw new Error(
          `OBS is streaming to ${describeService(service)}, not to channel "${channel}", so it was left running. ` +
            'Stop it in OBS if you meant to.',
        );
      }
      await obs.stopStream();
      result.stoppedStream = true;
      // OSS notices the publisher left a moment later; a go-live right after would otherwise find it still Live.
      if (await ossLetGo(deps, channel, signal)) return { state: 'done', message: 'OBS stopped streaming and OSS no longer reports the channel Live.' };
      warnings.push(`OSS still reported channel "${channel}" Live ${OSS_RELEASE_TIMEOUT_MS / 1000} s after OBS stopped; it usually notices within seconds.`);
      return { state: 'done', message: 'OBS stopped streaming.' };
    });

    await run('restore', async () => {
      if (!saved) return { state: 'skipped', message: 'No saved OBS settings: nothing to put back.' };
      const file = snapshots.fileFor(obsUrl);
      if (!service || !pointsAt(service, saved.target)) {
        // The user re-pointed OBS since go-live; their newer choice wins over the old snapshot.
        await snapshots.remove(obsUrl);
        return { state: 'skipped', message: `OBS no longer points at the go-live URL, so its current settings were kept; removed ${file}.` };
      }
      await obs.restoreStreamService(saved.service);
      await snapshots.remove(obsUrl);
      result.restored = true;
      if (saved.channel !== channel) warnings.push(`The saved OBS settings came from a session for channel "${saved.channel}"; they were put back anyway, as they are your OBS’s own.`);
      return { state: 'done', message: `Put back your ${saved.service.streamServiceType} settings saved at ${saved.savedAt.toISOString()}.` };
    });

    await run('disable', async () => {
      if (!options.disable) return { state: 'skipped', message: 'The channel stays enabled (pass --disable to disable it).' };
      await oss.putLiveChannelStatus(channel, 'disabled', { ...(signal ? { signal } : {}) });
      result.disabled = true;
      return { state: 'done', message: `Channel "${channel}" is disabled: OSS refuses any publish to it until it is enabled again.` };
    });

    await run('record-end', async () => {
      if (!result.stoppedStream || !history) return { state: 'skipped', message: 'No broadcast of this app ended.' };
      try {
        const health = options.health?.();
        await history.recordSessionEnd({ profile: deps.profile, bucket: deps.bucket, channel, endedAt: now(), ...(health ? { health } : {}) });
      } catch (error) {
        warnings.push(`The end of the broadcast could not be recorded in the local history: ${describeError(error)}`);
        return { state: 'skipped', message: 'The local history could not be written.' };
      }
      return { state: 'done', message: 'Recorded the end of the broadcast.' };
    });
  } catch (error) {
    const failed = current ?? 'stop-stream';
    const reason = describeError(error);
    steps.fail(failed, reason);
    throw new GoLiveError(failed, `Stop failed at "${steps.labelOf(failed)}": ${reason}`, steps.steps, { cause: error });
  }
  return { channel, ...result, steps: steps.steps, warnings };
}

const OSS_RELEASE_TIMEOUT_MS = 5_000;
const OSS_RELEASE_POLL_MS = 200;

/** Waits (bounded) until OSS no longer reports the channel Live; true when it does not. */
async function ossLetGo(deps: GoLiveDeps, channel: string, signal: AbortSignal | undefined): Promise<boolean> {
  const deadline = performance.now() + OSS_RELEASE_TIMEOUT_MS;
  for (;;) {
    const stat = await deps.oss.getLiveChannelStat(channel, signal ? { signal } : {}).catch(() => undefined);
    if (stat?.status !== 'Live') return true;
    if (performance.now() >= deadline) return false;
    await sleep(OSS_RELEASE_POLL_MS, signal);
  }
}

/** True when OBS's service is a custom RTMP destination for `channel` at this profile's ingest server. */
async function pointsAtChannel(deps: GoLiveDeps, service: StreamServiceSnapshot, channel: string): Promise<boolean> {
  if (service.streamServiceType !== 'rtmp_custom') return false;
  const settings = service.streamServiceSettings as Record<string, unknown>;
  // Signing is local (no request): it tells the server and the key prefix go-live would have used.
  const probe = await deps.oss.signRtmpUrlAsync(channel, { expiresInSeconds: 60 });
  const keyPrefix = `${probe.streamKey.split('?')[0] ?? ''}?`;
  return settings.server === probe.server && typeof settings.key === 'string' && settings.key.startsWith(keyPrefix);
}

/** Where OBS streams, without the key (a secret). */
function describeService(service: StreamServiceSnapshot): string {
  const settings = service.streamServiceSettings as Record<string, unknown>;
  if (typeof settings.server === 'string') return settings.server;
  if (typeof settings.service === 'string') return settings.service;
  return `a ${service.streamServiceType} service`;
}
