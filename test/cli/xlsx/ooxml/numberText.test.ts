import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { numberText } from "../../../../src/cli/xlsx/ooxml/numberText";
import { cellRunXml } from "../../../../src/cli/xlsx/ooxml/sheetCells";

describe("numberText", () => {
  it("writes money as JavaScript prints it: 2068.49, 2068.5, 2068, -0.05, 0", () => {
    expect(numberText(206849 / 100)).toBe("2068.49");
    expect(numberText(206850 / 100)).toBe("2068.5");
    expect(numberText(206800 / 100)).toBe("2068");
    expect(numberText(-5 / 100)).toBe("-0.05");
    expect(numberText(-0)).toBe("0");
    expect(numberText(0)).toBe("0");
  });

  it("is String(value) for every whole number of cents up to and past 10^15", () => {
    const cents = fc.oneof(
      fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
      fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }).map(Number),
      fc.constantFrom(1e15 - 1, 1e15, -(1e15 - 1), -1e15, 99, -99, 1, -1, 10, -10)
    );
    fc.assert(
      fc.property(cents, (c) => {
        expect(numberText(c / 100)).toBe(String(c / 100));
      }),
      { numRuns: 20_000 }
    );
  });

  it("is String(value) for any other number: rates, fractions of a cent, huge, tiny, not finite", () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        expect(numberText(value)).toBe(String(value));
      }),
      { numRuns: 20_000 }
    );
    for (const value of [0.0025, 0.1 + 0.2, 1e21, 1e-7, 5e-324, NaN, Infinity, -Infinity, 0.005])
      expect(numberText(value)).toBe(String(value));
  });
});

describe("cellRunXml's numbers", () => {
  it("one writer over many rows writes every number as String(value), repeated or not (-0, 0, rates, cents)", () => {
    const value = fc.oneof(
      fc.constantFrom(null, "", 0, -0, 0.0025, 0.005, 2068.49, -0.05),
      fc.integer({ min: -1e9, max: 1e9 }).map((c) => c / 100),
      fc.double({ noNaN: true, noDefaultInfinity: true })
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { maxLength: 30 }),
        (rows) => {
          const write = cellRunXml(4, [0, 5, 0]);
          rows.forEach((values, index) => {
            const row = index + 2;
            const expected = values
              .map((v, i) => {
                const open = `<c r="${"DEF"[i]}${row}"${i === 1 ? ' s="5"' : ""}`;
                return v === null || v === "" ? `${open}/>` : `${open}><v>${String(v)}</v></c>`;
              })
              .join("");
            expect(write(row, values)).toBe(expected);
          });
        }
      ),
      { numRuns: 2000 }
    );
  });
});
