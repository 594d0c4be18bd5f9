/**
 * Appends rows to an Excel table in the user's package (the `PostedJournals`
 * table, SPEC §7): the cells are written below the table's last row with the
 * style the row above has in each column, and the table part's range (and
 * its filter's) grows to cover them. Every other part is left as it was.
 */
import { address } from "../../workbook/sheetLayout";
import { cellXml, styleOfCell, widenDimension, writeCells } from "./ooxml/sheetCells";
import { setAttribute } from "./ooxml/xml";
import type { XlsxPackage } from "./ooxml/xlsxPackage";
import type { TableLocation } from "./readTables";

/**
 * Writes `rows` (values in the table's column order) below `location`'s last
 * row, or into its one empty data row when it has no data yet (`empty`).
 *
 * `appendTableRows(pkg, location, [["Growth-2026-11-ACC", "2026-11", …]], false)`
 */
export function appendTableRows(
  pkg: XlsxPackage,
  location: TableLocation,
  rows: readonly (readonly (string | number | null)[])[],
  empty: boolean
): void {
  if (rows.length === 0) return;
  const first = empty ? location.headerRow + 1 : location.lastRow + 1;
  const last = first + rows.length - 1;
  const sheet = pkg.text(location.sheetPart)!;
  // The style of the row above (or of the empty row itself): the table's number formats.
  const styleRow = empty ? first : location.lastRow;
  const styles = rows[0]!.map((_, i) =>
    styleOfCell(sheet, address(styleRow, location.firstColumn + i))
  );
  let xml = writeCells(sheet, first, last, (row) =>
    rows[row - first]!.map((value, i) => ({
      column: location.firstColumn + i,
      xml: cellXml(row, location.firstColumn + i, value, styles[i]!),
    }))
  );
  xml = widenDimension(xml, last, location.lastColumn);
  pkg.setText(location.sheetPart, xml);
  const ref = `${address(location.headerRow, location.firstColumn)}:${address(Math.max(last, location.lastRow), location.lastColumn)}`;
  const table = pkg.text(location.tablePart)!;
  pkg.setText(
    location.tablePart,
    table
      .replace(/<table\b[^>]*>/, (tag) => setAttribute(tag, "ref", ref))
      .replace(/<autoFilter\b[^>]*?\/?>/, (tag) => setAttribute(tag, "ref", ref))
  );
}
