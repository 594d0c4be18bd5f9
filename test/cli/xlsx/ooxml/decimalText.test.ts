import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainDecimal, plainDecimalValue } from "../../../../src/cli/xlsx/ooxml/decimalText";

// Digits with at most one point between digits, leading zeros and all, up to 24 characters.
const plainText = fc
  .tuple(
    fc.stringMatching(/^[0-9]{1,12}$/),
    fc.option(fc.stringMatching(/^[0-9]{1,11}$/), { nil: undefined })
  )
  .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));

describe("plainDecimalValue", () => {
  it("reads the amounts, dates and rates Excel writes: 320043697.16, 44197, 0.0025, 0", () => {
    expect(plainDecimalValue("320043697.16")).toBe(320043697.16);
    expect(plainDecimalValue("44197")).toBe(44197);
    expect(plainDecimalValue("0.0025")).toBe(0.0025);
    expect(plainDecimalValue("2179.1")).toBe(2179.1);
    expect(Object.is(plainDecimalValue("0.000"), 0)).toBe(true);
    expect(plainDecimalValue("007")).toBe(7);
  });

  it("is Number(text), bit for bit, for every plain decimal: whole, with a point, short, long, leading zeros", () => {
    fc.assert(
      fc.property(plainText, (raw) => {
        expect(Object.is(plainDecimalValue(raw), Number(raw))).toBe(true);
      }),
      { numRuns: 50_000 }
    );
  });

  it("is Number(text) at the edges of the fast reading: 15 and 16 digits, 2^53, halfway cases", () => {
    for (const raw of [
      "999999999999999",
      "999999999999999.9",
      "99999999999999.99",
      "9007199254740993",
      "9007199254740992.5",
      "0.1",
      "0.30000000000000004",
      "1234567890123.45",
      "123456789012345.6",
      "0.000000000000001",
      "5.000000000000001",
    ])
      expect(Object.is(plainDecimalValue(raw), Number(raw)), raw).toBe(true);
  });

  it("says -1 for text that is not a plain decimal, as plainDecimal says false", () => {
    for (const raw of ["", ".", ".5", "5.", "1.2.3", "-1", "+1", "1e3", " 1", "1 ", "0x10", "١"]) {
      expect(plainDecimalValue(raw), raw).toBe(-1);
      expect(plainDecimal(raw), raw).toBe(false);
    }
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 8 }), fc.stringMatching(/^[0-9.]{0,8}$/)),
        (raw) => {
          // The grammar as a pattern: digits, then at most one point followed by digits.
          const plain = /^[0-9]+(\.[0-9]+)?$/.test(raw);
          expect(plainDecimal(raw), raw).toBe(plain);
          expect(plainDecimalValue(raw) >= 0, raw).toBe(plain);
        }
      ),
      { numRuns: 20_000 }
    );
  });
});
