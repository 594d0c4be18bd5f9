import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_EXACT_CENTS } from "../../src/engine/accrualFast";
import { day } from "../../src/engine/calendar";
import { Decimal } from "../../src/engine/decimal";
import { centsOf, seriesColumns, wholeCents } from "../../src/engine/seriesColumns";

describe("net assets in whole cents, read once per series", () => {
  it("a whole number of cents comes out exactly, at every size up to 2^53 − 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_EXACT_CENTS }), (cents) => {
        expect(wholeCents(new Decimal(cents).dividedBy(100))).toBe(cents);
      }),
      { numRuns: 2000 }
    );
    expect(wholeCents(new Decimal("100000000.25"))).toBe(10_000_000_025);
    expect(wholeCents(new Decimal("0.01"))).toBe(1);
    expect(wholeCents(new Decimal("0.1"))).toBe(10);
    expect(wholeCents(new Decimal("0"))).toBe(0);
    // decimal.js drops trailing zero words: 1e13 is the one word 100,000 with exponent 13.
    expect(wholeCents(new Decimal("1e13"))).toBe(1e15);
    expect(wholeCents(new Decimal("12345678.9"))).toBe(1_234_567_890);
  });

  it("a fraction of a cent, a negative amount or more than 2^53 − 1 cents is none", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 3, max: 12 }),
        (whole, digit, place) => {
          // whole + digit × 10^-place has a digit beyond the second decimal.
          const value = new Decimal(whole).plus(
            new Decimal(digit).times(new Decimal(10).pow(-place))
          );
          expect(wholeCents(value)).toBeNull();
        }
      ),
      { numRuns: 1000 }
    );
    expect(wholeCents(new Decimal("100.005"))).toBeNull();
    expect(wholeCents(new Decimal("-0.01"))).toBeNull();
    expect(wholeCents(new Decimal(MAX_EXACT_CENTS).plus(1).dividedBy(100))).toBeNull();
    expect(wholeCents(new Decimal("1e15"))).toBeNull();
    // Just over 2^53 − 1 cents, where a double no longer holds every whole cent: 2^53 + k is none.
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 6n }), (k) => {
        const cents = 2n ** 53n + k;
        expect(wholeCents(new Decimal(cents.toString()).dividedBy(100))).toBeNull();
      }),
      { numRuns: 500, examples: [[0n], [1n], [7n], [8n], [99n], [100n]] }
    );
    expect(wholeCents(new Decimal("90071992547409.91"))).toBe(MAX_EXACT_CENTS);
    expect(wholeCents(new Decimal(NaN))).toBeNull();
  });

  it("one sub-cent value keeps the whole series on decimal.js", () => {
    const series = [
      { date: day("2025-01-02"), netAssets: new Decimal("100.00") },
      { date: day("2025-01-03"), netAssets: new Decimal("100.001") },
    ];
    expect(seriesColumns(series).netAssetsCents).toBeNull();
    expect(Array.from(seriesColumns(series.slice(0, 1)).netAssetsCents!)).toEqual([10_000]);
  });

  it("a point's kept cents are read as they are, never its decimal, and agree with it (property)", () => {
    const untouched = (cents: number) => ({
      date: day("2025-01-02"),
      netAssetsCents: cents,
      get netAssets(): Decimal {
        throw new Error("the decimal was read");
      },
    });
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), (cents) => {
        const decimal = new Decimal(cents).dividedBy(100);
        // The kept cents give what the decimal gives: null for a negative amount or past 2^53 − 1.
        expect(centsOf(untouched(cents))).toBe(wholeCents(decimal));
      }),
      { numRuns: 2000, examples: [[0], [-1], [1], [MAX_EXACT_CENTS], [MAX_EXACT_CENTS + 1]] }
    );
    expect(Object.is(centsOf(untouched(-0)), 0)).toBe(true);
    const series = [untouched(10_000), untouched(25)];
    series[1]!.date = day("2025-01-03");
    expect(Array.from(seriesColumns(series).netAssetsCents!)).toEqual([10_000, 25]);
    expect(seriesColumns(series).largestCents).toBe(10_000);
  });
});
