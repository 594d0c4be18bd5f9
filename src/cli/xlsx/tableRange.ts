/**
 * A table's range that does not fit the cells under it, said plainly: a
 * range whose header row holds nothing (the table part points where the
 * sheet has no cells, as `BA1:XFD1048576` over a table in A1:C68 does), and
 * a range running far below its last row with a value (`A1:C1048576` over
 * 68 rows), which `accrue` would fill with a million rows of columns.
 */
import { type CellValue, isBlank } from "../../workbook/cells";
import { address, letters } from "../../workbook/sheetLayout";
import type { RowReader } from "../../workbook/workbookData";
import type { Box } from "./ooxml/sheetScan";

const count = (n: number) => n.toLocaleString("en-US");

/** Empty rows below the last value, beyond which a range is called far bigger than its data. */
const FAR_BELOW = 1_000;

/**
 * Why the table's cells cannot be read as table `table` on `sheet`, when
 * its `header` row is empty; null otherwise.
 * `dimension` is the sheet's own used range (`<dimension ref>`), if stated.
 *
 * `emptyHeaderProblem("Net Assets", "NetAssets", "BA1:XFD1048576", box, [null, null], ["Date", "Portfolio"], "A1:C68")`
 * → `'Sheet "Net Assets", table NetAssets: its range BA1:XFD1048576 has nothing in its header row …'`
 */
export function emptyHeaderProblem(
  sheet: string,
  table: string,
  ref: string,
  box: Box,
  header: readonly CellValue[],
  columns: readonly string[],
  dimension: string | null
): string | null {
  if (!header.every(isBlank)) return null;
  const where = `row ${count(box.top)}, ${letters(box.left)} to ${letters(box.right)}`;
  const expected = columns.length > 0 ? ` (${columns.join(", ")})` : "";
  const cells = dimension ? ` The sheet's cells lie in ${dimension}.` : "";
  return `Sheet "${sheet}", table ${table}: its range ${ref} has nothing in its header row (${where}), so its columns${expected} cannot be found there: the table part does not match the sheet's cells.${cells} Resize the table in Excel (Table Design → Resize Table) to cover its header and rows, and save.`;
}

/**
 * The refusal of a table whose range is wider or narrower than the columns
 * its part lists (Excel calls such a file damaged and repairs it on opening):
 * reading it would take cells that are not the table's, and writing beside it
 * would put the accrual columns where the table does not end — past column
 * XFD, for a range running to the sheet's edge. Null when they agree.
 *
 * `columnCountProblem("Net Assets", "NetAssets", "A1:XFD68", { top: 1, left: 1, bottom: 68, right: 16384 }, ["Date", "Portfolio", "Class B net assets"])`
 * → `'Sheet "Net Assets", table NetAssets: its range A1:XFD68 is 16,384 columns wide, but the table part lists 3 columns …'`
 */
export function columnCountProblem(
  sheet: string,
  table: string,
  ref: string,
  box: Box,
  columns: readonly string[]
): string | null {
  const width = box.right - box.left + 1;
  if (width === columns.length) return null;
  const listed = columns.length > 0 ? ` (${columns.join(", ")})` : "";
  return `Sheet "${sheet}", table ${table}: its range ${ref} is ${count(width)} column${width === 1 ? "" : "s"} wide, but the table part lists ${count(columns.length)} column${columns.length === 1 ? "" : "s"}${listed}: the table part is damaged. Open the workbook in Excel and save it (Excel repairs the table), or use a backup.`;
}

/**
 * A warning when table `table`'s range runs more than a thousand rows (and
 * more rows than it has data) below its last row holding a value (`rows`:
 * the table's cells, header row first); null otherwise.
 *
 * `emptyRowsBelowWarning("Net Assets", "NetAssets", "A1:C1048576", { top: 1, left: 1, bottom: 1048576, right: 3 }, rows)`
 * → `'Sheet "Net Assets", table NetAssets: its range A1:C1048576 runs to row 1,048,576 …'`
 */
export function emptyRowsBelowWarning(
  sheet: string,
  table: string,
  ref: string,
  box: Box,
  rows: RowReader
): string | null {
  let last = rows.count - 1;
  while (last > 0 && rows.row(last).every(isBlank)) last -= 1;
  const lastRow = box.top + last;
  const empty = box.bottom - lastRow;
  if (empty <= FAR_BELOW || empty <= lastRow - box.top) return null;
  return `Sheet "${sheet}", table ${table}: its range ${ref} runs to row ${count(box.bottom)}, but its last row holding a value is row ${count(lastRow)}; the ${count(empty)} empty rows below it are part of the table${table.toLowerCase() === "netassets" ? ` (accrue writes its columns down to ${address(box.bottom, box.right)})` : ""}. If they are not meant to be rows of the table, resize it to end at row ${count(lastRow)} (Table Design → Resize Table).`;
}
