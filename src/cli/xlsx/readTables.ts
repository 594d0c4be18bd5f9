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
 * history (issue 5, benchmark 4). Here each table's sheet is scanned once
 * and only the cells inside plan tables become values.
 *
 * The values are what the cells hold, by the documented edge rule of
 * `src/workbook/cells.ts`: numbers as stored (a date is its serial number in
 * the workbook's own date system), text (shared, inline or a formula's text
 * result), TRUE/FALSE, error values as `{ error }`, and a formula's cached
 * result — a formula nobody has calculated is reported, never guessed. A
 * date stored as ISO text (`t="d"`, which Excel itself never writes) is read
 * as that text, which `readPlan` accepts when unambiguous.
 */
import type { DateSystem } from "../../engine/calendar";
import { type CellValue } from "../../workbook/cells";
import type { TableData } from "../../workbook/readPlan";
import { TABLES } from "../../workbook/schema";
import { address } from "../../workbook/sheetLayout";
import { mergedCellsProblem } from "../../workbook/usablePlan";
import { columnOf } from "./ooxml/sheetCells";
import type { XlsxPackage } from "./ooxml/xlsxPackage";
import { attribute, unescapeXml } from "./ooxml/xml";

const TABLE_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table";
const SHARED_STRINGS_TYPE =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings";
const UNCALCULATED = "a formula with no calculated value (open and save the file in Excel first)";

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
}

export interface WorkbookTables {
  dateSystem: DateSystem;
  tables: TableData[];
  locations: TableLocation[];
  /** Located reasons the workbook cannot be used as it is (merged cells…). */
  problems: string[];
}

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Parses "B3:F40" into 1-based bounds. */
export function parseRange(ref: string): Box {
  const match = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!match) throw new Error(`not a range: ${ref}`);
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

/** Decodes OOXML's `_xHHHH_` escapes (control characters in text) after XML unescaping. */
function decodeText(xml: string): string {
  return unescapeXml(xml).replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16))
  );
}

/** The text of a `<si>` or `<is>` body: its `<t>` runs, without phonetic guides (`<rPh>`). */
function richText(body: string): string {
  let text = "";
  for (const match of body
    .replace(/<rPh\b[\s\S]*?<\/rPh>/g, "")
    .matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g))
    text += decodeText(match[1] ?? "");
  return text;
}

/** The shared-string table of the workbook. */
export function sharedStrings(pkg: XlsxPackage): string[] {
  const rel = pkg.relationships(pkg.workbookPart()).find((r) => r.type === SHARED_STRINGS_TYPE);
  const xml = rel ? pkg.text(rel.target) : null;
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => richText(m[1] ?? ""));
}

/** The value of one `<c>` element, by the rules in this module's comment. */
function cellValueOf(cell: string, strings: readonly string[]): CellValue {
  const openEnd = cell.indexOf(">");
  const open = cell.slice(0, openEnd + 1);
  if (open.endsWith("/>")) return null;
  const type = attribute(open, "t");
  if (type === "inlineStr") return richText(cell.slice(openEnd + 1));
  const v = /<v\b[^>]*?(?:\/>|>([\s\S]*?)<\/v>)/.exec(cell);
  if (!v) return /<f\b/.test(cell) ? { error: UNCALCULATED } : null;
  const raw = v[1] ?? "";
  switch (type) {
    case "s":
      return strings[Number(raw)] ?? "";
    case "str":
      return decodeText(raw);
    case "b":
      return raw === "1" || raw === "true";
    case "e":
      return { error: unescapeXml(raw) };
    case "d":
      return decodeText(raw);
    default:
      return raw === "" ? null : Number(raw);
  }
}

/**
 * Visits every `<c>` element of `sheetXml` inside `box` with its row, column
 * and XML, in sheet order: one pass of `indexOf` over the sheet.
 */
export function forEachCellIn(
  sheetXml: string,
  box: Box,
  visit: (row: number, column: number, cell: string) => void
): void {
  const dataStart = sheetXml.indexOf("<sheetData");
  const dataEnd = sheetXml.indexOf("</sheetData>", dataStart);
  if (dataStart < 0 || dataEnd < 0) return;
  let from = dataStart;
  let previousRow = 0;
  for (;;) {
    const start = sheetXml.indexOf("<row", from);
    if (start < 0 || start >= dataEnd) break;
    const openEnd = sheetXml.indexOf(">", start) + 1;
    const open = sheetXml.slice(start, openEnd);
    const end = open.endsWith("/>") ? openEnd : sheetXml.indexOf("</row>", openEnd) + 6;
    const r = /\sr="(\d+)"/.exec(open);
    const row = r ? Number(r[1]) : previousRow + 1;
    previousRow = row;
    from = end;
    if (row < box.top) continue;
    if (row > box.bottom) break;
    let column = 0;
    let at = openEnd;
    for (;;) {
      const cellStart = sheetXml.indexOf("<c", at);
      if (cellStart < 0 || cellStart >= end) break;
      const next = sheetXml.charCodeAt(cellStart + 2);
      // "<c" then space, tab, newline, ">" or "/": a cell; anything else is another element's name.
      if (next !== 32 && next !== 9 && next !== 10 && next !== 13 && next !== 62 && next !== 47) {
        at = cellStart + 2;
        continue;
      }
      const cellOpenEnd = sheetXml.indexOf(">", cellStart) + 1;
      const cellEnd =
        sheetXml[cellOpenEnd - 2] === "/" ? cellOpenEnd : sheetXml.indexOf("</c>", cellOpenEnd) + 4;
      const ref = /\sr="([A-Z]+)\d+"/.exec(sheetXml.slice(cellStart, cellOpenEnd));
      column = ref ? columnOf(ref[1]!) : column + 1;
      if (column >= box.left && column <= box.right)
        visit(row, column, sheetXml.slice(cellStart, cellEnd));
      at = cellEnd;
    }
  }
}

/**
 * The values of the cells of `sheetXml` inside `box`, row by row (absent cells are null).
 *
 * `cellsIn(sheetXml, { top: 1, left: 1, bottom: 3, right: 3 }, strings)` → `[[…], […], […]]`
 */
export function cellsIn(sheetXml: string, box: Box, strings: readonly string[]): CellValue[][] {
  const width = box.right - box.left + 1;
  const grid: CellValue[][] = Array.from({ length: box.bottom - box.top + 1 }, () =>
    new Array<CellValue>(width).fill(null)
  );
  forEachCellIn(sheetXml, box, (row, column, cell) => {
    grid[row - box.top]![column - box.left] = cellValueOf(cell, strings);
  });
  return grid;
}

/** Whether a `<c>` element holds anything but formatting: a value, a formula, inline text. */
export function cellHoldsContent(cell: string): boolean {
  return /<(v|f|is)\b/.test(cell);
}

/**
 * Whether a part writes SpreadsheetML with a namespace prefix (`<x:worksheet>`),
 * as some generators (the Open XML SDK) do. Excel reads those; this reader
 * scans for unprefixed names, so it refuses them rather than see blank cells.
 */
export function prefixedRoot(xml: string, root: string): boolean {
  return new RegExp(`^\\s*(<\\?xml[^>]*\\?>)?\\s*<[A-Za-z_][\\w.-]*:${root}\\b`).test(
    xml.slice(0, 2000)
  );
}

function mergesOf(sheetXml: string): Box[] {
  return [...sheetXml.matchAll(/<mergeCell\b[^>]*\bref="([^"]+)"/g)].map((m) => parseRange(m[1]!));
}

/** Every table of the schema found in the package (other tables are ignored). */
export function readWorkbookTables(pkg: XlsxPackage): WorkbookTables {
  const dateSystem = dateSystemOf(pkg);
  const wanted = new Set(TABLES.map((t) => t.name.toLowerCase()));
  const tables: TableData[] = [];
  const locations: TableLocation[] = [];
  const problems: string[] = [];
  let strings: string[] | null = null;
  for (const sheet of pkg.sheets()) {
    const tableParts = pkg
      .relationships(sheet.part)
      .filter((r) => r.type === TABLE_TYPE && !r.external);
    const found = tableParts
      .map((rel) => ({ part: rel.target, xml: pkg.text(rel.target) ?? "" }))
      .map(({ part, xml }) => ({ part, xml, open: /<table\b[^>]*>/.exec(xml)?.[0] ?? "" }))
      .filter(({ open }) =>
        wanted.has(
          unescapeXml(attribute(open, "displayName") ?? attribute(open, "name") ?? "").toLowerCase()
        )
      );
    if (found.length === 0) continue;
    const sheetXml = pkg.text(sheet.part) ?? "";
    if (prefixedRoot(sheetXml, "worksheet")) {
      problems.push(
        `Sheet "${sheet.name}" was saved by a program that writes prefixed XML, which rule12b1 does not read. Open the workbook in Excel and save it, then run again.`
      );
      continue;
    }
    const merges = mergesOf(sheetXml);
    strings ??= sharedStrings(pkg);
    for (const { part, xml, open } of found) {
      const name = unescapeXml(attribute(open, "displayName") ?? attribute(open, "name")!);
      const box = parseRange(attribute(open, "ref") ?? "A1");
      if (attribute(open, "headerRowCount") === "0") {
        problems.push(
          `Sheet "${sheet.name}", table ${name}: the table's header row is turned off. Turn it on (Table Design → Header Row) so rule12b1 can find its columns.`
        );
        continue;
      }
      const lastRow = box.bottom - Number(attribute(open, "totalsRowCount") ?? 0);
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
      const grid = cellsIn(sheetXml, { ...box, bottom: lastRow }, strings);
      const columns = [...xml.matchAll(/<tableColumn\b[^>]*>/g)].map((m) =>
        unescapeXml(attribute(m[0], "name") ?? "")
      );
      tables.push({
        sheet: sheet.name,
        name,
        headers: grid[0]!,
        rows: grid.slice(1),
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
      });
    }
  }
  return { dateSystem, tables, locations, problems };
}
