/** A peer broke the RTMP protocol. Closes only that peer's connection; names what was wrong and what was expected. */
export class RtmpProtocolError extends Error {
  override readonly name = 'RtmpProtocolError';
  constructor(
    /** The protocol element at fault, e.g. `chunk size` or `connect.app`. */
    readonly field: string,
    /** What was expected, phrased for a reader of the log. */
    readonly expected: string,
  ) {
    super(`${field}: expected ${expected}`);
  }
}
