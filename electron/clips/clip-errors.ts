import { ValidationError } from '../../shared/validation';
import { OssError } from '../oss';

/**
 * Why a clip could not be made, phrased for the streamer: what happened and what to do. The clip handlers pass
 * `message` through as it is (other errors become a generic message in the API layer).
 */
export type ClipExportProblem = 'no-media' | 'format-changed';

const MESSAGES: Record<ClipExportProblem, string> = {
  'no-media': 'The recorded segments hold no H.264 or AAC media that fits in an MP4. Export the range as .ts instead.',
  'format-changed':
    'The video or audio format changes inside this range (for example OBS settings changed between two connections), and one MP4 cannot hold both. Export it as .ts, or pick a range within one connection.',
};

export class ClipExportError extends Error {
  override readonly name = 'ClipExportError';
  constructor(readonly problem: ClipExportProblem) {
    super(MESSAGES[problem]);
  }
}

/** GetVodPlaylist/PostVodPlaylist found no ts in the range: 400 InvalidArgument "No ts file found in specified time span." */
export function isNoSegmentsError(error: unknown): boolean {
  return error instanceof OssError && error.status === 400 && (/no ts file found/i.test(error.message) || error.ec === '0044-00000308');
}

/**
 * The range's fault, not the app's: a validation error on `range` (the UI shows it at the range inputs), saying
 * what to do about it.
 */
export function noSegmentsError(): ValidationError {
  return new ValidationError('range', 'no recorded segments lie in this range; pick a range that overlaps a recorded broadcast');
}
