/** The monitor: OBS and OSS on one timeline, alerts, and a health summary. Import from here. */
export { DEFAULT_INTERVALS, Monitor } from './monitor';
export { readObsEncoder } from './obs-encoder';
export type { MonitorEvents, MonitorIntervals, MonitorObs, MonitorOptions, MonitorOss } from './monitor';
export type { AlertThresholds } from './alert-rules';
