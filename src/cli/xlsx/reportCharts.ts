/**
 * The charts of the report sheets a run writes, from their layouts. Report
 * sheets already in the workbook keep their charts: the runner edits the
 * package and never re-serialises a sheet it did not write.
 */
import type { SheetLayout } from "../../workbook/sheetLayout";
import { cellValue } from "../../workbook/sheetLayout";
import type { SheetCharts } from "./injectCharts";

function fromLayout(layout: SheetLayout): SheetCharts {
  const at = (row: number, column: number) =>
    layout.cells.find((c) => c.row === row && c.column === column);
  return {
    sheetName: layout.sheetName,
    charts: layout.charts.map((spec) => {
      const rows = Array.from(
        { length: spec.lastRow - spec.firstRow + 1 },
        (_, i) => spec.firstRow + i
      );
      return {
        spec,
        labels: rows.map((row) =>
          String(cellValue(at(row, spec.categoryColumn) ?? { blank: true }) ?? "")
        ),
        values: rows.map((row) =>
          Number(cellValue(at(row, spec.valueColumn) ?? { blank: true }) ?? 0)
        ),
      };
    }),
  };
}

/** `layoutCharts([layout])` → the charts of the report sheets being written. */
export function layoutCharts(written: readonly SheetLayout[]): SheetCharts[] {
  return written.map(fromLayout);
}
