import { ERRORS, OssServiceError } from '../errors';

/** ListObjects and ListLiveChannel page size when max-keys is not given. */
export const DEFAULT_MAX_KEYS = 100;

/** max-keys as OSS reads it: absent or empty = 100; otherwise an integer 1-1000, else 400 InvalidArgument. */
export function parseMaxKeys(text: string | undefined): number {
  if (text === undefined || text === '') return DEFAULT_MAX_KEYS;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 1000) throw new OssServiceError(ERRORS.invalidMaxKeys, `Got '${text}'.`);
  return value;
}
