import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { parseVodPlaylist } from '../../../electron/clips/vod-playlist';

describe('parseVodPlaylist', () => {
  it('reads the GetVodPlaylist sample from the OSS docs: relative ts names and their durations', async () => {
    const text = await readFile(new URL('../../fixtures/oss/vod-playlist.m3u8', import.meta.url), 'utf8');
    expect(parseVodPlaylist(text)).toEqual({
      segments: [
        { uri: '1543895706266.ts', duration: 7.12 },
        { uri: '1543895706323.ts', duration: 5.84 },
        { uri: '1543895706468.ts', duration: 13.32 },
      ],
      durationSeconds: 26.28,
    });
  });

  it('accepts CRLF, blank lines, other tags and a segment without EXTINF (duration 0)', () => {
    const text = '#EXTM3U\r\n#EXT-X-TARGETDURATION:5\r\n\r\n#EXTINF:5.005,title\r\n#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z\r\na.ts\r\nb.ts\r\n#EXT-X-ENDLIST\r\n';
    expect(parseVodPlaylist(text)).toEqual({ segments: [{ uri: 'a.ts', duration: 5.005 }, { uri: 'b.ts', duration: 0 }], durationSeconds: 5.005 });
  });

  it('gives an empty list for a playlist without segments and 0 for a malformed duration', () => {
    expect(parseVodPlaylist('#EXTM3U\n#EXT-X-ENDLIST\n')).toEqual({ segments: [], durationSeconds: 0 });
    expect(parseVodPlaylist('#EXTINF:abc,\nx.ts\n').segments).toEqual([{ uri: 'x.ts', duration: 0 }]);
  });
});
