/**
 * `toSeries` reads a row's kept whole cents (issue 24) where the reader has them: the same
 * findings, in the same words, as from the row's decimal, and a clean history of such rows
 * builds no decimal.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { day, isoDate } from "../../src/engine/calendar";
import { type Decimal, decimalFromCents } from "../../src/engine/decimal";
import { exception, type PlanException, type SourceRef } from "../../src/engine/exceptions";
import { toSeries } from "../../src/engine/netAssetsSeries";

const COLUMNS = { date: "Date", netAssets: "Class B net assets" };

/** A row whose decimal is built only when read (as the workbook's reader builds it), and counted. */
function centsRow(date: number, cents: number, reads: { count: number }) {
  return {
    date,
    netAssetsCents: cents,
    source: { sheet: "Net Assets", table: "NetAssets", row: date },
    get netAssets(): Decimal {
      reads.count += 1;
      return decimalFromCents(cents);
    },
  };
}

describe("a series from rows kept in whole cents", () => {
  it("a clean history reads no decimal, and its points are its rows", () => {
    const reads = { count: 0 };
    const rows = [centsRow(day("2025-01-02"), 100, reads), centsRow(day("2025-01-03"), 0, reads)];
    const { series, exceptions } = toSeries("Growth", rows, COLUMNS);
    expect(exceptions).toEqual([]);
    expect(series).toEqual(rows);
    expect(reads.count).toBe(0);
  });

  it("negative, repeated and unsorted rows are the same findings as from decimals (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 45600, max: 45610 }), fc.integer({ min: -300, max: 300 })),
          { maxLength: 8 }
        ),
        (cells) => {
          const reads = { count: 0 };
          const inCents = cells.map(([date, cents]) => centsRow(date, cents, reads));
          const inDecimals = inCents.map(({ date, source, netAssetsCents }) => ({
            date,
            source,
            netAssets: decimalFromCents(netAssetsCents),
          }));
          const fromCents = toSeries("Growth", inCents, COLUMNS);
          const fromDecimals = toSeries("Growth", inDecimals, COLUMNS);
          expect(fromCents.exceptions).toEqual(fromDecimals.exceptions);
          expect(fromCents.series === null).toBe(fromDecimals.series === null);
          fromCents.series?.forEach((point, index) =>
            expect(point.netAssets.eq(fromDecimals.series![index]!.netAssets)).toBe(true)
          );
        }
      ),
      { numRuns: 1000, examples: [[[[45600, -1]]], [[[45600, -0]]]] }
    );
  });

  it("a history gets the findings the date-by-date map gave, sorted or not (property)", () => {
    const row = (date: number, rowNumber: number) => ({
      date,
      netAssets: decimalFromCents(100),
      source: { sheet: "Net Assets", table: "NetAssets", row: rowNumber },
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.integer({ min: 45600, max: 45606 }), { maxLength: 10 }),
          // Mostly increasing, with a step back or a repeat somewhere.
          fc
            .tuple(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 10 }), fc.integer())
            .map(([steps]) =>
              steps.map(
                (_, i) =>
                  45600 + steps.slice(0, i + 1).reduce((a, b) => a + b, 0) - (i % 4 === 3 ? 2 : 0)
              )
            )
        ),
        (dates) => {
          const rows = dates.map((date, index) => row(date, index + 1));
          expect(toSeries("Growth", rows, COLUMNS).exceptions).toEqual(byMap("Growth", rows));
        }
      ),
      { numRuns: 2000 }
    );
  });
});

/** The repeat and order findings as `toSeries` found them before issue 24: a map of every date. */
function byMap(
  portfolio: string,
  rows: readonly { date: number; source: SourceRef }[]
): PlanException[] {
  const found: PlanException[] = [];
  const seenAt = new Map<number, SourceRef>();
  let previous: { date: number } | null = null;
  for (const row of rows) {
    const where = { portfolio, date: row.date, source: { ...row.source, column: "Date" } };
    const first = seenAt.get(row.date);
    if (first)
      found.push(
        exception(
          "error",
          "nav-duplicate-date",
          `${portfolio}: ${isoDate(row.date)} has two NAV rows (first at row ${first.row}); keep one.`,
          where
        )
      );
    else if (previous && row.date < previous.date)
      found.push(
        exception(
          "error",
          "nav-unsorted",
          `${portfolio}: NAV date ${isoDate(row.date)} comes after ${isoDate(previous.date)}; sort the rows by date.`,
          where
        )
      );
    seenAt.set(row.date, row.source);
    previous = row;
  }
  return found;
}
