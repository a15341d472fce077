/**
 * Playlist text: the live sliding window, media sequence, ENDLIST and the VOD shape of the OSS GetVodPlaylist
 * sample (spec §2.9), plus segment names.
 */
import { describe, expect, it } from 'vitest';
import type { PlaylistEntry } from '../../../../emulator/media';
import { livePlaylist, segmentName, vodPlaylist } from '../../../../emulator/media';
import { ValidationError } from '../../../../shared/validation';

/** The entries of the OSS GetVodPlaylist documentation sample that the spec quotes. */
const ossSample: PlaylistEntry[] = [
  { name: '1543895706266.ts', duration: 7.12 },
  { name: '1543895706323.ts', duration: 5.84 },
  { name: '1543895706468.ts', duration: 13.32 },
];

const entries = (count: number): PlaylistEntry[] =>
  Array.from({ length: count }, (_, index) => ({ name: `${1_700_000_000_000 + index * 5_000}.ts`, duration: 5 + index / 1000 }));

/** Parses playlist text back into tags and URIs, to check structure rather than spelling. */
function parse(text: string) {
  const lines = text.split('\n');
  const tag = (name: string): string | undefined => lines.find((line) => line.startsWith(`#${name}:`))?.slice(name.length + 2);
  return {
    lines,
    mediaSequence: Number(tag('EXT-X-MEDIA-SEQUENCE')),
    targetDuration: Number(tag('EXT-X-TARGETDURATION')),
    durations: lines.filter((line) => line.startsWith('#EXTINF:')).map((line) => line.slice(8, -1)),
    uris: lines.filter((line) => line.length > 0 && !line.startsWith('#')),
    ended: lines.includes('#EXT-X-ENDLIST'),
  };
}

describe('vodPlaylist', () => {
  it('has the shape of the OSS GetVodPlaylist sample, line for line', () => {
    expect(vodPlaylist(ossSample)).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-MEDIA-SEQUENCE:0',
        '#EXT-X-TARGETDURATION:13',
        '#EXTINF:7.120,',
        '1543895706266.ts',
        '#EXTINF:5.840,',
        '1543895706323.ts',
        '#EXTINF:13.320,',
        '1543895706468.ts',
        '#EXT-X-ENDLIST',
        '',
      ].join('\n'),
    );
  });

  it('rounds TARGETDURATION to the nearest integer, never below 1, so every EXTINF rounds to at most it', () => {
    for (const durations of [[13.32], [13.5, 2], [0.2], [4.499, 4.5], [1.001, 0.999]]) {
      const playlist = parse(vodPlaylist(durations.map((duration, index) => ({ name: `${index}.ts`, duration }))));
      expect(playlist.targetDuration).toBe(Math.max(1, Math.round(Math.max(...durations))));
      for (const duration of playlist.durations) expect(Math.round(Number(duration))).toBeLessThanOrEqual(playlist.targetDuration);
    }
  });

  it('needs at least one segment', () => {
    expect(() => vodPlaylist([])).toThrow(ValidationError);
  });
});

describe('livePlaylist', () => {
  it('lists only the latest FragCount segments and advances the media sequence by the ones that slid out', () => {
    const all = entries(7);
    for (let count = 1; count <= all.length; count++) {
      const playlist = parse(livePlaylist(all.slice(0, count), { fragCount: 3, ended: false, mediaSequence: 0, fragDuration: 5 }));
      const expected = all.slice(Math.max(0, count - 3), count);
      expect(playlist.uris).toEqual(expected.map((entry) => entry.name));
      expect(playlist.mediaSequence).toBe(Math.max(0, count - 3));
      expect(playlist.durations).toEqual(expected.map((entry) => entry.duration.toFixed(3)));
      expect(playlist.ended).toBe(false);
    }
  });

  it('counts the media sequence from the first entry given, so callers may keep only a tail', () => {
    const all = entries(10);
    const full = livePlaylist(all, { fragCount: 4, ended: false, mediaSequence: 0, fragDuration: 5 });
    const tail = livePlaylist(all.slice(5), { fragCount: 4, ended: false, mediaSequence: 5, fragDuration: 5 });
    expect(tail).toBe(full);
  });

  it('appends ENDLIST once the publisher stopped', () => {
    const playlist = parse(livePlaylist(entries(5), { fragCount: 3, ended: true, mediaSequence: 0, fragDuration: 5 }));
    expect(playlist.lines.at(-2)).toBe('#EXT-X-ENDLIST');
    expect(playlist.uris).toHaveLength(3);
  });

  it('keeps TARGETDURATION at max(FragDuration, longest segment so far), so it never shrinks as the window slides', () => {
    const durations = [0.4, 2.001, 6.4, 2.0, 1.9, 2.0, 2.0];
    const targets: number[] = [];
    let longestSegment = 0;
    for (let count = 1; count <= durations.length; count++) {
      const all = durations.slice(0, count).map((duration, index) => ({ name: `${index}.ts`, duration }));
      longestSegment = Math.max(longestSegment, durations[count - 1] ?? 0);
      // The caller keeps only the window (FragCount 2), as the live session does, and passes the longest so far.
      const window = all.slice(-2);
      const playlist = parse(livePlaylist(window, { fragCount: 2, ended: false, mediaSequence: all.length - window.length, fragDuration: 2, longestSegment }));
      targets.push(playlist.targetDuration);
      for (const duration of playlist.durations) expect(Math.round(Number(duration))).toBeLessThanOrEqual(playlist.targetDuration);
    }
    expect(targets).toEqual([2, 2, 6, 6, 6, 6, 6]);
    // Without a session maximum, the longest segment given counts, listed or skipped.
    const given = durations.map((duration, index) => ({ name: `${index}.ts`, duration }));
    expect(parse(livePlaylist(given, { fragCount: 2, ended: false, mediaSequence: 0, fragDuration: 2 })).targetDuration).toBe(6);
  });

  it('names the option that is wrong', () => {
    expect(() => livePlaylist(entries(1), { fragCount: 0, ended: false, mediaSequence: 0, fragDuration: 5 })).toThrow(/fragCount/);
    expect(() => livePlaylist(entries(1), { fragCount: 3, ended: false, mediaSequence: -1, fragDuration: 5 })).toThrow(/mediaSequence/);
    expect(() => livePlaylist(entries(1), { fragCount: 3, ended: false, mediaSequence: 0, fragDuration: 0 })).toThrow(/fragDuration/);
    expect(() => livePlaylist(entries(1), { fragCount: 3, ended: false, mediaSequence: 0, fragDuration: 5, longestSegment: -1 })).toThrow(/longestSegment/);
    expect(() => livePlaylist([{ name: 'a.ts', duration: Number.NaN }], { fragCount: 3, ended: false, mediaSequence: 0, fragDuration: 5 })).toThrow(/segments\[0\]\.duration/);
    expect(() => livePlaylist([{ name: 'a.ts\n#EXT-X-ENDLIST', duration: 1 }], { fragCount: 3, ended: false, mediaSequence: 0, fragDuration: 5 })).toThrow(/segments\[0\]\.name/);
  });
});

describe('segmentName', () => {
  it('is the start time in Unix milliseconds plus .ts, like the names in the OSS sample', () => {
    const start = new Date(Date.UTC(2018, 11, 4, 3, 55, 6, 266));
    expect(segmentName(start)).toBe(`${start.getTime()}.ts`);
    expect(segmentName(start)).toMatch(/^\d{13}\.ts$/);
  });

  it('refuses invalid dates', () => {
    expect(() => segmentName(new Date(Number.NaN))).toThrow(/startTime/);
  });
});
