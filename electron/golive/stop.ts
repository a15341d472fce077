/**
 * Stop: stop OBS → put the user's OBS settings back from the snapshot go-live saved (then delete it) → optionally
 * disable the channel → record the end in the history. It needs nothing from the go-live process (everything it
 * uses is on disk, in OBS or in OSS), so it works from another process and after a crash, and running it twice is
 * harmless: the second run finds nothing to do and says so.
 */
import { STOP_STEP_IDS } from '../../shared/golive';
import type { LocalizedText } from '../../shared/messages';
import { msg, renderMessage, verbatim } from '../../shared/messages';
import { validateChannelName } from '../../shared/validation';
import type { StreamServiceSnapshot } from '../obs';
import { GoLiveError, StepFailure, errorText, sleep, throwIfCancelled } from './errors';
import { pointsAt } from './snapshot-store';
import type { SavedObsSettings } from './snapshot-store';
import { StepTracker } from './step-tracker';
import type { StepNote } from './step-tracker';
import type { GoLiveDeps, StepListener, StopOptions, StopResult, StopStepId } from './types';

export const STOP_STEPS: ReadonlyArray<readonly [StopStepId, LocalizedText]> = STOP_STEP_IDS.map((id) => [id, msg(`steps.stop.${id}`)]);

/** Runs stop. Rejects with a {@link GoLiveError} naming the failed step (nothing is undone: stopping is the undo). */
export async function stopBroadcast(deps: GoLiveDeps, options: StopOptions, onStep?: StepListener<StopStepId>): Promise<StopResult> {
  validateChannelName(options.channel);
  const steps = new StepTracker(STOP_STEPS, onStep, deps.now);
  const warnings: StepNote[] = [];
  const result = { stoppedStream: false, restored: false, disabled: false };
  const { obs, oss, snapshots, obsUrl, history } = deps;
  const { channel, signal } = options;
  const now = deps.now ?? (() => new Date());
  let current: StopStepId | undefined;
  const run = async (id: StopStepId, body: () => Promise<{ state: 'done' | 'skipped'; message: StepNote }>): Promise<void> => {
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
      if (!status.active && !status.reconnecting) return { state: 'skipped', message: msg('stop.obsNotStreaming') };
      const ours = (saved !== undefined && pointsAt(service, saved.target)) || (await pointsAtChannel(deps, service, channel));
      if (!ours) {
        throw new StepFailure(msg('stop.notOurStream', { destination: describeService(service), channel }));
      }
      await obs.stopStream();
      result.stoppedStream = true;
      // OSS notices the publisher left a moment later; a go-live right after would otherwise find it still Live.
      if (await ossLetGo(deps, channel, signal)) return { state: 'done', message: msg('stop.stoppedAndReleased') };
      warnings.push(msg('stop.ossStillLive', { channel, seconds: OSS_RELEASE_TIMEOUT_MS / 1000 }));
      return { state: 'done', message: msg('stop.stopped') };
    });

    await run('restore', async () => {
      if (!saved) return { state: 'skipped', message: msg('stop.noSnapshot') };
      const file = snapshots.fileFor(obsUrl);
      if (!service || !pointsAt(service, saved.target)) {
        // The user re-pointed OBS since go-live; their newer choice wins over the old snapshot.
        await snapshots.remove(obsUrl);
        return { state: 'skipped', message: msg('stop.repointed', { file }) };
      }
      await obs.restoreStreamService(saved.service);
      await snapshots.remove(obsUrl);
      result.restored = true;
      if (saved.channel !== channel) warnings.push(msg('stop.snapshotOfOtherChannel', { channel: saved.channel }));
      return { state: 'done', message: msg('stop.restored', { serviceType: saved.service.streamServiceType, savedAt: saved.savedAt.toISOString() }) };
    });

    await run('disable', async () => {
      if (!options.disable) return { state: 'skipped', message: msg('stop.staysEnabled') };
      await oss.putLiveChannelStatus(channel, 'disabled', { ...(signal ? { signal } : {}) });
      result.disabled = true;
      return { state: 'done', message: msg('stop.channelDisabled', { channel }) };
    });

    await run('record-end', async () => {
      if (!history) return { state: 'skipped', message: msg('stop.noHistory') };
      let ended: boolean;
      try {
        const health = options.health?.();
        // Whether or not this run stopped the stream: after OBS crashed there is nothing to stop, yet the broadcast
        // the history has open for the channel is over.
        ended = await history.recordSessionEnd({ profile: deps.profile, bucket: deps.bucket, channel, endedAt: now(), ...(health ? { health } : {}) });
      } catch (error) {
        warnings.push(msg('stop.historyNotRecorded', { error: errorText(error) }));
        return { state: 'skipped', message: msg('stop.historyNotWritten') };
      }
      if (!ended) return { state: 'skipped', message: msg('stop.noOpenBroadcast', { channel }) };
      return { state: 'done', message: msg(result.stoppedStream ? 'stop.endRecorded' : 'stop.endRecordedAfterObsStopped') };
    });
  } catch (error) {
    const failed = current ?? 'stop-stream';
    const reason = errorText(error);
    steps.fail(failed, reason);
    throw new GoLiveError(failed, msg('stop.failedAt', { step: steps.labelTextOf(failed), reason }), steps.steps, { cause: error });
  }
  const warningTexts = warnings.map((warning) => (typeof warning === 'string' ? verbatim(warning) : warning));
  return { channel, ...result, steps: steps.steps, warnings: warningTexts.map((text) => renderMessage(text)), warningTexts };
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
function describeService(service: StreamServiceSnapshot): LocalizedText | string {
  const settings = service.streamServiceSettings as Record<string, unknown>;
  if (typeof settings.server === 'string') return settings.server;
  if (typeof settings.service === 'string') return settings.service;
  return msg('stop.serviceOfType', { type: service.streamServiceType });
}
