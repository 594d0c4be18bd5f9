/**
 * Puts the accrual columns into the NetAssets table: in place when the
 * marker name says rule12b1 wrote them before, else as new table columns to
 * the right. Refuses (returns a problem) rather than write over anything it
 * did not write: a user column with one of our headers, or data in the cells
 * the new columns would take.
 *
 * Both the checks and the writing work on the package itself (`ooxml/`):
 * the NAV sheet's rows get their new cells in one pass, the table part its
 * new columns, and everything else in the file is left as it was — ExcelJS
 * would re-serialise the whole workbook and drop what it does not model.
 * The six cell formats are ExcelJS's rendering of them, kept as text (`accrualStyleDonor.ts`).
 */
import { ACCRUAL_STYLE_DONOR } from "./accrualStyleDonor";
import {
  ACCRUAL_COLUMNS_MARKER,
  ACCRUAL_HEADERS,
  type AccrualCell,
} from "../../workbook/accrualColumns";
import { normalizeHeader } from "../../workbook/schema";
import { address, letters } from "../../workbook/sheetLayout";
import { stylesPart } from "./ooxml/graftSheet";
import { setNote } from "./ooxml/notes";
import { sheetPieces, STREAM_FROM, writeCellsStreamed } from "./ooxml/sheetCellStream";
import { writeCellsFromBytes } from "./ooxml/sheetRowBytes";
import {
  cellBlockXml,
  type RowCells,
  setColumnWidths,
  widenDimension,
  writeRowsAsBytes,
} from "./ooxml/sheetCells";
import { mergeStyles } from "./ooxml/styles";
import { dropCalculationChain, setDefinedName } from "./ooxml/workbookPart";
import type { XlsxPackage } from "./ooxml/xlsxPackage";
import { attribute, elementAt, escapeXml, setAttribute, unescapeXml } from "./ooxml/xml";
import { type BesideWatch, type Box, parseRange, type TableLocation } from "./readTables";

const WIDTHS = ACCRUAL_HEADERS.map((_, i) => (i === ACCRUAL_HEADERS.length - 1 ? 40 : 14));

const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** The first column under the marker name on `sheet`, if rule12b1 wrote accrual columns there. */
function markerColumn(pkg: XlsxPackage, sheet: string): number | null {
  const workbook = pkg.text(pkg.workbookPart()) ?? "";
  for (const match of workbook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    if (
      unescapeXml(attribute(`<x${match[1]}>`, "name") ?? "").toLowerCase() !==
      ACCRUAL_COLUMNS_MARKER.toLowerCase()
    )
      continue;
    const range = /^'?(.*?)'?!(.*)$/.exec(unescapeXml(match[2]!).trim());
    if (!range || range[1]!.replace(/''/g, "'") !== sheet) continue;
    return parseRange(range[2]!.replace(/\$/g, "")).left;
  }
  return null;
}

/**
 * The band `readWorkbookTables` is asked to watch for `placeAccrualColumns`:
 * the accrual columns' width, right of NetAssets.
 */
export const ACCRUAL_BAND: BesideWatch = { table: "NetAssets", columns: ACCRUAL_HEADERS.length };

export type AccrualPlacement =
  { ok: true; firstColumn: number; inPlace: boolean } | { ok: false; problem: string };

/**
 * Where the accrual columns go, or why they cannot be written (nothing is changed).
 *
 * `await placeAccrualColumns(pkg, netAssetsLocation)` → `{ ok: true, firstColumn: 4, inPlace: false }`
 */
export async function placeAccrualColumns(
  pkg: XlsxPackage,
  location: TableLocation
): Promise<AccrualPlacement> {
  const headerCells = location.columns.map(normalizeHeader);
  const ours = ACCRUAL_HEADERS.map((h) => normalizeHeader(h));
  const marked = markerColumn(pkg, location.sheet);
  const at = headerCells.indexOf(ours[0]!);
  if (
    at >= 0 &&
    marked === location.firstColumn + at &&
    ours.every((h, i) => headerCells[at + i] === h)
  )
    return { ok: true, firstColumn: location.firstColumn + at, inPlace: true };
  const clash = ACCRUAL_HEADERS.filter((h) => headerCells.includes(normalizeHeader(h)));
  if (clash.length > 0) {
    return {
      ok: false,
      problem: `Sheet "${location.sheet}", table ${location.name}: column "${clash[0]}" exists but was not written by rule12b1 (no ${ACCRUAL_COLUMNS_MARKER} name over it). Rename or remove it, then run accrue again.`,
    };
  }
  // The new columns take the table's full height, totals row included: the band the table
  // reader watched (loadPlan asks it to), so the NAV sheet is not walked again here.
  const beside = location.beside;
  if (beside === undefined || beside.band.right - beside.band.left + 1 !== ACCRUAL_HEADERS.length)
    throw new Error(`table ${location.name} was read without ACCRUAL_BAND watched`);
  const { band, occupied, merges } = beside;
  const first = band.left;
  const where = `where the accrual columns go (${address(band.top, band.left)}:${address(band.bottom, band.right)}, right of table ${location.name})`;
  if (occupied !== null)
    return {
      ok: false,
      problem: `Sheet "${location.sheet}", cell ${occupied} holds data ${where}. Move it, then run accrue again.`,
    };
  const overlaps = (box: Box) =>
    box.top <= band.bottom &&
    box.bottom >= band.top &&
    box.left <= band.right &&
    box.right >= band.left;
  for (const rel of pkg.relationships(location.sheetPart)) {
    if (rel.type.endsWith("/table") && rel.target !== location.tablePart) {
      const open = /<table\b[^>]*>/.exec(pkg.text(rel.target) ?? "")?.[0] ?? "";
      const box = parseRange(attribute(open, "ref") ?? "A1");
      if (overlaps(box))
        return {
          ok: false,
          problem: `Sheet "${location.sheet}": table ${unescapeXml(attribute(open, "displayName") ?? attribute(open, "name") ?? "")} (${attribute(open, "ref")}) lies ${where}. Move it, then run accrue again.`,
        };
    }
    if (rel.type.endsWith("/comments")) {
      for (const match of (pkg.text(rel.target) ?? "").matchAll(
        /<comment\b[^>]*\bref="([A-Z]+\d+)"/g
      )) {
        if (overlaps(parseRange(match[1]!)))
          return {
            ok: false,
            problem: `Sheet "${location.sheet}", cell ${match[1]} has a note ${where}. Move it, then run accrue again.`,
          };
      }
    }
  }
  for (const merge of merges) {
    if (overlaps(parseRange(merge)))
      return {
        ok: false,
        problem: `Sheet "${location.sheet}": merged cells ${merge} lie ${where}. Unmerge or move them, then run accrue again.`,
      };
  }
  return { ok: true, firstColumn: first, inPlace: false };
}

/** Style indexes in `pkg` for the header cells and for each column's number format: ExcelJS's rendering of them (`ACCRUAL_STYLE_DONOR`) merged in. */
function accrualStyles(pkg: XlsxPackage): { header: number[]; data: number[] } {
  const merged = mergeStyles(pkg.text(stylesPart(pkg))!, ACCRUAL_STYLE_DONOR.styles);
  pkg.setText(stylesPart(pkg), merged.styles);
  return {
    header: ACCRUAL_STYLE_DONOR.header.map((index) => merged.cellFormat(index)),
    data: ACCRUAL_STYLE_DONOR.data.map((index) => merged.cellFormat(index)),
  };
}

/** Widens the table part to take the six new columns. */
function addTableColumns(
  pkg: XlsxPackage,
  part: string,
  location: TableLocation,
  first: number
): void {
  let xml = pkg.text(part)!;
  const lastColumn = first + ACCRUAL_HEADERS.length - 1;
  xml = xml.replace(/<table\b[^>]*>/, (open) => {
    const box = parseRange(attribute(open, "ref") ?? "A1");
    return setAttribute(
      open,
      "ref",
      `${address(box.top, box.left)}:${address(box.bottom, lastColumn)}`
    );
  });
  xml = xml.replace(/<autoFilter\b[^>]*>/, (open) =>
    setAttribute(
      open,
      "ref",
      `${address(location.headerRow, parseRange(attribute(open, "ref") ?? "A1").left)}:${address(location.lastRow, lastColumn)}`
    )
  );
  const ids = [...xml.matchAll(/<tableColumn\b[^>]*\sid="(\d+)"/g)].map((m) => Number(m[1]));
  let next = Math.max(0, ...ids) + 1;
  const added = ACCRUAL_HEADERS.map(
    (name) => `<tableColumn id="${next++}" name="${escapeXml(name)}"/>`
  ).join("");
  xml = xml
    .replace("</tableColumns>", `${added}</tableColumns>`)
    .replace(/<tableColumns\b[^>]*>/, (open) =>
      setAttribute(open, "count", String(ids.length + ACCRUAL_HEADERS.length))
    );
  pkg.setText(part, xml);
}

/**
 * Writes the accrual columns (`rowAt`, a table data row at a time) at `placement` into `pkg`, with the
 * audit note on the first header and the marker name over the headers. A
 * NAV sheet of `streamFrom` bytes or more is written as it is inflated
 * (`sheetCellStream.ts`), a smaller one from the bytes the table reader kept
 * (`sheetRowBytes.ts`) or as one text; the bytes are the same.
 *
 * `await writeAccrualColumns(pkg, netAssetsLocation, placement, (i) => accrualRow(figures, i, scratch), accrualAuditNote(facts))`
 */
export async function writeAccrualColumns(
  pkg: XlsxPackage,
  location: TableLocation,
  placement: { firstColumn: number; inPlace: boolean },
  /** Data row `index` (0-based, in table order)'s six cells, used at once (a writer may reuse the array). */
  rowAt: (index: number) => readonly AccrualCell[],
  auditNote?: string,
  streamFrom = STREAM_FROM
): Promise<void> {
  const sheet = { part: location.sheetPart };
  const first = placement.firstColumn;
  const styles = accrualStyles(pkg);
  if (!placement.inPlace) addTableColumns(pkg, location.tablePart, location, first);
  const lastColumn = first + ACCRUAL_HEADERS.length - 1;
  // A data row's six cells as one string, no object per cell (the writer's main work on a long table),
  // with their columns known: a second accrue finds them in each row without parsing them back.
  const dataCells = cellBlockXml(first, styles.data);
  const cellsFor = (row: number): RowCells =>
    row === location.headerRow
      ? cellBlockXml(first, styles.header)(row, ACCRUAL_HEADERS)
      : dataCells(row, rowAt(row - location.headerRow - 1));
  const editHead = (head: string) => {
    const widened = widenDimension(head, location.lastRow, lastColumn);
    return placement.inPlace ? widened : setColumnWidths(widened, first, WIDTHS);
  };
  // The audit trail rides on the first header as a note (a comment): the table itself stays plain data.
  const note = () => {
    if (auditNote !== undefined)
      setNote(pkg, sheet.part, location.headerRow, first, auditNote, "rule12b1");
  };
  const proven = pkg.knownCanonical(sheet.part);
  const pieces = sheetPieces(pkg, sheet.part, streamFrom);
  const streamed =
    pieces &&
    (await writeCellsStreamed(pieces, location.headerRow, location.lastRow, cellsFor, { proven }));
  // A smaller sheet the table reader kept as it inflated it: its rows copied as bytes.
  const kept = pieces || !pkg.knownWellFormed(sheet.part) ? null : pkg.keptBytes(sheet.part);
  const fromKept =
    kept &&
    (await writeCellsFromBytes(kept, location.headerRow, location.lastRow, cellsFor, { proven }));
  // Else (not kept, or not in canonical form: then canonicalised whole), the same pieces from the text.
  const written =
    streamed ||
    fromKept ||
    (await writeRowsAsBytes(pkg.text(sheet.part)!, location.headerRow, location.lastRow, cellsFor));
  // The note's edits to the sheet (its <legacyDrawing>, the r: prefix) are outside the rows:
  // made on the sheet without them, a few kilobytes, then split around the rows again.
  pkg.setText(sheet.part, written.head + written.tail);
  note();
  const outside = pkg.text(sheet.part)!;
  const rowsAt = elementAt(outside, "sheetData")!.openEnd;
  pkg.setCanonicalBytes(sheet.part, [
    Buffer.from(editHead(outside.slice(0, rowsAt)), "utf8"),
    ...written.rows,
    Buffer.from(outside.slice(rowsAt), "utf8"),
  ]);
  setDefinedName(
    pkg,
    ACCRUAL_COLUMNS_MARKER,
    `${quote(location.sheet)}!$${letters(first)}$${location.headerRow}:$${letters(lastColumn)}$${location.headerRow}`
  );
  // The pane may have written live formulas in these columns; a calculation chain naming them would now be stale.
  dropCalculationChain(pkg);
}
