/** The emulator's RTMP ingest glue: OSS publish rules on top of emulator/rtmp, media into emulator/media + state. */
export { startIngest } from './ingest-server';
export type { Ingest, IngestOptions } from './ingest-server';
export { resolvePublishTarget } from './publish-target';
export type { PublishTarget } from './publish-target';
export { refusal, REFUSED_CODE, FAILED_CODE } from './refusal';
