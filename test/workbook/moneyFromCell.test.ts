/**
 * `moneyFromCell` (src/workbook/cells.ts, issue 24) skips decimal.js's string and rounding
 * for a double that is the nearest to a whole number of cents; it must give exactly what
 * the documented edge rule gives — the double's shortest round-trip decimal, rounded to
 * cents once (`moneyFromDouble`) — for every double, those and their neighbours above all.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, decimalFromCents, moneyFromDouble } from "../../src/engine/decimal";
import {
  centsFromCell,
  type CellValue,
  moneyFromCell,
  parseMoney,
  parseMoneyCents,
} from "../../src/workbook/cells";

const same = (value: number) => {
  const fast = moneyFromCell(value);
  const reference = moneyFromDouble(value);
  expect(fast.toString(), String(value)).toBe(reference.toString());
  expect(fast.isNegative()).toBe(reference.isNegative());
};

describe("money read from a cell's double", () => {
  it("whole cents come out as typed; anything else is rounded by decimal.js as before", () => {
    // 2068.49 is the double nearest 206,849 cents: its shortest decimal is 2068.49 itself.
    expect(moneyFromCell(2068.49).toString()).toBe("2068.49");
    // 320,043,697.16: a NAV of the bench trust, 32,004,369,716 cents.
    expect(moneyFromCell(320043697.16).toFixed(2)).toBe("320043697.16");
    // 0.125 is no whole number of cents: half a cent rounds up, as moneyFromDouble rounds it.
    expect(moneyFromCell(0.125).toString()).toBe("0.13");
    // 1.005 is stored as 1.00499999999999989…, but its shortest decimal is 1.005: 1.01.
    expect(moneyFromCell(1.005).toString()).toBe("1.01");
    expect(moneyFromCell(-0).toString()).toBe("0");
    expect(parseMoney(1234.5).ok && parseMoney(1234.5)).toEqual({
      ok: true,
      value: moneyFromDouble(1234.5),
    });
  });

  it("agrees with moneyFromDouble on whole cents, their neighbouring doubles and any double (property)", () => {
    const cents = fc.oneof(
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.integer({ min: 2 ** 49, max: 2 ** 51 }),
      fc.maxSafeInteger()
    );
    fc.assert(
      fc.property(cents, fc.integer({ min: -2, max: 2 }), (whole, step) => {
        let value = whole / 100;
        // The doubles beside a whole number of cents, and half-cent ties.
        for (let i = 0; i < Math.abs(step); i += 1)
          value = step > 0 ? nextUp(value) : -nextUp(-value);
        same(value);
        same(whole / 100 + 0.005);
      }),
      { numRuns: 5000 }
    );
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => same(value)),
      { numRuns: 5000 }
    );
  });

  it("as whole cents: exactly parseMoney's decimal, or parseMoney itself (property)", () => {
    // What parseMoneyCents gives, as the decimal a reader of the row would see.
    const asDecimal = (value: CellValue) => {
      const read = parseMoneyCents(value);
      if (!read.ok || typeof read.value !== "number") return read;
      expect(Number.isSafeInteger(read.value)).toBe(true);
      expect(Object.is(read.value, -0)).toBe(false);
      return { ok: true, value: new Decimal(read.value).dividedBy(100) };
    };
    const same = (value: CellValue) => {
      const reference = parseMoney(value);
      const read = asDecimal(value);
      expect(read.ok).toBe(reference.ok);
      if (!reference.ok || !read.ok) expect(read).toEqual(reference);
      else expect(String(read.value), String(value)).toBe(String(reference.value));
    };
    const cents = fc.oneof(
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.integer({ min: 2 ** 50 - 1000, max: 2 ** 50 + 1000 }),
      fc.integer({ min: -(2 ** 51), max: 2 ** 51 }),
      fc.integer({ min: Number.MAX_SAFE_INTEGER - 1000, max: Number.MAX_SAFE_INTEGER })
    );
    fc.assert(
      fc.property(cents, fc.integer({ min: -2, max: 2 }), (whole, step) => {
        let value = whole / 100;
        for (let i = 0; i < Math.abs(step); i += 1)
          value = step > 0 ? nextUp(value) : -nextUp(-value);
        same(value);
        same(whole / 100 + 0.005);
        same(-value);
      }),
      { numRuns: 5000 }
    );
    fc.assert(
      fc.property(fc.double(), (value) => same(value)),
      { numRuns: 5000 }
    );
    for (const value of [
      "1234.56",
      " 7 ",
      "",
      null,
      undefined,
      true,
      "#N/A",
      { error: "#REF!" },
      NaN,
      Infinity,
      -Infinity,
      -0,
    ] as CellValue[])
      same(value);
    // The cents themselves: 2068.49 is 206,849; beyond 2^50 cents and off a cent, none.
    expect(centsFromCell(2068.49)).toBe(206849);
    expect(centsFromCell(2 ** 50 / 100)).toBe(2 ** 50);
    expect(decimalFromCents(2 ** 50).eq(new Decimal(2 ** 50).dividedBy(100))).toBe(true);
    expect(centsFromCell(2 ** 51 / 100)).toBeNull();
    expect(centsFromCell(0.125)).toBeNull();
    expect(centsFromCell(-0)).toBe(0);
    expect(parseMoneyCents(0.125)).toEqual({ ok: true, value: moneyFromDouble(0.125) });
  });
});

/** The next double above `value`. */
function nextUp(value: number): number {
  if (value === 0) return Number.MIN_VALUE;
  const buffer = new DataView(new ArrayBuffer(8));
  buffer.setFloat64(0, value);
  const bits = buffer.getBigUint64(0);
  buffer.setBigUint64(0, value > 0 ? bits + 1n : bits - 1n);
  return buffer.getFloat64(0);
}
