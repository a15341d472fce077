/**
 * The {@link GoLiveObs} port over the real `ObsController`: its own methods, plus the reconnect settings read from
 * OBS's profile (they decide how long the signed URL must outlive the broadcast).
 */
import type { ObsController } from '../obs';
import { OBS_DEFAULT_RECONNECT } from './expiry';
import type { ObsReconnectSettings } from './expiry';
import type { GoLiveObs } from './types';

/** Go-live's view of an OBS controller. */
export function goLiveObs(controller: ObsController): GoLiveObs {
  return {
    connect: () => controller.connect(),
    preflight: (fragDuration) => controller.preflight(fragDuration),
    reconnectSettings: () => readReconnectSettings(controller),
    getStreamStatus: () => controller.getStreamStatus(),
    getStreamService: () => controller.getStreamService(),
    setStreamService: (target) => controller.setStreamService(target),
    restoreStreamService: (snapshot) => controller.restoreStreamService(snapshot),
    startStream: (options) => controller.startStream(options),
    stopStream: (options) => controller.stopStream(options),
    on: (event, listener) => controller.on(event, listener),
  };
}

/**
 * Settings → Advanced → Automatically Reconnect, from the profile's `[Output]` section (`Reconnect`, `RetryDelay`,
 * `MaxRetries`); OBS's defaults stand in for values it does not report.
 */
export async function readReconnectSettings(controller: Pick<ObsController, 'request'>): Promise<ObsReconnectSettings> {
  const read = async (parameterName: string): Promise<string | null> => {
    const answer = await controller.request('GetProfileParameter', { parameterCategory: 'Output', parameterName });
    return answer.parameterValue ?? answer.defaultParameterValue;
  };
  // One at a time: measured against OBS 29, three concurrent requests took 44 ms (answers held back ~40 ms, the
  // signature of Nagle's algorithm meeting delayed ACKs), three sequential ones about 1 ms in all.
  const reconnect = await read('Reconnect');
  const retryDelay = await read('RetryDelay');
  const maxRetries = await read('MaxRetries');
  return {
    enabled: reconnect === null ? OBS_DEFAULT_RECONNECT.enabled : /^(true|1)$/i.test(reconnect.trim()),
    retryDelaySeconds: nonNegativeInteger(retryDelay) ?? OBS_DEFAULT_RECONNECT.retryDelaySeconds,
    maxRetries: nonNegativeInteger(maxRetries) ?? OBS_DEFAULT_RECONNECT.maxRetries,
  };
}

function nonNegativeInteger(text: string | null): number | undefined {
  if (text === null || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
