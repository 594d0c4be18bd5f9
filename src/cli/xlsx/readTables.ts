/**
 * Reads the plan's Excel tables straight from the .xlsx package into
 * `TableData` (the same shape the task pane hands `readPlan`). Only Excel
 * table objects count (SPEC §1: the workbook is the database, in tables): a
 * plain range that merely looks like one is not guessed at, the message says
 * to run `init`. A merged cell inside a plan table is refused with its
 * location, because a merge hides every value but its top-left one.
 *
 * Why not ExcelJS: it builds a model of every cell of every sheet (with
 * styles) before we can read one — 1.6 s and 300 MB for a 91,300-row NAV
 * history (issue 5, benchmark 4). Here each table's sheet is scanned once,
 * streaming, by the conformant parser (`ooxml/sheetScan.ts`), and only the
 * cells inside plan tables become values — as many as the sheet holds, never
 * the size a table's range claims.
 *
 * The values are what the cells hold, by the documented edge rule of
 * `src/workbook/cells.ts`: numbers as stored (a date is its serial number in
 * the workbook's own date system), text (shared, inline or a formula's text
 * result), TRUE/FALSE, error values as `{ error }`, and a formula's cached
 * result — a formula nobody has calculated is reported, never guessed. A
 * date stored as ISO text (`t="d"`, which Excel itself never writes but
 * openpyxl can) is read as the serial number Excel shows for it
 * (`ooxml/isoDateCell.ts`).
 */
import type { DateSystem } from "../../engine/calendar";
import { type CellValue } from "../../workbook/cells";
import type { TableData } from "../../workbook/readPlan";
import { normalizeHeader, TABLES } from "../../workbook/schema";
import { address, MAX_COLUMN, MAX_ROW } from "../../workbook/sheetLayout";
import { mergedCellsProblem, rowsBelowTableWarning } from "../../workbook/usablePlan";
import { UnreadablePackage } from "./ooxml/packageError";
import { type Box, scanSheet, scanSheetAsync, sharedStringItems } from "./ooxml/sheetScan";
import { columnOf } from "./ooxml/sheetCells";
import { ScannedRows } from "./scannedRows";
import { columnCountProblem, emptyHeaderProblem, emptyRowsBelowWarning } from "./tableRange";
import type { XlsxPackage } from "./ooxml/xlsxPackage";
import { attribute, unescapeXml } from "./ooxml/xml";

export type { Box };

const TABLE_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
const SHARED_STRINGS_TYPE =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";

export interface TableLocation {
  sheet: string;
  name: string;
  /** 1-based header row and first/last columns; `lastRow` includes the last data row. */
  headerRow: number;
  firstColumn: number;
  lastColumn: number;
  lastRow: number;
  /** The table's column names, as its table part lists them. */
  columns: string[];
  /** Package paths of the sheet and table parts. */
  sheetPart: string;
  tablePart: string;
  /**
   * For the table `readWorkbookTables` was asked to look beside: what lies in
   * the columns just right of it, over its full height (totals row included),
   * noted by the same scan that read it — the sheet is not read again.
   */
  beside?: BesideTable;
}

/** The band right of a table (`BesideWatch.columns` wide), as the read scan found it. */
export interface BesideTable {
  band: Box;
  /** The address of the first cell in the band holding a value, formula or inline text. */
  occupied: string | null;
  /** The ref of every merged range of the sheet. */
  merges: string[];
}

/** Which table to look beside, and how many columns: `accrue`'s six, right of NetAssets. */
export interface BesideWatch {
  table: string;
  columns: number;
}

export interface WorkbookTables {
  dateSystem: DateSystem;
  tables: TableData[];
  locations: TableLocation[];
  /** Located reasons the workbook cannot be used as it is (merged cells…). */
  problems: string[];
  /** Located things worth a look that do not stop the run (rows just below the NetAssets table). */
  warnings: string[];
}

/** Parses "B3:F40" into 1-based bounds. */
export function parseRange(ref: string): Box {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!match)
    throw new UnreadablePackage(
      `The workbook holds "${ref}" where a cell range belongs (a table, merge or name), so the part holding it is damaged. Open the workbook in Excel and save it again.`
    );
  const left = columnOf(match[1]!.toUpperCase());
  const top = Number(match[2]);
  return {
    top,
    left,
    bottom: match[4] ? Number(match[4]) : top,
    right: match[3] ? columnOf(match[3].toUpperCase()) : left,
  };
}

/** The workbook's date system, from `<workbookPr date1904>` in the workbook part. */
export function dateSystemOf(pkg: XlsxPackage): DateSystem {
  const workbookPr = /<workbookPr\b[^>]*>/.exec(pkg.text(pkg.workbookPart()) ?? "")?.[0] ?? "";
  const flag = attribute(workbookPr, "date1904");
  return flag === "1" || flag === "true" ? "1904" : "1900";
}

/** The shared-string table of the workbook (read by the streaming parser). */
export async function sharedStrings(pkg: XlsxPackage): Promise<string[]> {
  const rel = pkg.relationships(pkg.workbookPart()).find((r) => r.type === SHARED_STRINGS_TYPE);
  if (!rel || !pkg.has(rel.target)) return [];
  return sharedStringItems(() => pkg.xmlStream(rel.target)!, rel.target);
}

/**
 * Whether a header cell of plan table `name` names a column the plan reader
 * reads (compared as `readTableRows` compares headers): the scan keeps only
 * those columns' cells, so the accrual columns `accrue` writes into NetAssets
 * are not held for a reader that never looks at them.
 *
 * `readBy("NetAssets")(" date ")` → true; `readBy("NetAssets")("Daily fee")` → false
 */
function readBy(name: string): (header: CellValue) => boolean {
  const spec = TABLES.find((t) => t.name.toLowerCase() === name.toLowerCase());
  const headers = new Set(spec?.columns.map((c) => normalizeHeader(c.header)) ?? []);
  return spec ? (header) => headers.has(normalizeHeader(header)) : () => true;
}

/**
 * The values of the cells of `sheetXml` inside `box`, row by row (absent cells are null).
 *
 * `cellsIn(sheetXml, { top: 1, left: 1, bottom: 3, right: 3 }, strings)` → `[[…], […], […]]`
 */
export function cellsIn(sheetXml: string, box: Box, strings: readonly string[]): CellValue[][] {
  const scan = scanSheet(sheetXml, "worksheet", "Sheet", [box], strings);
  if (scan.problems.length > 0) throw new UnreadablePackage(scan.problems[0]!);
  return new ScannedRows(scan.cells[0]!, box, box.right - box.left + 1, box.bottom).grid();
}

/**
 * Every table of the schema found in the package (other tables are ignored);
 * with `beside`, what lies right of that table too (`TableLocation.beside`).
 */
export async function readWorkbookTables(
  pkg: XlsxPackage,
  beside?: BesideWatch
): Promise<WorkbookTables> {
  const dateSystem = dateSystemOf(pkg);
  const wanted = new Set(TABLES.map((t) => t.name.toLowerCase()));
  const tables: TableData[] = [];
  const locations: TableLocation[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  let strings: string[] | null = null;
  // Table names are one namespace without case in Excel: a second `netassets` is not a valid
  // workbook, and reading either one would be a guess (issue 22).
  const seen = new Map<string, string>();
  for (const sheet of pkg.sheets()) {
    const found = pkg
      .relationships(sheet.part)
      .filter((r) => r.type === TABLE_TYPE && !r.external)
      .map((rel) => ({ part: rel.target, xml: pkg.text(rel.target) ?? "" }))
      .map(({ part, xml }) => ({ part, xml, open: /<table\b[^>]*>/.exec(xml)?.[0] ?? "" }))
      .map((t) => ({
        ...t,
        name: unescapeXml(attribute(t.open, "displayName") ?? attribute(t.open, "name") ?? ""),
      }))
      .filter(({ name }) => wanted.has(name.toLowerCase()))
      .filter(({ name }) => {
        const where = `sheet "${sheet.name}", table ${name}`;
        const first = seen.get(name.toLowerCase());
        if (first !== undefined) problems.push(sameTableName(first, where));
        else seen.set(name.toLowerCase(), where);
        return first === undefined;
      });
    if (found.length === 0) continue;
    const usable: ((typeof found)[number] & { box: Box; lastRow: number })[] = [];
    for (const table of found) {
      const where = `Sheet "${sheet.name}", table ${table.name}`;
      if (attribute(table.open, "headerRowCount") === "0") {
        problems.push(
          `${where}: the table's header row is turned off. Turn it on (Table Design → Header Row) so rule12b1 can find its columns.`
        );
        continue;
      }
      const ref = attribute(table.open, "ref") ?? "";
      const box = tableBox(ref);
      if (typeof box === "string") {
        problems.push(
          `${where}: its range "${ref}" ${box}. The table part is damaged; resize the table in Excel (Table Design → Resize Table) and save.`
        );
        continue;
      }
      const lastRow = box.bottom - Number(attribute(table.open, "totalsRowCount") ?? 0);
      usable.push({ ...table, box, lastRow });
    }
    if (usable.length === 0) continue;
    strings ??= await sharedStrings(pkg);
    if (!pkg.has(sheet.part))
      throw new UnreadablePackage(
        `The workbook names a sheet part ${sheet.part} for sheet "${sheet.name}" (with its tables), but the package does not hold it: the file is damaged. Open the workbook in Excel and save it again, or use a backup.`
      );
    const watched = usable.findIndex(
      (t) => beside !== undefined && t.name.toLowerCase() === beside.table.toLowerCase()
    );
    // The band right of the watched table, over its full height: the last box of the scan.
    const band =
      watched < 0
        ? null
        : {
            top: usable[watched]!.box.top,
            left: usable[watched]!.box.right + 1,
            bottom: Math.max(usable[watched]!.box.bottom, usable[watched]!.lastRow),
            right: usable[watched]!.box.right + beside!.columns,
          };
    const scan = await scanSheetAsync(
      () => pkg.xmlStream(sheet.part)!,
      sheet.part,
      sheet.name,
      [
        ...usable.map((t) => ({ ...t.box, bottom: t.lastRow, keepHeaders: readBy(t.name) })),
        ...(band ? [{ ...band, watchOnly: true }] : []),
      ],
      strings,
      dateSystem
    ).catch((error: unknown) => {
      // Streamed, the checksum is compared only at the end: XML garbled by a damaged entry
      // fails first, and the sentence that says why is the checksum's (pkg.bytes throws it).
      if (error instanceof UnreadablePackage) pkg.bytes(sheet.part);
      throw error;
    });
    pkg.markWellFormed(sheet.part);
    problems.push(...scan.problems);
    const merges = scan.merges
      .map((ref) => tableBox(ref))
      .filter((b): b is Box => typeof b !== "string");
    usable.forEach(({ part, xml, name, box, lastRow }, i) => {
      for (const merge of merges) {
        if (
          merge.top <= lastRow &&
          merge.bottom >= box.top &&
          merge.left <= box.right &&
          merge.right >= box.left
        ) {
          problems.push(
            mergedCellsProblem(
              sheet.name,
              name,
              `${address(merge.top, merge.left)}:${address(merge.bottom, merge.right)}`
            )
          );
        }
      }
      const columns = [...xml.matchAll(/<tableColumn\b[^>]*>/g)].map((m) =>
        unescapeXml(attribute(m[0], "name") ?? "")
      );
      const dataBox = { ...box, bottom: lastRow };
      const scanned = new ScannedRows(scan.cells[i]!, dataBox, columns.length);
      const header = [...scanned.row(0)];
      const ref = attribute(xml.match(/<table\b[^>]*>/)?.[0] ?? "", "ref") ?? "";
      const emptyHeader = emptyHeaderProblem(
        sheet.name,
        name,
        ref,
        dataBox,
        header,
        columns,
        scan.dimension
      );
      if (emptyHeader) {
        problems.push(emptyHeader);
        return;
      }
      const miscounted = columnCountProblem(sheet.name, name, ref, box, columns);
      if (miscounted) {
        problems.push(miscounted);
        return;
      }
      const emptyBelow = emptyRowsBelowWarning(sheet.name, name, ref, dataBox, scanned);
      if (emptyBelow) warnings.push(emptyBelow);
      // The totals row (Table Design → Total Row) is the table's own last row, not a row below it.
      const below = scan.rowsBelow[i]!.filter((row) => row > box.bottom);
      if (below.length > 0 && name.toLowerCase() === "netassets")
        warnings.push(rowsBelowTableWarning(sheet.name, name, below, ref));
      tables.push({
        sheet: sheet.name,
        name,
        headers: header,
        rows: [],
        rowReader: { count: scanned.count - 1, row: (index) => scanned.row(index + 1) },
        firstRow: box.top + 1,
        firstColumn: box.left,
      });
      locations.push({
        sheet: sheet.name,
        name,
        headerRow: box.top,
        firstColumn: box.left,
        lastColumn: box.right,
        lastRow,
        columns,
        sheetPart: sheet.part,
        tablePart: part,
        ...(i === watched && band
          ? {
              beside: {
                band,
                occupied: scan.firstContent[usable.length]!,
                merges: scan.merges,
              },
            }
          : {}),
      });
    });
  }
  return { dateSystem, tables, locations, problems, warnings };
}

/**
 * The refusal of two plan tables whose names differ only in case.
 *
 * `sameTableName('sheet "Plan", table netassets', 'sheet "Net Assets", table NetAssets')`
 * → `'The workbook has two tables named alike: sheet "Plan", table netassets and …'`
 */
export function sameTableName(first: string, second: string): string {
  return `The workbook has two tables named alike: ${first} and ${second}. Excel does not tell table names apart by case, so this is not a valid workbook and rule12b1 will not guess which one holds the plan. Rename or delete the one that is not the plan's (Table Design → Table Name), then run again.`;
}

/** A table or merge ref as a box within the sheet, or why it is not one. */
function tableBox(ref: string): Box | string {
  let box: Box;
  try {
    box = parseRange(ref);
  } catch {
    return "is not a cell range";
  }
  if (box.bottom < box.top || box.right < box.left) return "runs backwards";
  if (box.top < 1 || box.left < 1 || box.bottom > MAX_ROW || box.right > MAX_COLUMN)
    return "reaches beyond the sheet's 1,048,576 rows and 16,384 columns";
  return box;
}
