/**
 * `toSeries` reads a row's kept whole cents (issue 24) where the reader has them: the same
 * findings, in the same words, as from the row's decimal, and a clean history of such rows
 * builds no decimal.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { type Decimal, decimalFromCents } from "../../src/engine/decimal";
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
});
