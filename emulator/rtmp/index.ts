/** Public surface of the emulator's RTMP ingest: the glue needs only startRtmpServer and the contract types. */
export { startRtmpServer } from './server';
export type * from './types';
