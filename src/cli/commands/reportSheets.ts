/**
 * Writes report sheets (quarterly reports, the annual SAI table) into the
 * user's package: their styles and settings rendered by ExcelJS in a scratch
 * workbook, their cells written as SpreadsheetML, grafted in.
 * Only a sheet rule12b1 wrote is replaced (`src/workbook/reportSheetOwner.ts`):
 * a person's own sheet of the report's name is kept, and the report goes
 * under the next free name (issue 22).
 */
import { newExcelJsWorkbook } from "../xlsx/excelJs";
import { letters, type SheetLayout } from "../../workbook/sheetLayout";
import { openOnSheet, setPrintArea, sheetRange } from "../xlsx/ooxml/openOnSheet";
import { freeSheetName, writtenByRule12b1 } from "../../workbook/reportSheetOwner";
import { injectCharts } from "../xlsx/injectCharts";
import { graftSheet, renderScratch } from "../xlsx/ooxml/graftSheet";
import type { XlsxPackage } from "../xlsx/ooxml/xlsxPackage";
import { layoutCharts } from "../xlsx/reportCharts";
import { cellsIn, sharedStrings, type WorkbookTables } from "../xlsx/readTables";
import { layoutGrid, probedStyles, writeStyleProbe } from "../xlsx/layoutGrid";
import { withGrid } from "../xlsx/layoutSheetXml";
import { writeSheetSettings } from "../xlsx/writeSheetSettings";

/** What became of one report sheet. */
export interface WrittenSheet {
  /** The sheet's name in the workbook: the layout's, or a free one beside a person's sheet. */
  sheetName: string;
  /** Whether an earlier report sheet of that name was replaced. */
  replaced: boolean;
  /** The person's sheet kept under the layout's name, when the report had to go elsewhere. */
  kept?: string;
}

/**
 * Writes the report sheets into `pkg` — replacing an earlier report sheet of
 * the same name in its tab position — with their charts. Returns, per layout,
 * where it went.
 *
 * ExcelJS renders a scratch workbook of each sheet's settings (widths, views,
 * print setup) and one cell per style the sheets use, so the styles part and
 * every style index are ExcelJS's as when it rendered whole sheets; the cells
 * themselves (43,000 on a 50-portfolio trust) are written straight from the
 * layout (`layoutSheetXml.ts`), the same bytes without ExcelJS's cell grid.
 */
export async function writeReportSheets(
  pkg: XlsxPackage,
  layouts: readonly SheetLayout[],
  dateSystem: WorkbookTables["dateSystem"]
): Promise<WrittenSheet[]> {
  const named = await namesToWrite(pkg, layouts);
  const placed = layouts.map((layout, i) => ({ ...layout, sheetName: named[i]!.sheetName }));
  const grids = placed.map((layout) => layoutGrid(layout, dateSystem));
  const scratch = await newExcelJsWorkbook();
  for (const layout of placed)
    writeSheetSettings(
      scratch.addWorksheet(layout.sheetName, { properties: { tabColor: { argb: "FF1F4E79" } } }),
      layout
    );
  // Last, so the report sheets keep their positions (their print titles name them by index).
  const probeName = freeSheetName(
    "styles",
    placed.map((layout) => layout.sheetName)
  );
  const keys = writeStyleProbe(scratch.addWorksheet(probeName), grids);
  const donor = await renderScratch(scratch);
  const probe = donor.sheets().find((sheet) => sheet.name === probeName)!;
  const donorIndex = probedStyles(donor.text(probe.part)!, keys);
  const written = placed.map((layout, i) => ({
    ...named[i]!,
    replaced: graftSheet(pkg, donor, layout.sheetName, (sheetXml, cellFormat) => {
      const attributes = new Map<string | null, string>();
      return withGrid(sheetXml, grids[i]!, (key) => {
        let attribute = attributes.get(key);
        if (attribute === undefined) {
          const index = key === null ? 0 : (donorIndex.get(key) ?? 0);
          attribute = index === 0 ? "" : ` s="${cellFormat(index)}"`;
          attributes.set(key, attribute);
        }
        return attribute;
      });
    }).replaced,
  }));
  injectCharts(pkg, layoutCharts(placed));
  return written;
}

/**
 * Each layout's sheet name: its own, unless a sheet of that name is a
 * person's — then the first of "name (2)", "name (3)" … that is free or is
 * a report rule12b1 wrote there on an earlier run (replaced, so a second run
 * does not add a third sheet).
 *
 * `await namesToWrite(pkg, [layout])` → `[{ sheetName: "12b-1 Report 2026-Q3 (2)", kept: "12b-1 Report 2026-Q3" }]`
 */
export async function namesToWrite(
  pkg: XlsxPackage,
  layouts: readonly SheetLayout[]
): Promise<Omit<WrittenSheet, "replaced">[]> {
  const sheets = pkg.sheets();
  let strings: string[] | null = null;
  const ours = async (name: string): Promise<boolean | null> => {
    const sheet = sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    const xml = sheet ? pkg.text(sheet.part) : null;
    if (!sheet || xml === null) return null;
    strings ??= await sharedStrings(pkg);
    return writtenByRule12b1(
      cellsIn(xml, { top: 1, left: 1, bottom: 1, right: 1 }, strings)[0]?.[0]
    );
  };
  const chosen: string[] = [];
  const result: Omit<WrittenSheet, "replaced">[] = [];
  for (const layout of layouts) {
    const owner = await ours(layout.sheetName);
    if (owner !== false) {
      result.push({ sheetName: layout.sheetName });
      continue;
    }
    const kept = sheets.find((s) => s.name.toLowerCase() === layout.sheetName.toLowerCase())!.name;
    const passed = [kept, ...chosen, ...layouts.map((l) => l.sheetName)];
    for (;;) {
      const candidate = freeSheetName(layout.sheetName, passed);
      if ((await ours(candidate)) !== false) {
        chosen.push(candidate);
        result.push({ sheetName: candidate, kept });
        break;
      }
      passed.push(candidate);
    }
  }
  return result;
}

/** The layout's cells as a print range: A1 to its last row and column. */
export function printRange(layout: SheetLayout, sheetName = layout.sheetName): string {
  let lastRow = 1;
  let lastColumn = layout.columnWidths.length;
  for (const cell of layout.cells) {
    if (cell.row > lastRow) lastRow = cell.row;
    if (cell.column > lastColumn) lastColumn = cell.column;
  }
  return sheetRange(sheetName, lastRow, letters(lastColumn));
}

/**
 * The board's sheets print on their own and the workbook opens on the last
 * of them (SPEC §5, 2026-12-06): each gets its print area, and the last is
 * the active, only selected tab — so Excel's Print (active sheets) prints
 * the report and nothing else (`sheetNames`: where each layout was placed,
 * when a person's sheet kept its name). See src/cli/xlsx/ooxml/openOnSheet.ts for
 * what "Print Entire Workbook" does. Returns whether the workbook now opens
 * on the report.
 */
export async function printAndOpenOn(
  pkg: XlsxPackage,
  boardLayouts: readonly SheetLayout[],
  sheetNames: readonly string[] = boardLayouts.map((layout) => layout.sheetName)
): Promise<boolean> {
  boardLayouts.forEach((layout, i) =>
    setPrintArea(pkg, sheetNames[i]!, printRange(layout, sheetNames[i]))
  );
  const last = sheetNames.at(-1);
  return last ? await openOnSheet(pkg, last) : false;
}
