import type { VodRange } from '../../shared/live-channel';
import type { CallOptions, OssLiveClient } from '../oss';
import { isNoSegmentsError, noSegmentsError } from './clip-errors';
import type { VodSegments } from './vod-playlist';
import { parseVodPlaylist } from './vod-playlist';

export interface VodPlaylist extends VodSegments {
  /** The m3u8 text as OSS returned it. */
  text: string;
}

/**
 * GetVodPlaylist (nothing is written), parsed. A range without recorded segments is the caller's to fix, so OSS's
 * "No ts file found" (and an empty list) becomes a validation error on `range` that says what to do.
 */
export async function fetchVodPlaylist(client: Pick<OssLiveClient, 'getVodPlaylist'>, channel: string, range: VodRange, call: CallOptions = {}): Promise<VodPlaylist> {
  let text: string;
  try {
    text = await client.getVodPlaylist(channel, range, call);
  } catch (error) {
    throw isNoSegmentsError(error) ? noSegmentsError() : error;
  }
  const parsed = parseVodPlaylist(text);
  if (parsed.segments.length === 0) throw noSegmentsError();
  return { text, ...parsed };
}
