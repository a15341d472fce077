/**
 * AMF0 (Action Message Format 0), the encoding of RTMP command and data messages: encode and decode.
 * Decoding is defensive: it reads only what the bytes hold, bounds nesting, and throws RtmpProtocolError on
 * anything malformed, so a peer's garbage can only end that peer's connection.
 */
import { RtmpProtocolError } from './protocol-error';

/** A decoded AMF0 value. Objects have a null prototype, so a `__proto__` key is just a key. */
export type Amf0Value = number | boolean | string | null | undefined | Date | Amf0Value[] | Amf0Object | Amf0EcmaArray;

export interface Amf0Object {
  [key: string]: Amf0Value;
}

/** An AMF0 ECMA array (associative array, e.g. onMetaData): on the wire it differs from an anonymous object. */
export class Amf0EcmaArray {
  constructor(readonly properties: Amf0Object) {}
}

const enum Marker {
  Number = 0x00,
  Boolean = 0x01,
  String = 0x02,
  Object = 0x03,
  Null = 0x05,
  Undefined = 0x06,
  Reference = 0x07,
  EcmaArray = 0x08,
  ObjectEnd = 0x09,
  StrictArray = 0x0a,
  Date = 0x0b,
  LongString = 0x0c,
  Unsupported = 0x0d,
  XmlDocument = 0x0f,
  TypedObject = 0x10,
  /** Switch to AMF3 for the next value. */
  AvmPlus = 0x11,
}

/** Nesting deeper than this is refused: no real client needs it, and recursion must stay bounded. */
const MAX_DEPTH = 32;
const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

/** Creates an empty AMF0 object with a null prototype. */
export function amf0Object(properties: Record<string, Amf0Value> = {}): Amf0Object {
  return Object.assign(Object.create(null) as Amf0Object, properties);
}

// ---------------------------------------------------------------------------------------------------------------
// Encoding

/** Encodes values one after another, as a command or data message body. */
export function encodeAmf0(...values: Amf0Value[]): Buffer {
  const parts: Buffer[] = [];
  for (const value of values) writeValue(parts, value);
  return Buffer.concat(parts);
}

function marker(code: number): Buffer {
  return Buffer.of(code);
}

function writeValue(parts: Buffer[], value: Amf0Value): void {
  if (value === null) parts.push(marker(Marker.Null));
  else if (value === undefined) parts.push(marker(Marker.Undefined));
  else if (typeof value === 'number') {
    const bytes = Buffer.alloc(9);
    bytes[0] = Marker.Number;
    bytes.writeDoubleBE(value, 1);
    parts.push(bytes);
  } else if (typeof value === 'boolean') parts.push(Buffer.of(Marker.Boolean, value ? 1 : 0));
  else if (typeof value === 'string') writeString(parts, value);
  else if (value instanceof Date) {
    const bytes = Buffer.alloc(11); // marker, float64 ms since epoch, int16 time zone (always 0 per spec)
    bytes[0] = Marker.Date;
    bytes.writeDoubleBE(value.getTime(), 1);
    parts.push(bytes);
  } else if (Array.isArray(value)) {
    const header = Buffer.alloc(5);
    header[0] = Marker.StrictArray;
    header.writeUInt32BE(value.length, 1);
    parts.push(header);
    for (const item of value) writeValue(parts, item);
  } else if (value instanceof Amf0EcmaArray) {
    const header = Buffer.alloc(5);
    header[0] = Marker.EcmaArray;
    header.writeUInt32BE(Object.keys(value.properties).length, 1);
    parts.push(header);
    writeProperties(parts, value.properties);
  } else {
    parts.push(marker(Marker.Object));
    writeProperties(parts, value);
  }
}

function writeString(parts: Buffer[], text: string): void {
  const bytes = Buffer.from(utf8Encoder.encode(text));
  if (bytes.length <= 0xffff) {
    const header = Buffer.alloc(3);
    header[0] = Marker.String;
    header.writeUInt16BE(bytes.length, 1);
    parts.push(header, bytes);
  } else {
    const header = Buffer.alloc(5);
    header[0] = Marker.LongString;
    header.writeUInt32BE(bytes.length, 1);
    parts.push(header, bytes);
  }
}

function writeProperties(parts: Buffer[], properties: Amf0Object): void {
  for (const [key, value] of Object.entries(properties)) {
    const name = Buffer.from(utf8Encoder.encode(key));
    if (name.length > 0xffff) throw new RtmpProtocolError(`AMF0 property name`, 'at most 65535 bytes');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(name.length, 0);
    parts.push(length, name);
    writeValue(parts, value);
  }
  parts.push(Buffer.of(0, 0, Marker.ObjectEnd));
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding

export interface Amf0DecodeOptions {
  /**
   * Stop (without error) at an AMF3 switch marker (0x11) instead of failing: data messages from some encoders end
   * with AMF3 values this decoder does not read; the AMF0 values before them are still useful.
   */
  stopAtAmf3Switch?: boolean;
}

/** Decodes every value in `bytes` (a command or data message body). Throws RtmpProtocolError on malformed input. */
export function decodeAmf0(bytes: Uint8Array, options: Amf0DecodeOptions = {}): Amf0Value[] {
  const reader = new Amf0Reader(bytes);
  const values: Amf0Value[] = [];
  while (!reader.done) {
    if (options.stopAtAmf3Switch === true && reader.peek() === Marker.AvmPlus) break;
    values.push(reader.value(0));
  }
  return values;
}

class Amf0Reader {
  private offset = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  peek(): number | undefined {
    return this.bytes[this.offset];
  }

  value(depth: number): Amf0Value {
    if (depth > MAX_DEPTH) throw this.error('AMF0 nesting', `at most ${MAX_DEPTH} levels`);
    const at = this.offset;
    const code = this.u8();
    switch (code) {
      case Marker.Number:
        return this.f64();
      case Marker.Boolean:
        return this.u8() !== 0;
      case Marker.String:
        return this.text(this.u16());
      case Marker.LongString:
      case Marker.XmlDocument:
        return this.text(this.u32());
      case Marker.Object:
        return this.properties(depth);
      case Marker.TypedObject:
        this.text(this.u16()); // class name: irrelevant here, the properties are what matter
        return this.properties(depth);
      case Marker.EcmaArray: {
        const count = this.u32();
        return new Amf0EcmaArray(this.properties(depth, count));
      }
      case Marker.StrictArray: {
        const count = this.u32();
        const items: Amf0Value[] = [];
        // Every item takes at least one byte, so `count` cannot make us loop past the input.
        for (let i = 0; i < count; i++) items.push(this.value(depth + 1));
        return items;
      }
      case Marker.Date: {
        const ms = this.f64();
        this.u16(); // time zone: reserved, should be 0
        return new Date(ms);
      }
      case Marker.Null:
        return null;
      case Marker.Undefined:
      case Marker.Unsupported:
        return undefined;
      default:
        throw this.error(`AMF0 type marker at byte ${at}`, `a supported AMF0 marker (got 0x${code.toString(16)})`);
    }
  }

  /**
   * Reads name/value pairs up to the object-end marker. ECMA arrays pass their declared count: some encoders omit the
   * end marker after the last entry, so input that ends right after `count` entries is accepted too.
   */
  private properties(depth: number, count?: number): Amf0Object {
    const object = amf0Object();
    let entries = 0;
    for (;;) {
      if (count !== undefined && entries >= count && this.done) return object;
      const name = this.text(this.u16());
      if (name === '' && this.peek() === Marker.ObjectEnd) {
        this.offset += 1;
        return object;
      }
      object[name] = this.value(depth + 1);
      entries += 1;
    }
  }

  private need(length: number): number {
    const at = this.offset;
    if (at + length > this.bytes.length) {
      throw this.error(`AMF0 value at byte ${at}`, `${length} more byte(s) (input ends at ${this.bytes.length})`);
    }
    this.offset += length;
    return at;
  }

  private u8(): number {
    return this.view.getUint8(this.need(1));
  }
  private u16(): number {
    return this.view.getUint16(this.need(2));
  }
  private u32(): number {
    return this.view.getUint32(this.need(4));
  }
  private f64(): number {
    return this.view.getFloat64(this.need(8));
  }
  private text(length: number): string {
    const at = this.need(length);
    return utf8.decode(this.bytes.subarray(at, at + length));
  }

  private error(field: string, expected: string): RtmpProtocolError {
    return new RtmpProtocolError(field, expected);
  }
}
