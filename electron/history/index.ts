/** Local broadcast history: import from here. */
export { FileBroadcastHistory } from './file-history';
export type { FileBroadcastHistoryOptions } from './file-history';
export {
  HISTORY_SCHEMA_VERSION,
  HistoryFileError,
  MAX_RECORDS_PER_CHANNEL,
  historyFilePath,
  parseHistoryFile,
  serializeHistoryFile,
} from './history-file';
export type { HistoryFile } from './history-file';
export type { Broadcast, BroadcastHistory, HealthSummary, HistoryQuery, LiveRecord, SessionEnd, SessionHealth, SessionStart } from './types';
