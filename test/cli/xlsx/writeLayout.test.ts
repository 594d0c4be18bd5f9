/**
 * `writeLayout` shares one ExcelJS style object between the cells of one
 * style (ExcelJS then serialises each style once). The workbook it writes
 * must be the one the per-cell styling wrote: same sheet part, same styles
 * part, byte for byte. `writeLayout` is now the reference route
 * (`writeLayoutReference.ts`) that the direct writer is held to; this keeps
 * the reference itself held to the styling before it.
 */
import type ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CellStyle, LayoutCell, SheetLayout } from "../../../src/workbook/sheetLayout";
import { FORMATS } from "../../../src/workbook/schema";
import { newExcelJsWorkbook } from "../../../src/cli/xlsx/excelJs";
import { XlsxPackage } from "../../../src/cli/xlsx/ooxml/xlsxPackage";
import { mergeUnchecked, writeLayout } from "./writeLayoutReference";
import { serialFromDay } from "../../../src/engine/calendar";

const THIN = { style: "thin" as const, color: { argb: "FF7F7F7F" } };

/** The styling `writeLayout` did before styles were shared: each property set on each cell. */
function applyStyleOneByOne(
  cell: ExcelJS.Cell,
  style: CellStyle | undefined,
  isDate: boolean
): void {
  const s = style ?? {};
  if (s.bold || s.italic || s.size || s.color) {
    cell.font = {
      name: "Calibri",
      size: s.size ?? 10,
      ...(s.bold ? { bold: true } : {}),
      ...(s.italic ? { italic: true } : {}),
      ...(s.color ? { color: { argb: s.color } } : {}),
    };
  } else cell.font = { name: "Calibri", size: 10 };
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: s.fill } };
  const numberFormat = s.numberFormat ?? (isDate ? FORMATS.date : undefined);
  if (numberFormat) cell.numFmt = numberFormat;
  if (s.align || s.wrap || s.indent) {
    cell.alignment = {
      vertical: "top",
      ...(s.align ? { horizontal: s.align } : {}),
      ...(s.wrap ? { wrapText: true } : {}),
      ...(s.indent ? { indent: s.indent } : {}),
    };
  } else cell.alignment = { vertical: "top" };
  if (s.border === "top") cell.border = { top: THIN };
  if (s.border === "topDouble")
    cell.border = { top: THIN, bottom: { style: "double", color: { argb: "FF7F7F7F" } } };
  if (s.border === "bottom") cell.border = { bottom: THIN };
}

/** `writeLayout` as it was before styles were shared (its cells, merges and columns). */
function writeLayoutOneByOne(sheet: ExcelJS.Worksheet, layout: SheetLayout): void {
  layout.columnWidths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  for (const cell of layout.cells) {
    const target = sheet.getCell(cell.row, cell.column);
    target.value =
      "text" in cell
        ? cell.text
        : "number" in cell
          ? cell.number
          : "date" in cell
            ? serialFromDay(cell.date, "1900")
            : "formula" in cell
              ? ({ formula: cell.formula, result: cell.result } as ExcelJS.CellFormulaValue)
              : null;
    applyStyleOneByOne(target, cell.style, "date" in cell);
  }
  for (const merge of layout.merges) mergeUnchecked(sheet, merge);
  // The rest of the sheet (views, print setup) as writeLayout writes it, on an empty layout.
  writeLayout(sheet, { ...layout, cells: [], merges: [], columnWidths: [] }, "1900");
}

const styleArbitrary: fc.Arbitrary<CellStyle | undefined> = fc.option(
  fc.record(
    {
      bold: fc.boolean(),
      italic: fc.boolean(),
      size: fc.constantFrom(9, 10, 14),
      fill: fc.constantFrom("FFDCE6F1", "FFFCE4D6"),
      color: fc.constantFrom("FFC00000", "FF1F4E79"),
      numberFormat: fc.constantFrom(FORMATS.money, FORMATS.rate, FORMATS.date, FORMATS.count),
      align: fc.constantFrom("left" as const, "center" as const, "right" as const),
      wrap: fc.boolean(),
      border: fc.constantFrom("top" as const, "bottom" as const, "topDouble" as const),
      indent: fc.constantFrom(1, 2),
    },
    { requiredKeys: [] }
  ),
  { nil: undefined }
);

const cellArbitrary: fc.Arbitrary<LayoutCell> = fc
  .record({
    // A small grid, so some cells are written twice (the later style over the earlier).
    row: fc.integer({ min: 1, max: 6 }),
    column: fc.integer({ min: 1, max: 4 }),
    style: styleArbitrary,
    content: fc.oneof(
      fc.record({ text: fc.string() }),
      fc.record({ number: fc.double({ noNaN: true, noDefaultInfinity: true }) }),
      fc.record({ date: fc.integer({ min: 0, max: 60_000 }) }),
      fc.record({ formula: fc.constant("1+1"), result: fc.constant(2) }),
      fc.constant({ blank: true as const })
    ),
  })
  .map(({ row, column, style, content }) => ({
    ...content,
    row,
    column,
    ...(style ? { style } : {}),
  }));

function layoutOf(cells: LayoutCell[], merged: boolean): SheetLayout {
  return {
    sheetName: "Report",
    cells,
    merges: merged ? [{ top: 7, left: 1, bottom: 7, right: 3 }] : [],
    columnWidths: [12, 30],
    rowHeights: [],
    charts: [],
    pageBreaks: [],
    print: { orientation: "portrait", fitToWidth: 1, repeatRows: null, header: "", footer: "" },
    frozenRows: 0,
  };
}

async function rendered(
  layout: SheetLayout,
  write: (sheet: ExcelJS.Worksheet, layout: SheetLayout) => void
): Promise<{ sheet: string; styles: string }> {
  const workbook = await newExcelJsWorkbook();
  write(workbook.addWorksheet(layout.sheetName), layout);
  const pkg = await XlsxPackage.read(Buffer.from(await workbook.xlsx.writeBuffer()));
  return {
    sheet: pkg.bytes("xl/worksheets/sheet1.xml")!.toString("utf8"),
    styles: pkg.bytes("xl/styles.xml")!.toString("utf8"),
  };
}

describe("writeLayout's shared styles", () => {
  it("write the same sheet and styles parts as styling each cell on its own", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(cellArbitrary, { maxLength: 30 }),
        fc.boolean(),
        async (cells, merged) => {
          const layout = layoutOf(
            merged ? [...cells, { row: 7, column: 1, text: "merged" }] : cells,
            merged
          );
          const shared = await rendered(layout, (sheet, l) => writeLayout(sheet, l, "1900"));
          const oneByOne = await rendered(layout, writeLayoutOneByOne);
          expect(shared.sheet).toBe(oneByOne.sheet);
          expect(shared.styles).toBe(oneByOne.styles);
        }
      ),
      { numRuns: 60 }
    );
  });
});
