/** The monitor: OBS and OSS on one timeline, alerts, and a health summary. Import from here. */
export { Monitor, DEFAULT_INTERVALS, DEFAULT_RETENTION_MS } from './monitor';
export type { MonitorEvents, MonitorIntervals, MonitorObs, MonitorOptions, MonitorOss } from './monitor';
export { ALERT_RULES, DEFAULT_THRESHOLDS } from './alert-rules';
export type { AlertCondition, AlertRule, AlertThresholds, RuleInput } from './alert-rules';
export { AlertTracker, DEFAULT_THROTTLE_MS } from './alert-tracker';
export type { Freshness } from './alert-tracker';
export { addPoint, emptyHealth, summarize } from './health-summary';
export type { HealthAccumulator } from './health-summary';
export { latestObs, latestOss, obsPointFrom, obsStateOf, ossPointFrom, ossStateOf, unknownPoint } from './points';
export { RingBuffer } from './ring-buffer';
export { kbpsFromBytes, ossBandwidthToKbps } from './units';
