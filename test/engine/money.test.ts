import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "../../src/engine/decimal";
import { formatMoney } from "../../src/engine/money";

describe("money in messages", () => {
  it("writes two decimals with comma thousands separators", () => {
    expect(formatMoney(new Decimal("1234567.891"))).toBe("1,234,567.89");
    expect(formatMoney(new Decimal("999.995"))).toBe("1,000.00");
    expect(formatMoney(new Decimal("12.5"))).toBe("12.50");
    expect(formatMoney(new Decimal("-6095.89"))).toBe("-6,095.89");
    expect(formatMoney(new Decimal("-0.001"))).toBe("0.00");
  });

  it("reads back to the amount rounded to cents", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (cents) => {
        const amount = new Decimal(cents).dividedBy(100);
        expect(formatMoney(amount).replaceAll(",", "")).toBe(amount.toFixed(2));
      })
    );
  });

  it("is what toFixed(2) and a comma every three digits wrote before, for amounts of every form", () => {
    const before = (amount: Decimal) => {
      const fixed = amount.toFixed(2);
      const negative = fixed.startsWith("-");
      const [whole, cents] = (negative ? fixed.slice(1) : fixed).split(".") as [string, string];
      const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      const sign = negative && /[1-9]/.test(whole + cents) ? "-" : "";
      return `${sign}${grouped}.${cents}`;
    };
    const amount = fc.oneof(
      fc
        .bigInt({ min: -(2n ** 60n), max: 2n ** 60n })
        .map((cents) => new Decimal(cents.toString()).dividedBy(100)),
      fc
        .bigInt({ min: -(10n ** 22n), max: 10n ** 22n })
        .map((units) => new Decimal(units.toString()).dividedBy(1000)),
      fc
        .constantFrom("0", "-0", "-0.004", "0.005", "999.995", "1e25", "-1e25", "100", "1000")
        .map((text) => new Decimal(text))
    );
    fc.assert(
      fc.property(amount, (value) => {
        expect(formatMoney(value)).toBe(before(value));
      }),
      { numRuns: 3000 }
    );
  });
});
