/**
 * MPEG-TS segments in, one fragmented MP4 out, in the main process and without ffmpeg (users may not have it):
 * mux.js transmuxes each segment into moof + mdat fragments, and {@link withDurations} gives the init segment the
 * real durations once every fragment has been seen.
 *
 * The output is written as it comes: the init segment first, with placeholder durations, then the fragments; at the
 * end {@link Mp4Remuxer.finish} returns the final init segment, the same size, to be written over the first bytes.
 */
import muxjs from 'mux.js';
import type { TransmuxedSegment } from 'mux.js';

import { ClipExportError } from './clip-errors';
import { trackEnds } from './fragment-timing';
import { withDurations } from './init-durations';

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.byteLength === b.byteLength && a.every((value, index) => value === b[index]);

export class Mp4Remuxer {
  private readonly transmuxer = new muxjs.mp4.Transmuxer();
  private init: Uint8Array | undefined;
  /** Per track id: where its samples end so far, in the track's media timescale. */
  private readonly ends = new Map<number, number>();
  private output: Uint8Array[] = [];

  constructor() {
    this.transmuxer.on('data', (segment) => this.collect(segment));
  }

  /**
   * Transmuxes one TS segment (its timestamps continuing the previous one's, see TimelineStitcher) and returns the
   * bytes to append to the file: the first time the init segment, then the segment's fragments.
   */
  push(segment: Uint8Array): Uint8Array[] {
    // One flush per segment: segments start at a keyframe, so every fragment is independently decodable.
    this.transmuxer.push(segment);
    this.transmuxer.flush();
    const output = this.output;
    this.output = [];
    return output;
  }

  /** The init segment with real durations, to be written over the placeholder at offset 0. */
  finish(): Uint8Array {
    if (!this.init) throw new ClipExportError('no-media');
    this.transmuxer.dispose();
    return withDurations(this.init, this.ends);
  }

  private collect(segment: TransmuxedSegment): void {
    if (!this.init) {
      this.init = segment.initSegment;
      this.output.push(withDurations(segment.initSegment, new Map()));
    } else if (!sameBytes(this.init, segment.initSegment)) {
      // mux.js describes the tracks again on every flush; another description means another resolution or codec.
      throw new ClipExportError('format-changed');
    }
    for (const [trackId, end] of trackEnds(segment.data)) this.ends.set(trackId, Math.max(end, this.ends.get(trackId) ?? 0));
    this.output.push(segment.data);
  }
}
