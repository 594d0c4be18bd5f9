/**
 * Reading cell values out of SpreadsheetML on the streaming parser: the
 * shared-string table and the cells of a worksheet inside given boxes, in one
 * pass each, elements matched by namespace URI. Work and memory follow the
 * cells the part actually holds, never the size a table's range claims (a
 * ref of `BA1:XFD1048576` over forty cells costs forty cells).
 *
 * Values follow the edge rule of `src/workbook/cells.ts`: numbers by the
 * xsd:double grammar Excel writes and nothing else (`0x188E7D41`, `0b101`
 * and a lone space are refused naming the cell, not read as 411,991,361, 5
 * and 0), text with OOXML's `_xHHHH_` escapes decoded, TRUE/FALSE, error
 * values as `{ error }`, a formula's cached result — and a formula nobody has
 * calculated is reported, never guessed.
 */
import type { DateSystem } from "../../../engine/calendar";
import { type CellValue, isBlank } from "../../../workbook/cells";
import { address, MAX_COLUMN, MAX_ROW } from "../../../workbook/sheetLayout";
import { plainDecimal, plainDecimalValue } from "./decimalText";
import { serialFromIsoCell } from "./isoDateCell";
import { UnreadablePackage } from "./packageError";
import { NS, type StreamHandlers, streamXml, streamXmlAsync } from "./xmlStream";

const UNCALCULATED = "a formula with no calculated value (open and save the file in Excel first)";
// xsd:double's lexical space, after its whitespace facet (collapse); INF and NaN are not amounts.
const XSD_DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const XML_SPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const SHARED_INDEX = /^[ \t\r\n]*(\d+)[ \t\r\n]*$/;

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
  /**
   * When set, the box is a table whose header is its top row: below it only
   * the columns whose header cell matches one of these (as `matches` decides)
   * are kept, plus, in a row, the first other cell holding content — so a
   * row with values only in other columns is still not a blank row. Saves
   * holding the accrual columns' cells (five of eight a row) for a reader that
   * never reads them.
   */
  keepHeaders?: (header: CellValue) => boolean;
  /**
   * When set, the box is only watched: no cell of it is kept, and the scan
   * notes the first cell in it holding a value, a formula or inline text
   * (`ScannedSheet.firstContent`) — where `accrue` would write its columns.
   */
  watchOnly?: boolean;
}

/** Column number of letters ("AB" → 28); 0 when `letters` is not column letters. */
export function columnNumber(letters: string): number {
  let column = 0;
  for (let i = 0; i < letters.length; i += 1) {
    const code = letters.charCodeAt(i);
    if (code < 65 || code > 90) return 0;
    column = column * 26 + code - 64;
  }
  return column;
}

/**
 * The column of a cell reference in row `row` ("C12" in row 12 → 3), or 0
 * when `ref` is not one: one to three letters, then the row's own number
 * without leading zeros. Read by hand, not by a regular expression: it runs
 * for every cell of the sheet.
 */
function columnInRow(ref: string, row: number): number {
  let column = 0;
  let at = 0;
  for (; at < ref.length && at < 3; at += 1) {
    const code = ref.charCodeAt(at);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  if (at === 0 || at === ref.length || ref.charCodeAt(at) === 48 || ref.length - at > 7) return 0;
  let number = 0;
  for (; at < ref.length; at += 1) {
    const digit = ref.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return 0;
    number = number * 10 + digit;
  }
  return number === row ? column : 0;
}

/**
 * The index a shared-string cell holds ("12", or " 12 " as XML may space it), or -1
 * when it holds none. Digits alone are read by hand: every text cell of a sheet is one.
 *
 * `sharedIndex("56")` → 56; `sharedIndex(" 7 ")` → 7; `sharedIndex("x")` → -1
 */
function sharedIndex(raw: string): number {
  if (raw.length > 0 && raw.length < 10) {
    let index = 0;
    let at = 0;
    for (; at < raw.length; at += 1) {
      const digit = raw.charCodeAt(at) - 48;
      if (digit < 0 || digit > 9) break;
      index = index * 10 + digit;
    }
    if (at === raw.length) return index;
  }
  const digits = SHARED_INDEX.exec(raw)?.[1];
  return digits === undefined ? -1 : Number(digits);
}

/**
 * `text` as a string of its own. Text saxes hands over is cut from the
 * megabyte of XML it was fed, and V8 keeps a cut of 13 characters or more
 * pointing into that piece: a kept cell value ("Class B shares" in every
 * row) held the whole sheet's text alive — 1,048,575 rows kept 700 MB.
 * Joined to a space and cut again, the text is copied into a string of its
 * own length.
 *
 * `ownString("Class B shares")` → "Class B shares" (no longer part of the chunk)
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
}

/** Decodes OOXML's `_xHHHH_` escapes (control characters in text). */
export function decodeText(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16))
  );
}

/**
 * Collects the text of rich-text items (`<si>`, `<is>`): their `<t>` runs,
 * without phonetic guides (`<rPh>`). Returns handlers to plug into a parse.
 */
function richTextCollector() {
  let inT = false;
  let phonetic = 0;
  let text = "";
  return {
    open(uri: string, local: string) {
      if (uri !== NS.main) return;
      if (local === "rPh") phonetic += 1;
      else if (local === "t" && phonetic === 0) inT = true;
    },
    close(uri: string, local: string) {
      if (uri !== NS.main) return;
      if (local === "rPh") phonetic -= 1;
      else if (local === "t") inT = false;
    },
    text(chunk: string) {
      if (inT) text += chunk;
    },
    take(): string {
      const result = decodeText(text);
      text = "";
      return result;
    },
  };
}

/**
 * The shared-string table in `chunks` (the part `part`), in order: an empty
 * item, `<si/>` or `<si />`, is an empty string and keeps every later index.
 *
 * `await sharedStringItems(() => pkg.xmlStream("xl/sharedStrings.xml")!, "xl/sharedStrings.xml")` → `["Growth", ""]`
 * for `<sst xmlns="…main"><si><t>Growth</t></si><si /></sst>`
 */
export async function sharedStringItems(
  chunks: () => AsyncIterable<string>,
  part: string
): Promise<string[]> {
  const items: string[] = [];
  const rich = richTextCollector();
  let inItem = false;
  await streamXmlAsync(chunks, part, {
    open: (uri, local) => {
      if (uri === NS.main && local === "si") inItem = true;
      else if (inItem) rich.open(uri, local);
    },
    close: (uri, local) => {
      if (uri === NS.main && local === "si") {
        // Owned once here, so a cell that refers to it needs no copy of its own (`scanSheet`).
        items.push(ownString(rich.take()));
        inItem = false;
      } else if (inItem) rich.close(uri, local);
    },
    text: (text) => inItem && rich.text(text),
  });
  return items;
}

/**
 * The cells found inside one box, in sheet order (rows going down, columns
 * left to right within a row): three parallel lists rather than a map per
 * row, which on a 91,300-row sheet was most of the reader's garbage. Rows
 * and columns are typed arrays: pushing 547,800 numbers onto two arrays cost
 * more than reading them (bench/RESULTS.md (4j)).
 */
export interface BoxCells {
  rows: Int32Array;
  columns: Int32Array;
  values: CellValue[];
}

/** Where a box's cells are gathered: its rows and columns in arrays that double as they fill. */
class CellList {
  rows = new Int32Array(256);
  columns = new Int32Array(256);
  values: CellValue[] = [];
  count = 0;

  add(row: number, column: number, value: CellValue): void {
    const count = this.count;
    if (count === this.rows.length) {
      this.rows = grown(this.rows);
      this.columns = grown(this.columns);
    }
    this.rows[count] = row;
    this.columns[count] = column;
    this.values.push(value);
    this.count = count + 1;
  }

  cells(): BoxCells {
    return {
      rows: this.rows.subarray(0, this.count),
      columns: this.columns.subarray(0, this.count),
      values: this.values,
    };
  }
}

function grown(list: Int32Array): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(list.length * 2);
  larger.set(list);
  return larger;
}

export interface ScannedSheet {
  /** Per box (same order as asked): the cells the part holds inside it. */
  cells: BoxCells[];
  /** Per box: rows below it (from `bottom + 1`, without a gap) holding content in its columns. */
  rowsBelow: number[][];
  /** Per box: the address of its first cell (in sheet order) holding a value, formula or inline text, for a `watchOnly` box. */
  firstContent: (string | null)[];
  /** Merged ranges of the sheet. */
  merges: string[];
  /** The sheet's used range as it states it (`<dimension ref>`), if it does. */
  dimension: string | null;
  /** Located reasons a cell inside a box cannot be read. */
  problems: string[];
}

/**
 * Reads the cells of the worksheet in `chunks` that lie inside `boxes`
 * (and notes the rows just below each box that hold content in its columns).
 * `sheet` names the sheet in messages; `strings` is the shared-string table
 * as `sharedStringItems` reads it (strings of their own: a cell's is kept as it is).
 *
 * `scanSheet(sheetXml, part, "Net Assets", [{ top: 1, left: 1, bottom: 9, right: 3 }], strings)`
 */
export function scanSheet(
  chunks: string | (() => Iterable<string>),
  part: string,
  sheet: string,
  boxes: readonly Box[],
  strings: readonly string[],
  /** The workbook's date system, for dates stored as ISO text (`t="d"`). */
  dateSystem: DateSystem = "1900"
): ScannedSheet {
  const scanner = sheetScanner(part, sheet, boxes, strings, dateSystem);
  streamXml(chunks, part, scanner.handlers);
  return scanner.finish();
}

/**
 * `scanSheet` fed as the part is inflated (`XlsxPackage.xmlStream`): the
 * sheet's text is never held whole — half a gigabyte for a whole-sheet NAV
 * table with its accrual columns.
 *
 * `await scanSheetAsync(() => pkg.xmlStream(part)!, part, "Net Assets", [box], strings)`
 */
export async function scanSheetAsync(
  chunks: () => AsyncIterable<string>,
  part: string,
  sheet: string,
  boxes: readonly Box[],
  strings: readonly string[],
  /** The workbook's date system, for dates stored as ISO text (`t="d"`). */
  dateSystem: DateSystem = "1900"
): Promise<ScannedSheet> {
  const scanner = sheetScanner(part, sheet, boxes, strings, dateSystem);
  await streamXmlAsync(chunks, part, scanner.handlers);
  return scanner.finish();
}

/** The handlers that read a sheet's cells inside `boxes`, and what they found once fed. */
function sheetScanner(
  part: string,
  sheet: string,
  boxes: readonly Box[],
  strings: readonly string[],
  /** The workbook's date system, for dates stored as ISO text (`t="d"`). */
  dateSystem: DateSystem = "1900"
): { handlers: StreamHandlers; finish: () => ScannedSheet } {
  const result: ScannedSheet = {
    cells: [],
    rowsBelow: boxes.map(() => []),
    firstContent: boxes.map(() => null),
    merges: [],
    dimension: null,
    problems: [],
  };
  const below = boxes.map(() => new Set<number>());
  // Rows no box reads and none watches below: their cells are only checked for order.
  const firstRow = Math.min(...boxes.map((b) => b.top));
  let inData = false;
  let row = 0;
  let column = 0;
  // The cell being read (one at a time: its fields are reset, not a new object per cell).
  let inCell = false;
  let type = "";
  let value: string | null = null;
  let formula = false;
  let inline: string | null = null;
  // A <v>, <f> or <is> element, even empty: a formula showing "" is still someone's cell.
  let holdsContent = false;
  let inValue = false;
  // Inside a cell's <is>: its text goes to the one collector (emptied by each `take`).
  let inRich = false;
  const rich = richTextCollector();
  const bad = (what: string) =>
    result.problems.push(
      `Sheet "${sheet}", cell ${address(row, column)}: ${what}. The cell is damaged; retype its value in Excel and save the workbook.`
    );

  const cellValue = (): CellValue => {
    if (type === "inlineStr") return inline ?? "";
    if (value === null) return formula ? { error: UNCALCULATED } : null;
    const raw = value;
    switch (type) {
      case "s": {
        const text = strings[sharedIndex(raw)];
        if (text === undefined) {
          bad(`it refers to shared string "${raw}", which the workbook does not have`);
          return null;
        }
        return text;
      }
      case "str":
        return decodeText(raw);
      case "d": {
        const serial = serialFromIsoCell(decodeText(raw), dateSystem);
        if (serial === null) bad(`its stored date "${raw}" is not an ISO 8601 date`);
        return serial;
      }
      case "b": {
        const flag = raw.trim();
        if (flag === "1" || flag === "true") return true;
        if (flag === "0" || flag === "false") return false;
        bad(`its stored TRUE/FALSE value "${raw}" is neither`);
        return null;
      }
      case "e":
        return { error: raw };
      case "n":
      case "": {
        if (raw === "") return null;
        const plain = plainDecimalValue(raw);
        // (A plain decimal of 309 digits or more is Infinity: refused below, as not Excel's.)
        if (plain >= 0 && plain < Infinity) return plain;
        let number = NaN;
        if (XSD_DOUBLE.test(raw)) number = Number(raw);
        else {
          const collapsed = raw.replace(XML_SPACE, "");
          if (collapsed !== raw && XSD_DOUBLE.test(collapsed)) number = Number(collapsed);
        }
        if (!Number.isFinite(number)) {
          bad(`its stored number "${raw}" is not a number as Excel writes one`);
          return null;
        }
        return number;
      }
      default:
        bad(`its type "${type}" is not one Excel writes`);
        return null;
    }
  };

  // Per box with `keepHeaders`: which of its columns are kept (from its header row), and the
  // last row known not to be blank — a cell of another column kept as the row's content marker,
  // or a kept column's cell holding content (then no marker is needed: on an accrued NAV sheet
  // the Date, Portfolio and net assets come first, and the six accrual cells after them are
  // only checked).
  const kept = boxes.map((box) =>
    box.keepHeaders ? new Uint8Array(box.right - box.left + 1) : null
  );
  const markedRow = boxes.map(() => 0);
  // What `cellValue` reports of the cell, without the conversion when it is a plain number
  // (digits and a point, under 300 characters: always finite, never a problem).
  const checkCell = () => {
    if (
      value === null ||
      (type !== "" && type !== "n") ||
      value.length >= 300 ||
      !plainDecimal(value)
    )
      cellValue();
  };
  const lists = boxes.map(() => new CellList());
  const keepCell = (i: number, cell: CellValue) =>
    // A shared string is the table's own already (`sharedStringItems`); other text is cut from the chunk.
    lists[i]!.add(row, column, typeof cell === "string" && type !== "s" ? ownString(cell) : cell);
  // A plain loop: this runs for every cell of the sheet (a whole-sheet NAV table has millions).
  const store = () => {
    if (row < firstRow) return;
    for (let i = 0; i < boxes.length; i += 1) {
      const box = boxes[i]!;
      if (column < box.left || column > box.right) continue;
      if (box.watchOnly) {
        if (holdsContent && row >= box.top && row <= box.bottom)
          result.firstContent[i] ??= address(row, column);
        continue;
      }
      if (row >= box.top && row <= box.bottom) {
        const keep = kept[i] ?? null;
        if (keep !== null && row !== box.top && keep[column - box.left] === 0) {
          // A column the reader does not read: of a row's cells there, only the first holding
          // content is kept (the row is not blank); the others are checked — a damaged cell is
          // reported wherever it is — but not converted (six of nine cells a row when accrued).
          if (markedRow[i] === row) checkCell();
          else {
            const cell = cellValue();
            if (isBlank(cell)) continue;
            markedRow[i] = row;
            keepCell(i, cell);
          }
          continue;
        }
        const cell = cellValue();
        if (keep !== null) {
          if (row === box.top) keep[column - box.left] = box.keepHeaders!(cell) ? 1 : 0;
          else if (markedRow[i] !== row && !isBlank(cell)) markedRow[i] = row;
        }
        keepCell(i, cell);
      } else if (row > box.bottom && (formula || inline !== null || !!value)) below[i]!.add(row);
    }
  };

  const handlers: StreamHandlers = {
    open: (uri, local, attributes) => {
      if (uri !== NS.main) return;
      if (inCell) {
        if (inRich) return rich.open(uri, local);
        if (local === "v") inValue = holdsContent = true;
        else if (local === "f") formula = holdsContent = true;
        else if (local === "is") inRich = holdsContent = true;
        return;
      }
      switch (local) {
        case "c": {
          if (!inData || row === 0) break;
          const ref = attributes.r;
          const number = ref === undefined ? column + 1 : columnInRow(ref, row);
          if (number <= column || number > MAX_COLUMN)
            throw cellRefProblem(part, sheet, ref, row, column);
          column = number;
          inCell = true;
          type = attributes.t ?? "";
          value = null;
          formula = false;
          inline = null;
          holdsContent = false;
          break;
        }
        case "row": {
          if (!inData) break;
          const ref = attributes.r;
          const plain = ref === undefined ? row + 1 : plainDecimalValue(ref);
          const number = plain >= 0 ? plain : Number(ref);
          if (!Number.isInteger(number) || number <= row || number > MAX_ROW)
            throw rowProblem(part, sheet, ref, row);
          row = number;
          column = 0;
          break;
        }
        case "sheetData":
          inData = true;
          break;
        case "dimension":
          result.dimension = attributes.ref ?? null;
          break;
        case "mergeCell": {
          const merged = attributes.ref;
          if (merged !== undefined) result.merges.push(merged);
          break;
        }
      }
    },
    close: (uri, local) => {
      if (uri !== NS.main) return;
      if (inRich) {
        if (local === "is") {
          inline = rich.take();
          inRich = false;
        } else rich.close(uri, local);
        return;
      }
      if (local === "v") inValue = false;
      else if (local === "c") {
        if (inCell) store();
        inCell = false;
      } else if (local === "sheetData") inData = false;
    },
    text: (text) => {
      if (!inCell) return;
      if (inRich) rich.text(text);
      else if (inValue) value = value === null ? text : value + text;
    },
  };
  const finish = () => {
    result.cells = lists.map((list) => list.cells());
    boxes.forEach((box, i) => {
      for (let r = box.bottom + 1; below[i]!.has(r); r += 1) result.rowsBelow[i]!.push(r);
    });
    return result;
  };
  return { handlers, finish };
}

function rowProblem(part: string, sheet: string, ref: string | undefined, previous: number) {
  return new UnreadablePackage(
    `Sheet "${sheet}" (part ${part}) is damaged: a row numbered "${ref ?? previous + 1}" follows row ${previous} (rows must go down the sheet, within 1,048,576). Open the workbook in Excel and save it again.`
  );
}

function cellRefProblem(
  part: string,
  sheet: string,
  ref: string | undefined,
  row: number,
  previous: number
) {
  return new UnreadablePackage(
    `Sheet "${sheet}" (part ${part}) is damaged: in row ${row}, a cell "${ref ?? ""}" follows column ${previous} (cells must go left to right in their own row). Open the workbook in Excel and save it again.`
  );
}
