import { describe, expect, it } from "vitest";
import { layoutGrid, probedStyles, stylesInOrder } from "../../../src/cli/xlsx/layoutGrid";
import type { LayoutCell, SheetLayout } from "../../../src/workbook/sheetLayout";

function layoutOf(cells: LayoutCell[], merges: SheetLayout["merges"] = []): SheetLayout {
  return {
    sheetName: "Report",
    cells,
    merges,
    columnWidths: [],
    rowHeights: [],
    charts: [],
    pageBreaks: [],
    print: { orientation: "portrait", fitToWidth: 1, repeatRows: null, header: "", footer: "" },
    frozenRows: 0,
  };
}

describe("layoutGrid", () => {
  it("a cell written twice keeps the last value, and the first style's fill where the second has none", () => {
    const grid = layoutGrid(
      layoutOf([
        { row: 1, column: 1, text: "first", style: { fill: "FFDCE6F1" } },
        { row: 1, column: 1, number: 2, style: { bold: true } },
      ]),
      "1900"
    );
    const cell = grid.rows.get(1)![1]!;
    expect(cell.value).toEqual({ number: 2 });
    expect(cell.style).toBe('v{"fill":"FFDCE6F1"}\u0001v{"bold":true}');
    expect(grid.styles.get(cell.style!)).toMatchObject({
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } },
      font: { name: "Calibri", size: 10, bold: true },
    });
  });

  it("a date is its serial in the workbook's date system, styled with the date format", () => {
    // Day 20,000 after 1970-01-01 is 2024-10-04: serial 45,569 (1900 system), 44,107 (1904).
    const cells: LayoutCell[] = [{ row: 1, column: 1, date: 20_000 }];
    expect(layoutGrid(layoutOf(cells), "1900").rows.get(1)![1]!.value).toEqual({ number: 45_569 });
    expect(layoutGrid(layoutOf(cells), "1904").rows.get(1)![1]!.value).toEqual({ number: 44_107 });
    expect(layoutGrid(layoutOf(cells), "1900").rows.get(1)![1]!.style).toBe("d");
  });

  it("merges list by their first merged-over cell, and a merge's top-left cell the layout left out is unstyled", () => {
    const grid = layoutGrid(
      layoutOf(
        [{ row: 3, column: 3, text: "x", style: { bold: true } }],
        [
          { top: 3, left: 3, bottom: 4, right: 3 },
          { top: 1, left: 2, bottom: 1, right: 3 },
          { top: 2, left: 1, bottom: 3, right: 2 },
        ]
      ),
      "1900"
    );
    expect(grid.mergeRefs).toEqual(["B1:C1", "A2:B3", "C3:C4"]);
    expect(grid.rows.get(1)![2]!.style).toBeNull();
    expect(grid.rows.get(4)![3]).toEqual({
      column: 3,
      value: { merged: true },
      style: 'v{"bold":true}',
    });
  });

  it("styles are probed in the order the sheets meet them, row by row, and read back by probe row", () => {
    const first = layoutGrid(
      layoutOf([
        { row: 2, column: 1, text: "b", style: { italic: true } },
        { row: 1, column: 2, text: "a", style: { bold: true } },
      ]),
      "1900"
    );
    const second = layoutGrid(layoutOf([{ row: 1, column: 1, text: "c" }]), "1900");
    const keys = stylesInOrder([first, second]);
    expect(keys).toEqual(['v{"bold":true}', 'v{"italic":true}', "v"]);
    expect(probedStyles('<c r="A1" s="4"/><c r="A3" s="2"/>', keys)).toEqual(
      new Map([
        ['v{"bold":true}', 4],
        ['v{"italic":true}', 0],
        ["v", 2],
      ])
    );
  });
});
