/**
 * CRC-32 (src/cli/xlsx/ooxml/crc32.ts) and the buffer-crc32 API the runner's bundle gives yazl
 * (bufferCrc32.ts): the check value of the CRC-32 catalogue, continuation, combining two sums,
 * and the package's own answers on random bytes.
 */
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import bufferCrc32, { signed, unsigned } from "../../src/cli/xlsx/ooxml/bufferCrc32";
import { crc32, crc32Combine } from "../../src/cli/xlsx/ooxml/crc32";

type BufferCrc32 = ((input: Buffer, previous?: Buffer | number) => Buffer) & {
  signed: (input: Buffer, previous?: Buffer | number) => number;
  unsigned: (input: Buffer, previous?: Buffer | number) => number;
};
// The copy yazl itself requires.
const fromYazl = createRequire(createRequire(import.meta.url).resolve("yazl"));
const realBufferCrc32 = fromYazl("buffer-crc32") as BufferCrc32;

describe("CRC-32", () => {
  it('is 0xCBF43926 for "123456789" (the catalogue\'s check value) and 0 for nothing', () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it("continues from the sum of what came before (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array(), (a, b) => {
        expect(crc32(b, crc32(a))).toBe(crc32(Buffer.concat([a, b])));
      })
    );
  });

  it("leaves the sum as it was for no bytes, whatever holds them (zlib alone answers 0 for an empty array over an empty ArrayBuffer)", () => {
    const sum = crc32(Buffer.from("123456789"));
    for (const empty of [
      new Uint8Array(new ArrayBuffer(0)),
      new Uint8Array(0),
      Buffer.alloc(0),
      Buffer.from("abc").subarray(3),
      "",
    ])
      expect(crc32(empty, sum)).toBe(0xcbf43926);
  });

  it("combines the sums of two stretches into the sum of both, given the second's length (property, and up to 600 MB)", () => {
    expect(crc32Combine(crc32("1234"), crc32("56789"), 5)).toBe(0xcbf43926);
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array({ maxLength: 5_000 }), (a, b) => {
        expect(crc32Combine(crc32(a), crc32(b), b.length)).toBe(crc32(Buffer.concat([a, b])));
      }),
      { numRuns: 500 }
    );
    // Lengths past 2^31 bits, where a 32-bit shift of the length would go wrong.
    const zeros = Buffer.alloc(1_048_576);
    const prefix = Buffer.from("<worksheet>");
    let whole = crc32(prefix);
    let second = 0;
    for (let n = 0; n < 600; n += 1) [whole, second] = [crc32(zeros, whole), crc32(zeros, second)];
    expect(crc32Combine(crc32(prefix), second, 600 * 1_048_576)).toBe(whole);
  });

  it("answers as buffer-crc32 does, unsigned, signed, as bytes and continued (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array(), fc.uint8Array(), (a, b) => {
        const first = Buffer.from(a);
        const second = Buffer.from(b);
        expect(unsigned(first)).toBe(realBufferCrc32.unsigned(first));
        expect(signed(first)).toBe(realBufferCrc32.signed(first));
        expect(bufferCrc32(first)).toEqual(realBufferCrc32(first));
        expect(unsigned(second, unsigned(first))).toBe(
          realBufferCrc32.unsigned(second, realBufferCrc32.unsigned(first))
        );
        expect(unsigned(second, bufferCrc32(first))).toBe(
          realBufferCrc32.unsigned(second, realBufferCrc32(first))
        );
      })
    );
  });
});
