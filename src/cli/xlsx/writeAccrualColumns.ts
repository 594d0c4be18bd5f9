/**
 * Puts the accrual columns into the NetAssets table of an ExcelJS workbook:
 * in place when the marker name says rule12b1 wrote them before, else as new
 * table columns to the right. Refuses (returns a problem) rather than write
 * over anything it did not write: a user column with one of our headers, or
 * data in the cells the new columns would take.
 */
import type ExcelJS from "exceljs";
import { ACCRUAL_COLUMNS_MARKER, ACCRUAL_FORMATS, ACCRUAL_HEADERS, type AccrualCell } from "../../workbook/accrualColumns";
import { normalizeHeader } from "../../workbook/schema";
import { address, letters } from "../../workbook/sheetLayout";
import { parseRange, type TableLocation } from "./readTables";

interface LoadedTableModel {
  name: string;
  tableRef?: string;
  ref?: string;
  autoFilterRef?: string;
  columns: { name: string; filterButton?: boolean }[];
}

const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

function markerColumn(workbook: ExcelJS.Workbook, sheet: string): number | null {
  const ranges = workbook.definedNames.getRanges(ACCRUAL_COLUMNS_MARKER).ranges;
  for (const range of ranges) {
    const match = /^'?(.*?)'?!(.*)$/.exec(range);
    if (!match || match[1]!.replace(/''/g, "'") !== sheet) continue;
    return parseRange(match[2]!.replace(/\$/g, "")).left;
  }
  return null;
}

/**
 * Writes `rows` (one per table data row) and returns the first column used, or a problem.
 *
 * `writeAccrualColumns(workbook, netAssetsLocation, accrualColumns(plan, evaluation, n), accrualAuditNote(facts))` → `{ ok: true, firstColumn: 4 }`
 */
export function writeAccrualColumns(workbook: ExcelJS.Workbook, location: TableLocation, rows: readonly AccrualCell[][], auditNote?: string): { ok: true; firstColumn: number } | { ok: false; problem: string } {
  const sheet = workbook.getWorksheet(location.sheet)!;
  const table = sheet.getTables().map((t) => (t as unknown as { table: LoadedTableModel }).table).find((t) => t.name === location.name)!;
  const headerCells = table.columns.map((c) => normalizeHeader(c.name));
  const ours = ACCRUAL_HEADERS.map((h) => normalizeHeader(h));
  const marked = markerColumn(workbook, location.sheet);
  const at = headerCells.indexOf(ours[0]!);
  const inPlace = at >= 0 && marked === location.firstColumn + at && ours.every((h, i) => headerCells[at + i] === h);
  let first: number;
  if (inPlace) first = location.firstColumn + at;
  else {
    const clash = ACCRUAL_HEADERS.filter((h) => headerCells.includes(normalizeHeader(h)));
    if (clash.length > 0) {
      return { ok: false, problem: `Sheet "${location.sheet}", table ${location.name}: column "${clash[0]}" exists but was not written by rule12b1 (no ${ACCRUAL_COLUMNS_MARKER} name over it). Rename or remove it, then run accrue again.` };
    }
    first = location.lastColumn + 1;
    for (let row = location.headerRow; row <= location.lastRow; row += 1) {
      for (let column = first; column < first + ACCRUAL_HEADERS.length; column += 1) {
        const value = sheet.getCell(row, column).value;
        if (value !== null && value !== undefined && value !== "") {
          return { ok: false, problem: `Sheet "${location.sheet}", cell ${address(row, column)} holds data where the accrual columns go (right of table ${location.name}). Move it, then run accrue again.` };
        }
      }
    }
    table.columns.push(...ACCRUAL_HEADERS.map((name) => ({ name, filterButton: true })));
    const box = parseRange(table.tableRef ?? table.ref ?? "A1");
    const lastColumn = first + ACCRUAL_HEADERS.length - 1;
    table.tableRef = `${address(box.top, box.left)}:${address(box.bottom, lastColumn)}`;
    table.autoFilterRef = `${address(box.top, box.left)}:${address(location.lastRow, lastColumn)}`;
    ACCRUAL_HEADERS.forEach((header, i) => {
      const cell = sheet.getCell(location.headerRow, first + i);
      cell.value = header;
      cell.font = { bold: true };
      sheet.getColumn(first + i).width = i === ACCRUAL_HEADERS.length - 1 ? 40 : 14;
    });
  }
  rows.forEach((values, index) => {
    const row = sheet.getRow(location.headerRow + 1 + index);
    values.forEach((value, i) => {
      const cell = row.getCell(first + i);
      cell.value = value === "" ? null : value;
      cell.numFmt = ACCRUAL_FORMATS[i]!;
    });
  });
  // The audit trail rides on the first header as a note (a comment): the table itself stays plain data.
  if (auditNote !== undefined) sheet.getCell(location.headerRow, first).note = auditNote;
  for (const name of [ACCRUAL_COLUMNS_MARKER]) {
    workbook.definedNames.getRanges(name).ranges.forEach((range) => workbook.definedNames.remove(range, name));
    workbook.definedNames.add(`${quote(location.sheet)}!$${letters(first)}$${location.headerRow}:$${letters(first + ACCRUAL_HEADERS.length - 1)}$${location.headerRow}`, name);
  }
  return { ok: true, firstColumn: first };
}
