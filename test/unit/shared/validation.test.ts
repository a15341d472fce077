import { describe, expect, it } from 'vitest';

import {
  ValidationError,
  validateChannelName,
  validateDescription,
  validateFragments,
  validatePlaylistName,
  validateVodRange,
} from '../../../shared/validation';

function fieldOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe('validation', () => {
  it('accepts channel names with spaces and unicode, refuses slashes and empty names', () => {
    expect(fieldOf(() => validateChannelName('live channel 2'))).toBeUndefined();
    expect(fieldOf(() => validateChannelName('直播-1'))).toBeUndefined();
    expect(fieldOf(() => validateChannelName('a/b'))).toBe('channel');
    expect(fieldOf(() => validateChannelName(''))).toBe('channel');
    expect(fieldOf(() => validateChannelName('x'.repeat(1024)))).toBe('channel');
  });

  it('counts description length in UTF-8 bytes', () => {
    expect(fieldOf(() => validateDescription('a'.repeat(128)))).toBeUndefined();
    expect(fieldOf(() => validateDescription('直'.repeat(43)))).toBe('description'); // 129 bytes
  });

  it('wants fragDuration and fragCount together, as integers 1-100', () => {
    expect(fieldOf(() => validateFragments(undefined, undefined))).toBeUndefined();
    expect(fieldOf(() => validateFragments(2, 3))).toBeUndefined();
    expect(fieldOf(() => validateFragments(2, undefined))).toBe('fragCount');
    expect(fieldOf(() => validateFragments(undefined, 3))).toBe('fragDuration');
    expect(fieldOf(() => validateFragments(200, 3))).toBe('fragDuration');
    expect(fieldOf(() => validateFragments(5, 0))).toBe('fragCount');
    expect(fieldOf(() => validateFragments(1.5, 3))).toBe('fragDuration');
  });

  it('checks playlist names', () => {
    expect(fieldOf(() => validatePlaylistName('a.m3u8'))).toBeUndefined();
    expect(fieldOf(() => validatePlaylistName('.m3u8'))).toBe('playlistName');
    expect(fieldOf(() => validatePlaylistName('list.m3u'))).toBe('playlistName');
    expect(fieldOf(() => validatePlaylistName('a/b.m3u8'))).toBe('playlistName');
    expect(fieldOf(() => validatePlaylistName(`${'x'.repeat(124)}.m3u8`))).toBe('playlistName');
  });

  it('checks VOD ranges', () => {
    expect(fieldOf(() => validateVodRange(100, 200))).toBeUndefined();
    expect(fieldOf(() => validateVodRange(100, 100 + 86_400))).toBeUndefined();
    expect(fieldOf(() => validateVodRange(100, 100 + 86_401))).toBe('endTime');
    expect(fieldOf(() => validateVodRange(200, 100))).toBe('endTime');
    expect(fieldOf(() => validateVodRange(1.5, 100))).toBe('startTime');
  });
});
