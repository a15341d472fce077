/** Go-live and stop: the main process's entry point to this folder. */
export { GoLiveError } from './errors';
export {
  DEFAULT_PLANNED_DURATION_SECONDS,
  OBS_DEFAULT_RECONNECT,
  formatDuration,
  reconnectBudgetSeconds,
  urlLifetime,
} from './expiry';
export type { ObsReconnectSettings, UrlLifetime, UrlLifetimeInput } from './expiry';
export { DEFAULT_LIVE_TIMEOUT_MS, goLive, validateGoLiveOptions } from './go-live';
export { goLiveObs } from './obs-port';
export { ObsSnapshotStore, SnapshotFileError, appliedTarget, normalizeObsUrl, pointsAt } from './snapshot-store';
export type { AppliedTarget, SavedObsSettings } from './snapshot-store';
export { stopBroadcast } from './stop';
export type * from './types';
