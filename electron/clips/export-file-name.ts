import type { VodRange } from '../../shared/live-channel';

/** Characters that are awkward or forbidden in file names on Windows, macOS or Linux, plus whitespace. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
const AWKWARD = /[\\/:*?"<>|\s\u0000-\u001f\u007f]+/g;

/**
 * `<channel>-<start>-<end>.<ext>` (Unix seconds, so names sort by time and never depend on a time zone). Awkward
 * characters become `_`, leading dots go (no hidden files; the downloads route refuses them), and the channel part
 * is cut to 80 characters.
 */
export function exportFileName(channel: string, range: VodRange, format: 'ts' | 'mp4'): string {
  const safe = channel.replace(AWKWARD, '_').replace(/^\.+/, '').slice(0, 80) || 'clip';
  return `${safe}-${range.startTime}-${range.endTime}.${format}`;
}
