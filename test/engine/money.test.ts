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
});
