/**
 * A table's scanned cells read a row at a time (`ScannedRows`, issue 24) are
 * the grid the reader made of them before — the same rows, widths and
 * blanks, in any order they are asked for — and the plan read through the
 * row reader is the plan read from the rows as arrays: the same rows, the
 * same findings, at the same places.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScannedRows } from "../../src/cli/xlsx/scannedRows";
import type { Box, BoxCells } from "../../src/cli/xlsx/ooxml/sheetScan";
import type { CellValue } from "../../src/workbook/cells";
import { readPlan, type TableData } from "../../src/workbook/readPlan";

/** The grid as the reader used to make it (readTables.ts before ScannedRows), for reference. */
function referenceGrid(cells: BoxCells, box: Box, minWidth: number, minBottom: number) {
  const { rows, columns, values } = cells;
  const lastRow = Math.max(Math.min(box.bottom, minBottom), rows[rows.length - 1] ?? 0);
  let lastColumn = Math.min(box.right, box.left + minWidth - 1);
  for (let i = 0; i < columns.length; i += 1)
    if (columns[i]! > lastColumn) lastColumn = columns[i]!;
  const width = lastColumn - box.left + 1;
  const grid: CellValue[][] = [];
  for (let row = box.top; row <= lastRow; row += 1)
    grid.push(new Array<CellValue>(width).fill(null));
  for (let i = 0; i < rows.length; i += 1)
    grid[rows[i]! - box.top]![columns[i]! - box.left] = values[i]!;
  return grid;
}

const value: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 4 }),
  fc.boolean(),
  fc.constant({ error: "#N/A" })
);

/** A box and cells inside it in sheet order (rows going down, columns left to right, one cell a place), as the scan gives them. */
const scanned = fc
  .record({
    top: fc.integer({ min: 1, max: 5 }),
    left: fc.integer({ min: 1, max: 4 }),
    height: fc.integer({ min: 0, max: 12 }),
    width: fc.integer({ min: 1, max: 6 }),
  })
  .chain(({ top, left, height, width }) => {
    const box = { top, left, bottom: top + height, right: left + width - 1 };
    const places = Array.from({ length: (height + 1) * width }, (_, i) => ({
      row: top + Math.floor(i / width),
      column: left + (i % width),
    }));
    return fc.record({
      box: fc.constant(box),
      cells: fc.subarray(places).chain((chosen) =>
        fc
          .array(value, { minLength: chosen.length, maxLength: chosen.length })
          .map((values): BoxCells => ({
            rows: Int32Array.from(chosen.map((p) => p.row)),
            columns: Int32Array.from(chosen.map((p) => p.column)),
            values,
          }))
      ),
      minWidth: fc.integer({ min: 1, max: width }),
      minBottom: fc.integer({ min: top, max: top + height }),
    });
  });

describe("a table's scanned cells read a row at a time", () => {
  it("are the grid the reader made of them, row by row, asked for in any order (property)", () => {
    fc.assert(
      fc.property(
        scanned,
        fc.array(fc.nat(), { maxLength: 30 }),
        ({ box, cells, minWidth, minBottom }, asks) => {
          const expected = referenceGrid(cells, box, minWidth, minBottom);
          const rows = new ScannedRows(cells, box, minWidth, minBottom);
          expect(rows.count).toBe(expected.length);
          expect(rows.width).toBe(expected[0]?.length ?? rows.width);
          expect(rows.grid()).toEqual(expected);
          // In order, then jumping about (backwards, repeated, skipping): each is its row.
          for (let index = 0; index < rows.count; index += 1)
            expect([...rows.row(index)]).toEqual(expected[index]);
          for (const ask of asks) {
            const index = ask % Math.max(1, rows.count);
            if (index < rows.count) expect([...rows.row(index)]).toEqual(expected[index]);
          }
        }
      ),
      { numRuns: 500 }
    );
  });

  it("reads a row's cells where they are: `[46022, 'Growth', 2068.49]` under a header, a blank cell null", () => {
    const box = { top: 3, left: 2, bottom: 6, right: 4 };
    const cells: BoxCells = {
      rows: Int32Array.from([3, 3, 3, 4, 4, 4, 6]),
      columns: Int32Array.from([2, 3, 4, 2, 3, 4, 3]),
      values: ["Date", "Portfolio", "Class B net assets", 46022, "Growth", 2068.49, "Income"],
    };
    const rows = new ScannedRows(cells, box, 3);
    expect(rows.count).toBe(4); // rows 3 to 6: the header and three rows, row 5 empty
    expect([...rows.row(1)]).toEqual([46022, "Growth", 2068.49]);
    expect([...rows.row(3)]).toEqual([null, "Income", null]);
    expect([...rows.row(2)]).toEqual([null, null, null]);
    expect([...rows.row(0)]).toEqual(["Date", "Portfolio", "Class B net assets"]);
  });
});

const HEADERS = ["Date", "Portfolio", "Class B net assets"];
const navCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.integer({ min: 45000, max: 46500 }),
  fc.constantFrom("Growth", "Income", " growth ", ""),
  fc.double({ min: -1e9, max: 1e12, noNaN: true }),
  fc.constant(null),
  fc.constant({ error: "#REF!" }),
  fc.constant("12/31/2025")
);

describe("the plan read through a row reader", () => {
  it("is the plan read from the rows as arrays: rows, findings and places alike (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(navCell, { minLength: 3, maxLength: 3 }), { maxLength: 40 }),
        (rows) => {
          const table = (data: Partial<TableData>): TableData => ({
            sheet: "Net Assets",
            name: "NetAssets",
            headers: HEADERS,
            rows: [],
            firstRow: 2,
            firstColumn: 1,
            ...data,
          });
          // A reader handing every row in one array, filled again each time, as ScannedRows does.
          const scratch: CellValue[] = [null, null, null];
          const reader = {
            count: rows.length,
            row: (index: number) => {
              rows[index]!.forEach((cell, i) => (scratch[i] = cell));
              return scratch;
            },
          };
          const fromArrays = readPlan({ tables: [table({ rows })], dateSystem: "1900" });
          const fromReader = readPlan({
            tables: [table({ rowReader: reader })],
            dateSystem: "1900",
          });
          const plain = (plan: typeof fromArrays.plan) =>
            plan.netAssets.map((row) => ({
              date: row.date,
              portfolio: row.portfolio,
              netAssets: row.netAssets.toString(),
              cents: row.netAssetsCents,
              source: row.source,
            }));
          expect(plain(fromReader.plan)).toEqual(plain(fromArrays.plan));
          expect(fromReader.exceptions).toEqual(fromArrays.exceptions);
          expect([...fromReader.portfoliosWithBadNetAssets]).toEqual([
            ...fromArrays.portfoliosWithBadNetAssets,
          ]);
        }
      ),
      { numRuns: 300 }
    );
  });
});
