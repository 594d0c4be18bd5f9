/**
 * Amounts for the ledgers' whole-cent properties (`payableCents.test.ts`,
 * `carryforwardCents.test.ts`), which hold each fast path to its decimal.js
 * reference: mostly whole cents, with the amounts that must take the
 * reference among them — −0, sub-cent amounts, and totals past 2^53 cents.
 */
import fc from "fast-check";
import { Decimal } from "../../../src/engine/decimal";

/** Every decimal as its digits and its sign (−0 and +0 differ); other objects as JSON. */
export function asText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Decimal ? `D:${v.toString()}:${v.s}` : v
  );
}

/**
 * A ledger amount: whole cents (weighted `whole` against one each of −0, a
 * sub-cent amount and an amount near 2^53 cents), a plain zero among the
 * cents weighted `zero`.
 */
export function ledgerAmount(weights: { whole: number; zero: number }): fc.Arbitrary<Decimal> {
  const cents = fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: -300_000, max: 3_000_000 }) },
    { weight: weights.zero, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.constantFrom(100_000, 250_000, 1_000_000) }
  );
  return fc.oneof(
    { weight: weights.whole, arbitrary: cents.map((c) => new Decimal(c).dividedBy(100)) },
    { weight: 1, arbitrary: fc.constant(new Decimal("-0")) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: -99_999, max: 99_999 })
        .map((m) => new Decimal(m).dividedBy(1000)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        new Decimal("45035996273704.96"),
        new Decimal("90071992547409.91"),
        new Decimal("-90071992547409.91")
      ),
    }
  );
}
