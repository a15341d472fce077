/** Reads an HLS media playlist (what the emulator writes) into what tests assert on. */

export interface MediaPlaylist {
  mediaSequence: number;
  targetDuration: number;
  entries: Array<{ duration: number; uri: string }>;
  /** `#EXT-X-ENDLIST` present: the publisher stopped (or it is a VOD playlist). */
  ended: boolean;
}

/** Parses `#EXTM3U` text; throws when it is not a playlist. */
export function parseMediaPlaylist(text: string): MediaPlaylist {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  if (lines[0] !== '#EXTM3U') throw new Error(`not an m3u8 playlist: ${JSON.stringify(text.slice(0, 40))}`);
  const tag = (name: string): number => Number(lines.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1) ?? Number.NaN);
  const entries: MediaPlaylist['entries'] = [];
  lines.forEach((line, index) => {
    if (!line.startsWith('#EXTINF:')) return;
    entries.push({ duration: Number.parseFloat(line.slice('#EXTINF:'.length)), uri: lines[index + 1] ?? '' });
  });
  return { mediaSequence: tag('#EXT-X-MEDIA-SEQUENCE'), targetDuration: tag('#EXT-X-TARGETDURATION'), entries, ended: lines.includes('#EXT-X-ENDLIST') };
}
