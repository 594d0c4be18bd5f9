import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  compareDecimals,
  Decimal,
  decimalFromCents,
  maxOf,
  minOf,
  ZERO,
} from "../../src/engine/decimal";

const amount = fc.oneof(
  fc.constantFrom("0", "-0", "0.00", "-0.00", "NaN", "1e-50", "-1e-50"),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((cents) => (cents / 100).toFixed(2)),
  fc.integer({ min: -3, max: 3 }).map(String)
);

describe("comparing two amounts", () => {
  // Long significands and far exponents too: the words past the first, and exponents that differ.
  const wide = fc.oneof(
    amount,
    fc.constantFrom("Infinity", "-Infinity", "1e+30", "-1e-30", "12345678901234567890.123456789"),
    fc
      .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -20, max: 20 }))
      .map(([digits, exponent]) => `${digits}e${exponent}`)
  );

  it("orders as decimal.js's comparedTo: 1, −1, 0, NaN with a NaN", () => {
    fc.assert(
      fc.property(wide, wide, (a, b) => {
        const [x, y] = [new Decimal(a), new Decimal(b)];
        expect(compareDecimals(x, y)).toBe(x.comparedTo(y));
        expect(compareDecimals(x, x)).toBe(x.comparedTo(x));
      }),
      { numRuns: 5000 }
    );
  });

  it("a − b is above zero exactly when a compares above b (a nonzero difference never rounds to zero)", () => {
    fc.assert(
      fc.property(wide, wide, (a, b) => {
        const [x, y] = [new Decimal(a), new Decimal(b)];
        if (x.isNaN() || y.isNaN() || (!x.isFinite() && x.equals(y))) return;
        expect(compareDecimals(x, y) > 0).toBe(x.minus(y).greaterThan(ZERO));
      }),
      { numRuns: 5000 }
    );
  });

  it("2,068.49 is below 2,068.5 and −0 equals 0", () => {
    expect(compareDecimals(new Decimal("2068.49"), new Decimal("2068.5"))).toBe(-1);
    expect(compareDecimals(new Decimal("-0"), ZERO)).toBe(0);
    expect(compareDecimals(new Decimal("-2068.49"), new Decimal("-2068.5"))).toBe(1);
  });
});

describe("the larger and the smaller of two amounts", () => {
  it("are Decimal.max and Decimal.min's: the same value, the same sign of zero", () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        const [x, y] = [new Decimal(a), new Decimal(b)];
        for (const [ours, theirs] of [
          [maxOf(x, y), Decimal.max(x, y)],
          [minOf(x, y), Decimal.min(x, y)],
        ] as const) {
          expect(ours.toString()).toBe(theirs.toString());
          expect(Object.is(ours.s, theirs.s)).toBe(true);
          expect(ours.isNegative()).toBe(theirs.isNegative());
        }
      }),
      { numRuns: 2000 }
    );
  });
});

/** A decimal's sign, exponent and words: what decimal.js computes with, compared directly. */
const parts = (value: Decimal) => ({ s: value.s, e: value.e, d: value.d });

describe("an amount from whole cents", () => {
  const reference = (cents: number) => new Decimal(cents).dividedBy(100);

  it("is cents ÷ 100 as decimal.js divides, to the sign, exponent and stored words", () => {
    const cents = fc.oneof(
      fc.maxSafeInteger(),
      fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
      // Trailing zeros and word boundaries: a few significant digits times a power of ten.
      fc
        .tuple(fc.integer({ min: -9999, max: 9999 }), fc.integer({ min: 0, max: 12 }))
        .map(([leading, power]) => leading * 10 ** power)
    );
    fc.assert(
      fc.property(cents, (amount) => {
        const ours = decimalFromCents(amount);
        expect(ours).toBeInstanceOf(Decimal);
        expect(parts(ours)).toEqual(parts(reference(amount)));
        expect(ours.toFixed(2)).toBe(reference(amount).toFixed(2));
      }),
      { numRuns: 5000 }
    );
  });

  it("gives the words of every digit count and word boundary, up to 2^53 either side", () => {
    const edges = [1, 5, 10, 50, 99, 100, 101, 1234567, 12345678, 9_999_999, 10_000_000];
    for (let power = 0; power <= 15; power += 1) edges.push(10 ** power, 10 ** power - 1);
    edges.push(2 ** 50, 2 ** 50 + 1, Number.MAX_SAFE_INTEGER, 100_000_000_05);
    for (const amount of edges.flatMap((edge) => [edge, -edge])) {
      if (amount === 0) continue;
      expect(parts(decimalFromCents(amount))).toEqual(parts(reference(amount)));
    }
  });

  it("adds and compares as the decimal it equals: 2,068.49 + 0.01 = 2,068.50", () => {
    const sum = decimalFromCents(206849).plus(decimalFromCents(1));
    expect(sum.toString()).toBe("2068.5");
    expect(decimalFromCents(206850).equals(sum)).toBe(true);
    expect(decimalFromCents(-206849).abs().comparedTo(new Decimal("2068.49"))).toBe(0);
  });

  it("is zero for zero of either sign, and divides beyond 2^53", () => {
    expect(decimalFromCents(0)).toBe(ZERO);
    expect(decimalFromCents(-0)).toBe(ZERO);
    const beyond = 2 ** 60;
    expect(decimalFromCents(beyond).toString()).toBe(reference(beyond).toString());
  });
});
