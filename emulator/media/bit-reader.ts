/**
 * MSB-first bit reader with Exp-Golomb codes, for the bit-packed headers of H.264 SPS and AAC AudioSpecificConfig.
 * Reading past the end throws a RangeError naming the field, so callers can reject truncated headers.
 */
export class BitReader {
  private bitOffset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Bits not yet read. */
  get bitsLeft(): number {
    return this.bytes.length * 8 - this.bitOffset;
  }

  /** Reads `count` bits (0-32) as an unsigned number. */
  bits(count: number, field: string): number {
    if (count > this.bitsLeft) throw new RangeError(`${field}: expected ${count} more bits, header is truncated`);
    let value = 0;
    for (let i = 0; i < count; i++) {
      const byte = this.bytes[this.bitOffset >> 3] ?? 0;
      const bit = (byte >> (7 - (this.bitOffset & 7))) & 1;
      // Multiply instead of shifting so 32-bit values stay unsigned.
      value = value * 2 + bit;
      this.bitOffset++;
    }
    return value;
  }

  flag(field: string): boolean {
    return this.bits(1, field) === 1;
  }

  skip(count: number, field: string): void {
    if (count > this.bitsLeft) throw new RangeError(`${field}: expected ${count} more bits, header is truncated`);
    this.bitOffset += count;
  }

  /** Unsigned Exp-Golomb code, ue(v). */
  ue(field: string): number {
    let leadingZeros = 0;
    while (this.bits(1, field) === 0) {
      leadingZeros++;
      // 32 leading zeros would encode a value beyond anything a valid SPS carries.
      if (leadingZeros > 31) throw new RangeError(`${field}: expected an Exp-Golomb code, got ${leadingZeros} leading zeros`);
    }
    return 2 ** leadingZeros - 1 + this.bits(leadingZeros, field);
  }

  /** Signed Exp-Golomb code, se(v). */
  se(field: string): number {
    const code = this.ue(field);
    return code % 2 === 1 ? (code + 1) / 2 : -(code / 2);
  }
}
