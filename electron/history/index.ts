/** Local broadcast history: import from here. */
export { FileBroadcastHistory } from './file-history';
export type { FileBroadcastHistoryOptions } from './file-history';
export {
  HISTORY_SCHEMA_VERSION,
  HistoryFileError,
  MAX_RECORDS_PER_CHANNEL,
  MAX_SESSIONS_PER_CHANNEL,
  historyFilePath,
  parseHistoryFile,
  readHistoryFile,
  serializeHistoryFile,
  writeHistoryFile,
} from './history-file';
export type { HistoryFile } from './history-file';
export { DEFAULT_RECONNECT_WINDOW_MS, SESSION_LEAD_MS, mergeRecords, stitchBroadcasts } from './stitch';
export type { AppSession, ChannelLog } from './stitch';
export type { Broadcast, BroadcastHistory, HealthSummary, HistoryQuery, LiveRecord, SessionEnd, SessionStart } from './types';
