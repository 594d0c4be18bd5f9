import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal, maxOf, minOf } from "../../src/engine/decimal";

const amount = fc.oneof(
  fc.constantFrom("0", "-0", "0.00", "-0.00", "NaN", "1e-50", "-1e-50"),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map((cents) => (cents / 100).toFixed(2)),
  fc.integer({ min: -3, max: 3 }).map(String)
);

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
