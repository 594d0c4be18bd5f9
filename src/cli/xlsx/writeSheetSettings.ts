/**
 * The sheet-level settings of a report sheet, which ExcelJS still renders:
 * its cells are written as SpreadsheetML (`layoutSheetXml.ts`) and spliced in.
 */
import type ExcelJS from "exceljs";
import type { SheetLayout } from "../../workbook/sheetLayout";

/**
 * Puts the sheet-level settings of `layout` on `sheet` (expected empty):
 * column widths, page breaks, views (frozen rows, no grid lines), page setup
 * with print titles, header and footer — everything but the cells, their
 * merges and row heights, which `layoutSheetXml.ts` writes as SpreadsheetML.
 *
 * `writeSheetSettings(workbook.addWorksheet(layout.sheetName), layout)`
 */
export function writeSheetSettings(sheet: ExcelJS.Worksheet, layout: SheetLayout): void {
  layout.columnWidths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  // A layout break starts a page at its row; OOXML's break sits after the row above.
  for (const row of layout.pageBreaks) if (row > 1) sheet.getRow(row - 1).addPageBreak();
  if (layout.frozenRows > 0)
    sheet.views = [{ state: "frozen", ySplit: layout.frozenRows, showGridLines: false }];
  else sheet.views = [{ showGridLines: false }];
  const { print } = layout;
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: print.orientation,
    paperSize: 1 as never, // US Letter: the board book's paper.
    fitToPage: true,
    fitToWidth: print.fitToWidth,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(print.repeatRows
      ? { printTitlesRow: `${print.repeatRows[0]}:${print.repeatRows[1]}` }
      : {}),
  };
  sheet.headerFooter = { oddHeader: print.header, oddFooter: print.footer };
}
