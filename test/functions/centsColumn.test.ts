import "./setup";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defineFunction } from "../../src/functions/argumentSpec";
import { coerceArguments } from "../../src/functions/coerceArguments";
import { CellError } from "../../src/functions/cellError";
import { LAST_EXCEL_DAY } from "../../src/functions/cellValues";
import { Decimal, moneyFromDouble } from "../../src/engine/decimal";
import { centsFromDouble } from "../../src/engine/worksheetHelpers";

/** The reference: the edge rule in decimal.js (shortest round-trip decimal, half-up to cents), × 100. */
function referenceCents(value: number): Decimal {
  return moneyFromDouble(value).times(100);
}

function expectSameAsReference(value: number): void {
  const cents = centsFromDouble(value);
  const reference = referenceCents(value);
  if (cents === null) {
    // Only when the cents are not a whole number a double holds exactly.
    expect(
      reference.equals(reference.toNumber()) &&
        Math.abs(reference.toNumber()) <= Number.MAX_SAFE_INTEGER,
      String(value)
    ).toBe(false);
  } else {
    expect(
      new Decimal(cents).equals(reference),
      `${value} → ${cents}, reference ${reference.toFixed()}`
    ).toBe(true);
    expect(Object.is(cents, -0), String(value)).toBe(false);
  }
}

describe("centsFromDouble: whole cents by the same edge rule as moneyFromDouble, without decimal.js in the common case", () => {
  it.each([
    // 1.005 is stored as 1.00499999999999989…; its shortest decimal 1.005 rounds half-up to 1.01.
    [1.005, 101],
    [0.125, 13],
    [2068.495, 206850],
    [0.005, 1],
    [0.015, 2],
    [1.115, 112],
    [1e15, 1e17],
    [100_000_000, 10_000_000_000],
    [-1.005, -101],
    [-0.001, 0],
    [0, 0],
    [-0, 0],
    [4.35, 435],
    [1.255, 126],
    [8.675, 868],
  ])("%s → %s cents", (value, cents) => {
    expect(centsFromDouble(value)).toBe(cents);
    expectSameAsReference(value);
  });

  it("NaN and infinities have no cents", () => {
    expect(centsFromDouble(Number.NaN)).toBeNull();
    expect(centsFromDouble(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it("agrees with the reference on random doubles of every magnitude", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e16, max: 1e16 }),
        expectSameAsReference
      ),
      { numRuns: 20_000 }
    );
  });

  it("agrees on amounts typed with up to 6 decimals, half cents above all", () => {
    const typed = fc
      .tuple(
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 6 })
      )
      .map(([whole, fraction, digits]) =>
        Number(`${whole}.${String(fraction).padStart(6, "0").slice(0, digits)}`)
      );
    fc.assert(fc.property(typed, expectSameAsReference), { numRuns: 20_000 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), (tenths) =>
        expectSameAsReference(tenths / 1000 + 0.0005)
      ),
      { numRuns: 20_000 }
    );
  });

  it("agrees next to every half cent: the doubles just below, at and above n + 0.005", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (cents) => {
        const half = Number(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}5`);
        for (const value of [half, nextDown(half), nextUp(half)]) expectSameAsReference(value);
      }),
      { numRuns: 20_000 }
    );
  });
});

function nextUp(value: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  view.setBigUint64(0, view.getBigUint64(0) + 1n);
  return view.getFloat64(0);
}
function nextDown(value: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}

describe("the centsColumn argument kind", () => {
  const NAV = defineFunction("NAVCENTS", [
    { name: "dates", kind: "dateColumn" },
    { name: "netAssets", kind: "centsColumn", alignedWith: "dates", nonNegative: true },
  ]);
  const MONEY = defineFunction("NAVMONEY", [
    { name: "dates", kind: "dateColumn" },
    { name: "netAssets", kind: "moneyColumn", alignedWith: "dates", nonNegative: true },
  ]);

  it("gives the same amounts as moneyColumn, in cents", () => {
    const dates = [[45659], [45660], [0], [45661], [null], [45662]];
    const netAssets = [[1.005], [1234.565], ["Total"], [2068.495], [7], [1e15]];
    const cents = coerceArguments(NAV, [dates, netAssets]);
    const money = coerceArguments(MONEY, [dates, netAssets]);
    if (cents instanceof CellError || money instanceof CellError)
      throw new Error("unexpected error");
    expect(Array.from(cents.netAssets, (c) => (Number.isNaN(c) ? null : c))).toEqual(
      money.netAssets.map((m) => (m === null ? null : m.times(100).toNumber()))
    );
  });

  it("refuses what moneyColumn refuses, with the same message", () => {
    for (const bad of [[-5], [-0.001], ["x"], ["1,234.56"], [true], [Number.NaN]]) {
      const a = coerceArguments(NAV, [[[45659]], [bad]]);
      const b = coerceArguments(MONEY, [[[45659]], [bad]]);
      expect(a).toBeInstanceOf(CellError);
      expect(a).toEqual(b);
    }
  });

  it("an amount too large to count to the cent in a double is #VALUE!", () => {
    expect(coerceArguments(NAV, [[[45659]], [[123456789012345.67]]])).toEqual(
      new CellError(
        "#VALUE!",
        "netAssets, row 1 (123456789012345.67) is too large to count to the cent."
      )
    );
  });
});

describe("the dateColumn fast path (serial → Day by arithmetic)", () => {
  const DATES = defineFunction("DATES", [{ name: "dates", kind: "dateColumn" }]);
  it("agrees with dayFromSerial for every serial and both date systems, and 0 stays blank", async () => {
    const { dayFromSerial } = await import("../../src/engine/calendar");
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3_000_000, noNaN: true }),
        fc.constantFrom("1900" as const, "1904" as const),
        (serial, dateSystem) => {
          const got = coerceArguments(DATES, [[[serial]]], { dateSystem });
          const expected = dayFromSerial(serial, dateSystem);
          if (serial === 0) expect(got).toEqual({ dates: [null] });
          else if (expected.ok && expected.day <= LAST_EXCEL_DAY)
            expect(got).toEqual({ dates: [expected.day] });
          else expect(got).toBeInstanceOf(CellError);
        }
      ),
      { numRuns: 20_000 }
    );
    for (const serial of [1, 59, 60, 61, 2_958_465]) {
      const expected = dayFromSerial(serial);
      expect(coerceArguments(DATES, [[[serial]]])).toEqual(
        expected.ok ? { dates: [expected.day] } : expect.any(CellError)
      );
    }
    // 2,958,465 is 9999-12-31, Excel's last date; one more is not a date in either system.
    for (const dateSystem of ["1900", "1904"] as const) {
      const last = dateSystem === "1900" ? 2_958_465 : 2_958_465 - 1462;
      expect(coerceArguments(DATES, [[[last + 1]]], { dateSystem })).toEqual(
        new CellError(
          "#VALUE!",
          `dates, row 1 is ${last + 1}, which is after 9999-12-31, Excel's last date: it is not a date.`
        )
      );
    }
  });
});
