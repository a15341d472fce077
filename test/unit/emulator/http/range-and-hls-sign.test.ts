import { describe, expect, it } from 'vitest';

import { resolveSegmentKey, signPlaylistUris } from '../../../../emulator/http/hls-sign';
import { parseRange } from '../../../../emulator/http/range';

describe('parseRange', () => {
  it.each([
    ['bytes=0-9', 100, { start: 0, end: 9 }],
    ['bytes=90-', 100, { start: 90, end: 99 }],
    ['bytes=90-200', 100, { start: 90, end: 99 }],
    ['bytes=-10', 100, { start: 90, end: 99 }],
    ['bytes=-200', 100, { start: 0, end: 99 }],
    [' bytes = 5 - 6 ', 100, { start: 5, end: 6 }],
  ])('%j of %d bytes serves %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it.each([[undefined], ['bytes=100-'], ['bytes=5-4'], ['bytes=-0'], ['bytes=-'], ['bytes=1-2,4-5'], ['items=1-2'], ['bytes=abc']])(
    '%j means the whole object',
    (header) => {
      expect(parseRange(header, 100)).toBeUndefined();
    },
  );

  it('never serves a range of an empty object', () => {
    expect(parseRange('bytes=0-0', 0)).toBeUndefined();
  });
});

describe('hls/sign rewriting', () => {
  it('resolves relative URIs against the playlist key', () => {
    expect(resolveSegmentKey('ch/playlist.m3u8', '1700000000000.ts')).toBe('ch/1700000000000.ts');
    expect(resolveSegmentKey('ch/playlist.m3u8', '../other/1.ts')).toBe('other/1.ts');
    expect(resolveSegmentKey('live channel/p.m3u8', 'a%20b.ts')).toBe('live channel/a b.ts');
    expect(resolveSegmentKey('ch/p.m3u8', 'https://cdn.example/1.ts')).toBeUndefined();
    expect(resolveSegmentKey('ch/p.m3u8', '/abs/1.ts')).toBeUndefined();
  });

  it('appends the signing query to relative URI lines only', () => {
    const playlist = '#EXTM3U\n#EXTINF:2.000,\n1.ts\n#EXTINF:2.000,\nhttp://x/2.ts\n#EXTINF:2.000,\n3.ts?already=1\n#EXT-X-ENDLIST\n';
    const signed = signPlaylistUris(playlist, 'ch/p.m3u8', (key) => ({ k: key, Expires: '9' }));
    expect(signed).toBe('#EXTM3U\n#EXTINF:2.000,\n1.ts?k=ch%2F1.ts&Expires=9\n#EXTINF:2.000,\nhttp://x/2.ts\n#EXTINF:2.000,\n3.ts?already=1\n#EXT-X-ENDLIST\n');
  });
});
