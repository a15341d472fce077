import { describe, expect, it } from 'vitest';
import { amf0Object, Amf0EcmaArray, decodeAmf0, encodeAmf0, type Amf0Value } from '../../../../emulator/rtmp/amf0';
import { RtmpProtocolError } from '../../../../emulator/rtmp/protocol-error';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const bytes = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('AMF0 encoding: known byte vectors (AMF0 specification, section 2)', () => {
  it.each<[string, Amf0Value, string]>([
    ['number 1.5', 1.5, '00 3ff8000000000000'],
    ['number -0.25', -0.25, '00 bfd0000000000000'],
    ['boolean true', true, '01 01'],
    ['boolean false', false, '01 00'],
    ['string', 'live', '02 0004 6c697665'],
    ['empty string', '', '02 0000'],
    ['UTF-8 string', 'é', '02 0002 c3a9'],
    ['null', null, '05'],
    ['undefined', undefined, '06'],
    ['object', amf0Object({ a: 1 }), '03 0001 61 00 3ff0000000000000 000009'],
    ['ECMA array', new Amf0EcmaArray(amf0Object({ w: 2 })), '08 00000001 0001 77 00 4000000000000000 000009'],
    ['strict array', [true, null], '0a 00000002 0101 05'],
    ['date (time zone 0)', new Date(0), '0b 0000000000000000 0000'],
  ])('%s', (_name, value, expected) => {
    expect(hex(encodeAmf0(value))).toBe(expected.replace(/\s+/g, ''));
  });

  it('switches to a long string (0x0C, 32-bit length) above 65535 bytes', () => {
    const long = 'x'.repeat(70_000);
    const encoded = encodeAmf0(long);
    expect(encoded[0]).toBe(0x0c);
    expect(encoded.readUInt32BE(1)).toBe(70_000);
    expect(decodeAmf0(encoded)).toEqual([long]);
  });

  it('encodes an ffmpeg-style connect command byte for byte', () => {
    const encoded = encodeAmf0('connect', 1, amf0Object({ app: 'live' }));
    expect(hex(encoded)).toBe(
      '02 0007 636f6e6e656374 00 3ff0000000000000 03 0003 617070 02 0004 6c697665 000009'.replace(/\s+/g, ''),
    );
  });
});

describe('AMF0 decoding', () => {
  it('round-trips every supported type, nested', () => {
    const values: Amf0Value[] = [
      '@setDataFrame',
      0,
      -1e300,
      amf0Object({
        nested: amf0Object({ list: [1, 'two', null, undefined, false], when: new Date(1_700_000_000_000) }),
        meta: new Amf0EcmaArray(amf0Object({ width: 1280, encoder: 'obs-output module' })),
        empty: amf0Object(),
      }),
      [],
      'x'.repeat(70_000),
    ];
    expect(decodeAmf0(encodeAmf0(...values))).toEqual(values);
  });

  it('decodes a typed object, an XML document and the unsupported marker', () => {
    const typed = bytes('10 0003 466f6f 0001 61 01 01 000009'); // class "Foo", {a: true}
    const xml = bytes('0f 00000003 3c612f'); // "<a/"
    expect(decodeAmf0(Buffer.concat([typed, xml, bytes('0d')]))).toEqual([amf0Object({ a: true }), '<a/', undefined]);
  });

  it('accepts an ECMA array whose end marker is missing after the declared entries', () => {
    const decoded = decodeAmf0(bytes('08 00000001 0001 77 00 4000000000000000'));
    expect(decoded).toEqual([new Amf0EcmaArray(amf0Object({ w: 2 }))]);
  });

  it('keeps a "__proto__" key as data, not as the prototype', () => {
    const [decoded] = decodeAmf0(bytes('03 0009 5f5f70726f746f5f5f 02 0001 78 000009'));
    expect(Object.getPrototypeOf(decoded)).toBeNull();
    expect(Object.keys(decoded as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('stops at an AMF3 switch marker only when asked', () => {
    const input = Buffer.concat([encodeAmf0('onMetaData'), bytes('11 0a0b01')]);
    expect(decodeAmf0(input, { stopAtAmf3Switch: true })).toEqual(['onMetaData']);
    expect(() => decodeAmf0(input)).toThrow(/0x11/);
  });

  it.each<[string, string, RegExp]>([
    ['a truncated number', '00 3ff0', /more byte/],
    ['a string longer than the input', '02 00ff 61', /more byte/],
    ['an object without end', '03 0001 61 05', /more byte/],
    ['a strict array declaring 4 billion items', '0a ffffffff 05', /more byte/],
    ['an unknown marker', '42', /marker at byte 0.*0x42/],
    ['a reference (not supported)', '07 0001', /0x7/],
  ])('throws RtmpProtocolError on %s', (_name, input, message) => {
    const decode = (): unknown => decodeAmf0(bytes(input));
    expect(decode).toThrow(RtmpProtocolError);
    expect(decode).toThrow(message);
  });

  it('refuses nesting deeper than 32 levels without exhausting the stack', () => {
    // 10 000 nested one-item strict arrays: 0a 00000001 repeated
    const nested = Buffer.concat(Array.from({ length: 10_000 }, () => bytes('0a 00000001')));
    expect(() => decodeAmf0(nested)).toThrow(/nesting/);
  });
});
