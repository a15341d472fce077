import { CHANNEL_DEFAULTS } from '../../shared/live-channel';
import type { ObsController } from '../obs';
import { withTimeout } from '../util/with-timeout';
import type { MonitorOptions } from './monitor';

/** How long reading the encoder may delay a monitor's start. */
const ENCODER_CHECK_MS = 3_000;

/**
 * OBS's codecs from a preflight of its profile, so the codec alert needs no OSS media; undefined when OBS cannot say
 * within a few seconds (the alert then waits for what OSS reports).
 */
export async function readObsEncoder(obs: Pick<ObsController, 'connect' | 'preflight'>): Promise<MonitorOptions['encoder']> {
  const check = async (): Promise<NonNullable<MonitorOptions['encoder']>> => {
    await obs.connect();
    // Only the keyframe check depends on FragDuration, not the codecs, so the default one serves.
    const report = await obs.preflight(CHANNEL_DEFAULTS.fragDuration);
    return { videoCodec: report.videoCodec, audioCodec: report.audioCodec };
  };
  return withTimeout(check(), ENCODER_CHECK_MS, () => new Error('no answer')).catch(() => undefined);
}
