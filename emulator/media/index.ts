/**
 * The emulator's media pipeline: RTMP/FLV H.264 + AAC payloads → MPEG-TS segments + HLS playlists, in TypeScript
 * (no ffmpeg at run time). The ingest glue creates one segmenter per publish session and stores what it emits.
 */
export type { MediaInfo, MediaSink, Segment, Segmenter, SegmenterOptions, SegmenterStats } from './media-sink';
export { createSegmenter } from './segmenter';
export type { LivePlaylistOptions, PlaylistEntry } from './playlist';
export { livePlaylist, segmentName, vodPlaylist } from './playlist';
