/** A VOD m3u8 as GetVodPlaylist returns it: the segment URIs (relative to the channel) and their durations. */
export interface VodSegments {
  segments: Array<{ uri: string; duration: number }>;
  durationSeconds: number;
}

/** Reads `#EXTINF:<seconds>,` + URI pairs; other tags are ignored, so any RFC 8216 media playlist works. */
export function parseVodPlaylist(text: string): VodSegments {
  const segments: VodSegments['segments'] = [];
  let duration: number | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) {
      const value = Number.parseFloat(line.slice('#EXTINF:'.length));
      duration = Number.isFinite(value) && value >= 0 ? value : 0;
    } else if (line !== '' && !line.startsWith('#')) {
      segments.push({ uri: line, duration: duration ?? 0 });
      duration = undefined;
    }
  }
  const total = segments.reduce((sum, segment) => sum + segment.duration, 0);
  return { segments, durationSeconds: Math.round(total * 1000) / 1000 };
}
