import { describe, expect, it } from 'vitest';

import { exportFileName } from '../../../electron/clips/export-file-name';

const range = { startTime: 1_767_225_600, endTime: 1_767_229_200 };

describe('exportFileName', () => {
  it('names the file after channel and range, with the format as extension', () => {
    expect(exportFileName('show', range, 'mp4')).toBe('show-1767225600-1767229200.mp4');
    expect(exportFileName('show', range, 'ts')).toBe('show-1767225600-1767229200.ts');
  });

  it('replaces characters that are awkward in file names and keeps other text (e.g. Chinese)', () => {
    expect(exportFileName('live channel: 2/3 <b>', range, 'mp4')).toBe('live_channel_2_3_b_-1767225600-1767229200.mp4');
    expect(exportFileName('直播\t频道', range, 'ts')).toBe('直播_频道-1767225600-1767229200.ts');
  });

  it('never starts with a dot (no hidden files; the downloads route refuses them) and is never empty', () => {
    expect(exportFileName('..secret', range, 'mp4')).toBe('secret-1767225600-1767229200.mp4');
    expect(exportFileName('...', range, 'mp4')).toBe('clip-1767225600-1767229200.mp4');
  });

  it('cuts a long channel name to 80 characters', () => {
    expect(exportFileName('x'.repeat(500), range, 'mp4')).toBe(`${'x'.repeat(80)}-1767225600-1767229200.mp4`);
  });
});
