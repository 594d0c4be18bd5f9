/**
 * NAV rows read with their amounts in whole cents (src/workbook/netAssetsRow.ts, issue 24) must
 * be, to every reader, the rows the plain reader gives (`readTableRows` + the old `netAssetsFrom`, the
 * path before): the same dates, names, places and decimals, the same findings, and every figure
 * of a whole trust evaluated from them the same to the cent.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serialFromDay } from "../../src/engine/calendar";
import { Decimal, decimalFromCents } from "../../src/engine/decimal";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import type { NetAssetsRow, Plan } from "../../src/engine/plan";
import type { CellValue } from "../../src/workbook/cells";
import { CentsNetAssetsRow, tableRowOf } from "../../src/workbook/netAssetsRow";
import { readPlan, type WorkbookData } from "../../src/workbook/readPlan";
import { readTableRows } from "../../src/workbook/tableRows";
import { asOfDay, moneyAsStrings, trustArbitrary } from "../support/trusts";

const HEADERS = ["Date", "Portfolio", "Class B net assets"];

function workbookOf(rows: CellValue[][]): WorkbookData {
  return {
    tables: [{ sheet: "Net Assets", name: "NetAssets", headers: HEADERS, rows, firstRow: 2 }],
    dateSystem: "1900",
  };
}

/**
 * The rows and findings as the plain reader gave them before rows were read in cents: a decimal
 * per row, by `parseMoney` (`netAssetsFrom` of src/workbook/planRecords.ts, kept here as the
 * reference now that `readPlan` no longer uses it).
 */
function plainRead(workbook: WorkbookData) {
  const exceptions: ReturnType<typeof readPlan>["exceptions"] = [];
  const rows: NetAssetsRow[] = readTableRows(workbook, "NetAssets", exceptions).rows.map(
    ({ values, source }) => ({
      date: values.get("Date") as number,
      portfolio: (values.get("Portfolio") as string | null | undefined) ?? "",
      netAssets: values.get("Class B net assets") as Decimal,
      source,
    })
  );
  return { rows, exceptions };
}

/** The NAV rows and their findings as `readPlan` reads them now. */
function centsRead(workbook: WorkbookData) {
  const read = readPlan(workbook);
  return {
    rows: read.plan.netAssets,
    exceptions: read.exceptions.filter((e) => e.source?.table === "NetAssets"),
    bad: read.portfoliosWithBadNetAssets,
  };
}

const asPlain = (row: NetAssetsRow) => ({
  date: row.date,
  portfolio: row.portfolio,
  netAssets: row.netAssets.toString(),
  negative: row.netAssets.isNegative(),
  source: row.source,
});

/** The doubles a NAV cell holds: whole cents, their neighbours, half cents, huge and negative ones. */
const nextUp = (value: number): number => {
  if (value === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, value > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
};
const beside = (value: number, steps: number) => {
  let result = value;
  for (let i = 0; i < Math.abs(steps); i += 1)
    result = steps > 0 ? nextUp(result) : -nextUp(-result);
  return result;
};
const cents = fc.oneof(
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.integer({ min: 2 ** 50 - 100, max: 2 ** 50 + 100 }),
  fc.integer({ min: -(2 ** 51), max: 2 ** 51 }),
  fc.integer({ min: Number.MAX_SAFE_INTEGER - 100, max: Number.MAX_SAFE_INTEGER })
);
const navCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 6, arbitrary: cents.map((c) => c / 100) },
  {
    weight: 3,
    arbitrary: fc.tuple(cents, fc.integer({ min: -2, max: 2 })).map(([c, s]) => beside(c / 100, s)),
  },
  { weight: 2, arbitrary: cents.map((c) => c / 100 + 0.005) },
  { weight: 2, arbitrary: fc.double({ noNaN: true }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<CellValue>(
      -0,
      NaN,
      Infinity,
      "1234.56",
      " 7 ",
      "",
      null,
      true,
      "#N/A",
      { error: "#REF!" },
      0.001,
      2 ** 53
    ),
  }
);

describe("NAV rows kept in whole cents", () => {
  it("a row in cents reads as the decimal of its cents, and as JSON as the plain row", () => {
    const source = { sheet: "Net Assets", table: "NetAssets", row: 1 };
    const row = new CentsNetAssetsRow(45659, "Growth", 206849, source);
    expect(row.netAssetsCents).toBe(206849);
    expect(row.netAssets.toString()).toBe("2068.49");
    // Built once: every reader sees one decimal.
    expect(row.netAssets).toBe(row.netAssets);
    expect(JSON.parse(JSON.stringify(row))).toEqual({
      date: 45659,
      portfolio: "Growth",
      netAssets: "2068.49",
      source,
    });
    const decimal = new CentsNetAssetsRow(45659, "Growth", new Decimal("0.13"), source);
    expect(decimal.netAssetsCents).toBeUndefined();
    expect(decimal.netAssets.toString()).toBe("0.13");
  });

  it("a row read with its table's place names its row when asked, as a row given its own place does", () => {
    const place = { sheet: "Net Assets", table: "NetAssets" };
    const read = CentsNetAssetsRow.at(place, 4, 45659, "Growth", 206849);
    expect(read.source).toEqual({ sheet: "Net Assets", table: "NetAssets", row: 5 });
    expect(read.sourceRow).toBe(5);
    expect(tableRowOf(read)).toBe(5);
    // Made when asked: the rows share the place, not a SourceRef each.
    expect(read.source).not.toBe(read.source);
    const given = new CentsNetAssetsRow(45659, "Growth", 206849, { ...place, row: 7 });
    expect([given.sourceRow, tableRowOf(given)]).toEqual([7, 7]);
    expect(JSON.parse(JSON.stringify(read)).source).toEqual({ ...place, row: 5 });
    const none = new CentsNetAssetsRow(45659, "Growth", 206849);
    expect([none.source, none.sourceRow, tableRowOf(none)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    // A series point that is a plain object: its source's row.
    expect(tableRowOf({ source: { table: "NetAssets", row: 9 } })).toBe(9);
  });

  it("any cell gives the row and the findings the plain reader gives (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 40000, max: 50000 }),
            fc.constantFrom("Growth", " growth ", "Income"),
            navCell
          ),
          { minLength: 1, maxLength: 12 }
        ),
        (cells) => {
          const workbook = workbookOf(cells);
          const plain = plainRead(workbook);
          const read = centsRead(workbook);
          expect(read.rows.map(asPlain)).toEqual(plain.rows.map(asPlain));
          expect(read.exceptions).toEqual(plain.exceptions);
          for (const row of read.rows) {
            // The cents, when kept, are exactly the decimal every reader sees.
            if (row.netAssetsCents !== undefined) {
              expect(Number.isInteger(row.netAssetsCents)).toBe(true);
              expect(new Decimal(row.netAssetsCents).dividedBy(100).eq(row.netAssets)).toBe(true);
            }
          }
        }
      ),
      { numRuns: 3000 }
    );
  });

  it("whole cents up to 2^50 are kept as cents; beyond, and off a whole cent, as decimals", () => {
    const read = centsRead(
      workbookOf([
        [45659, "Growth", 320043697.16],
        [45660, "Growth", 2 ** 50 / 100],
        [45661, "Growth", 2 ** 51 / 100],
        [45662, "Growth", 0.125],
        [45663, "Growth", -0],
        [45664, "Growth", -0.01],
      ])
    );
    expect(read.rows.map((row) => row.netAssetsCents)).toEqual([
      32004369716,
      2 ** 50,
      undefined,
      undefined,
      0,
      -1,
    ]);
    expect(read.rows.map((row) => row.netAssets.toFixed(2))).toEqual([
      "320043697.16",
      decimalFromCents(2 ** 50).toFixed(2),
      new Decimal(2 ** 51).dividedBy(100).toFixed(2),
      "0.13",
      "0.00",
      "-0.01",
    ]);
    // −0 is read as 0, as decimal.js reads it: no "-0.00" anywhere.
    expect(Object.is(read.rows[4]!.netAssetsCents, 0)).toBe(true);
  });

  it("every figure of a whole trust is the one its rows read as plain decimals give (property)", () => {
    const seen = { cents: 0, decimals: 0 };
    fc.assert(
      fc.property(trustArbitrary, asOfDay, (plan: Plan, asOf) => {
        // The trust's NAVs as the cells a workbook holds (doubles), read both ways.
        const workbook = workbookOf(
          plan.netAssets.map((row) => [
            serialFromDay(row.date),
            row.portfolio,
            row.netAssets.toNumber(),
          ])
        );
        const plain = plainRead(workbook).rows;
        const read = centsRead(workbook).rows;
        for (const row of read) {
          if (row.netAssetsCents !== undefined) seen.cents += 1;
          else seen.decimals += 1;
        }
        const withPlain = evaluatePlan({ ...plan, netAssets: plain }, { asOf });
        const withCents = evaluatePlan({ ...plan, netAssets: read }, { asOf });
        expect(moneyAsStrings(withCents)).toEqual(moneyAsStrings(withPlain));
        const reference = evaluatePlan({ ...plan, netAssets: read }, { asOf, exact: "reference" });
        expect(moneyAsStrings(withCents)).toEqual(moneyAsStrings(reference));
      }),
      { numRuns: 100 }
    );
    // Both kinds of row were read: the comparison covers rows in cents and the fallback.
    expect(seen.cents).toBeGreaterThan(0);
    expect(seen.decimals).toBeGreaterThan(0);
  });
});
