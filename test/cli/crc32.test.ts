/**
 * CRC-32 (src/cli/xlsx/ooxml/crc32.ts) and the buffer-crc32 API the runner's bundle gives yazl
 * (bufferCrc32.ts): the check value of the CRC-32 catalogue, continuation, and the package's
 * own answers on random bytes.
 */
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import bufferCrc32, { signed, unsigned } from "../../src/cli/xlsx/ooxml/bufferCrc32";
import { crc32 } from "../../src/cli/xlsx/ooxml/crc32";

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
