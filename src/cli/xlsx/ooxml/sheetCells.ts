/**
 * Writing cells into a worksheet part without loading it into a model: one
 * pass over `<sheetData>` that copies every row through and, for the rows
 * being written, replaces or inserts cells in column order. Rows the sheet
 * does not have yet are created. A 91,300-row NAV sheet takes one pass of
 * string slicing.
 */
import { address, letters } from "../../../workbook/sheetLayout";
import { deflatedRows, PartSink } from "./partSink";
import type { DeflatedPiece } from "./zip";
import { numberText } from "./numberText";
import { elementAt, escapeText, setAttribute } from "./xml";

/** A value to store in a cell; `null` keeps only the style (an empty, formatted cell). */
export type PlainValue = number | string | null;

// Column letters once per column: cellXml runs for every cell written (six per NAV row).
const lettersOf: string[] = [];
const columnLetters = (column: number) => (lettersOf[column] ??= letters(column));

/** `cellXml(2, 4, 1, 7)` → `'<c r="D2" s="7"><v>1</v></c>'`; text is stored inline (never a formula). */
export function cellXml(row: number, column: number, value: PlainValue, style: number): string {
  const ref = `${columnLetters(column)}${row}`;
  const s = style > 0 ? ` s="${style}"` : "";
  if (value === null || value === "") return `<c r="${ref}"${s}/>`;
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      throw new Error(`cell ${ref}: ${value} is not a number Excel can store`);
    return `<c r="${ref}"${s}><v>${numberText(value)}</v></c>`;
  }
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeText(value)}</t></is></c>`;
}

/** Column number of a cell reference ("AB12" → 28). */
export function columnOf(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i += 1) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  return column;
}

/** A cell to write (or found in a row): its column and its `<c>` element. */
export interface CellRun {
  column: number;
  xml: string;
}

/**
 * The cells to write into one row, in column order: each with its column, or
 * their elements already joined (as `cellRunXml` makes them, each with its `r`)
 * — one string a row instead of an object a cell, on a 91,300-row sheet.
 */
export type RowCells = readonly CellRun[] | string | CellBlock;

/**
 * Cells joined that fill the adjacent columns `first` … `first + count - 1`,
 * each once and in order, as `cellBlockXml` makes them: a second accrue
 * replaces the same columns in every row, and knowing them it need not parse
 * the cells it just made to find them.
 */
export interface CellBlock {
  readonly xml: string;
  readonly first: number;
  readonly count: number;
}

const isBlock = (cells: RowCells): cells is CellBlock =>
  typeof cells !== "string" && !Array.isArray(cells);

/**
 * A writer of cells in adjacent columns `first, first+1, …` with fixed
 * styles: `values` made into the `<c>` elements `cellXml` makes, joined; each
 * column's text around the row number is made once, not per cell.
 *
 * `cellRunXml(4, [0, 7])(2, [1, null])` → `'<c r="D2"><v>1</v></c><c r="E2" s="7"/>'`
 */
export function cellRunXml(
  first: number,
  styles: readonly number[]
): (row: number, values: readonly PlainValue[]) => string {
  const opens = styles.map((_, i) => `<c r="${columnLetters(first + i)}`);
  const styled = styles.map((style) => (style > 0 ? `" s="${style}"` : '"'));
  const valueOpens = styled.map((s) => `${s}><v>`);
  const blankEnds = styled.map((s) => `${s}/>`);
  // Each column's last number and its cell's text after the row number: a column down a NAV
  // table (the rate) often repeats it.
  const lastNumbers = styles.map(() => Number.NaN);
  const lastEnds = styles.map(() => "");
  return (row, values) => {
    const rowText = String(row);
    let xml = "";
    for (let i = 0; i < values.length; i += 1) {
      const value = values[i]!;
      if (typeof value === "number" && Number.isFinite(value)) {
        if (value !== lastNumbers[i]) {
          lastNumbers[i] = value;
          lastEnds[i] = `${valueOpens[i]!}${numberText(value)}</v></c>`;
        }
        xml += opens[i]! + rowText + lastEnds[i]!;
      } else if (value === null || value === "") xml += opens[i]! + rowText + blankEnds[i]!;
      else xml += cellXml(row, first + i, value, styles[i]!);
    }
    return xml;
  };
}

/**
 * `cellRunXml`'s cells as a `CellBlock` of `styles.length` columns from `first`.
 *
 * `cellBlockXml(4, [0, 7])(2, [1, null])` → `{ xml: '<c r="D2"><v>1</v></c><c r="E2" s="7"/>', first: 4, count: 2 }`
 */
export function cellBlockXml(
  first: number,
  styles: readonly number[]
): (row: number, values: readonly PlainValue[]) => CellBlock {
  const cells = cellRunXml(first, styles);
  const count = styles.length;
  return (row, values) => {
    if (values.length !== count)
      throw new Error(`${values.length} values for a block of ${count} columns`);
    return { xml: cells(row, values), first, count };
  };
}

/** `cells` one per cell: joined ones split again where each `<c>` lies. */
function cellRuns(cells: RowCells): readonly CellRun[] {
  if (typeof cells !== "string" && !isBlock(cells)) return cells;
  const xml = joined(cells);
  return cellSpans(xml).map((c) => ({ column: c.column, xml: xml.slice(c.start, c.end) }));
}

/** The column of the first of `cells` (they are not empty). */
export function firstColumn(cells: RowCells): number {
  if (isBlock(cells)) return cells.first;
  if (typeof cells !== "string") return cells[0]!.column;
  return refColumn(cells, 0, cells.indexOf(">") + 1);
}

/** Whether `cells` holds no cell. */
export function noCells(cells: RowCells): boolean {
  return isBlock(cells) ? cells.count === 0 : cells.length === 0;
}

/** Where each cell of a row body lies, with its column (a cell without `r` follows the one before it). */
interface CellSpan {
  column: number;
  start: number;
  end: number;
}

function cellSpans(body: string): CellSpan[] {
  const cells: CellSpan[] = [];
  let from = 0;
  let column = 0;
  for (;;) {
    // What elementAt(body, "c", from) finds, by indexOf: this runs for every cell of a row written again.
    const start = nextCellStart(body, from);
    if (start < 0) break;
    const openEnd = body.indexOf(">", start) + 1;
    let end = openEnd;
    if (body.charCodeAt(openEnd - 2) !== 47) {
      const close = body.indexOf("</c>", openEnd);
      if (close < 0) break;
      end = close + "</c>".length;
    }
    const ref = refColumn(body, start, openEnd);
    column = ref > 0 ? ref : column + 1;
    cells.push({ column, start, end });
    from = end;
  }
  return cells;
}

/** Where the next `<c` start tag begins at or after `from`, as `/<c(?=[\s/>])/` finds it; -1 when none. */
function nextCellStart(text: string, from: number): number {
  for (let at = text.indexOf("<c", from); at >= 0; at = text.indexOf("<c", at + 2)) {
    const next = text.charCodeAt(at + 2);
    if (next === 32 || next === 47 || next === 62 || isSpace(next)) return at;
  }
  return -1;
}

/** Whether the UTF-16 code `code` is one `\s` matches. */
function isSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) || code === 32 || (code > 127 && /\s/.test(String.fromCharCode(code)))
  );
}

/**
 * The column of the first `\sr="AB12"` in `text` between `start` and `end`
 * (a start tag's `r`, as `/\sr="([A-Z]+)\d+"/` reads it), 0 when there is
 * none. Read in place, without a slice or a regex, when the reference is
 * written as canonical form writes it (` r="`); else by the regex.
 *
 * `refColumn('<c r="AB12" s="1">', 0, 17)` → 28
 */
function refColumn(text: string, start: number, end: number): number {
  const at = text.indexOf(' r="', start);
  if (at >= 0 && at < end) {
    let i = at + 4;
    let column = 0;
    for (let code = text.charCodeAt(i); code >= 65 && code <= 90; code = text.charCodeAt(++i))
      column = column * 26 + code - 64;
    const lettersEnd = i;
    for (let code = text.charCodeAt(i); code >= 48 && code <= 57; code = text.charCodeAt(++i));
    if (column > 0 && i > lettersEnd && i < end && text.charCodeAt(i) === 34) return column;
  }
  const ref = /\sr="([A-Z]+)\d+"/.exec(text.slice(start, end))?.[1];
  return ref ? columnOf(ref) : 0;
}

/**
 * The row number in a `<row>` start tag (its `r`, as `/\sr="(\d+)"/` reads
 * it), or null when it has none: read in place when written ` r="…"`.
 *
 * `rowNumberOf('<row r="12" spans="1:3">')` → 12
 */
export function rowNumberOf(openTag: string): number | null {
  const at = openTag.indexOf(' r="');
  if (at >= 0) {
    let i = at + 4;
    for (
      let code = openTag.charCodeAt(i);
      code >= 48 && code <= 57;
      code = openTag.charCodeAt(++i)
    );
    if (i > at + 4 && openTag.charCodeAt(i) === 34) return Number(openTag.slice(at + 4, i));
  }
  const r = /\sr="(\d+)"/.exec(openTag);
  return r ? Number(r[1]) : null;
}

/**
 * Where the cells kept before `cells` end when the row is already what a
 * second accrue finds — its own cells in column order, then cells in exactly
 * the columns being written — else -1. Then the kept cells are the row's
 * text up to there, and no sort is needed: the answer the general merge
 * gives, for a sixth of its work on a whole sheet.
 */
function keptBeforeWritten(spans: readonly CellSpan[], cells: RowCells): number {
  if (isBlock(cells)) {
    const { first, count } = cells;
    return keptBefore(spans, first, (column) => column >= first && column < first + count);
  }
  const runs = typeof cells === "string" ? cellSpans(cells) : cells;
  for (let i = 1; i < runs.length; i += 1) if (runs[i]!.column <= runs[i - 1]!.column) return -1;
  return keptBefore(spans, runs[0]!.column, (column) => runs.some((c) => c.column === column));
}

/** `keptBeforeWritten` for written cells in ascending columns from `first`, `written` saying which. */
function keptBefore(
  spans: readonly CellSpan[],
  first: number,
  written: (column: number) => boolean
): number {
  let k = 0;
  let end = 0;
  let column = 0;
  // Kept cells: nothing between them (the general merge drops it), in column order.
  for (; k < spans.length && spans[k]!.column < first; k += 1) {
    if (spans[k]!.start !== end || spans[k]!.column < column) return -1;
    column = spans[k]!.column;
    end = spans[k]!.end;
  }
  for (; k < spans.length; k += 1) if (!written(spans[k]!.column)) return -1;
  return end;
}

/**
 * A row written again with `cells` (in column order) replacing or joining its
 * own, `spans` dropped (the cells it lists change).
 *
 * `mergeRow('<row r="2">', '<c r="A2"><v>1</v></c>', [{ column: 2, xml: '<c r="B2"><v>5</v></c>' }])`
 * → `'<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>5</v></c></row>'`
 */
export function mergeRow(openTag: string, body: string, cells: RowCells): string {
  const tag = withoutSpans(openTag.endsWith("/>") ? `${openTag.slice(0, -2)}>` : openTag);
  if (noCells(cells)) return `${tag}${body}</row>`;
  // The usual case — new cells to the right of every existing one — needs no parsing of the row.
  const lastCell = body.lastIndexOf("<c ");
  let lastColumn = 0;
  if (lastCell >= 0) {
    // The last cell's `r` as /^<c[^>]*\sr="([A-Z]+)\d+"/ finds it in its first 80 characters.
    const tagEnd = body.indexOf(">", lastCell);
    lastColumn = refColumn(
      body,
      lastCell,
      Math.min(tagEnd < 0 ? body.length : tagEnd, lastCell + 80)
    );
  }
  if (
    !body.includes("<c>") &&
    (lastCell < 0 || (lastColumn > 0 && lastColumn < firstColumn(cells)))
  )
    return `${tag}${body}${joined(cells)}</row>`;
  const spans = cellSpans(body);
  // Only the written cells' columns, no slices: a second accrue's rows end here.
  const kept = keptBeforeWritten(spans, cells);
  if (kept >= 0) return `${tag}${body.slice(0, kept)}${joined(cells)}</row>`;
  const runs = cellRuns(cells);
  const replaced = new Set(runs.map((c) => c.column));
  const merged = spans
    .filter((c) => !replaced.has(c.column))
    .map((c) => ({ column: c.column, xml: body.slice(c.start, c.end) }));
  merged.push(...runs);
  merged.sort((a, b) => a.column - b.column);
  return `${tag}${joined(merged)}</row>`;
}

/**
 * `tag` without its `spans` (it would be stale): what `setAttribute(tag, "spans", null)`
 * gives, cut out in place when the first "spans" in the tag is ` spans="…"`, as in
 * canonical form — the regex then cannot match earlier — else by the regex.
 *
 * `withoutSpans('<row r="2" spans="1:3">')` → `'<row r="2">'`
 */
function withoutSpans(tag: string): string {
  const at = tag.indexOf("spans");
  if (at < 0) return tag;
  if (tag.charCodeAt(at - 1) === 32 && tag.startsWith('="', at + 5)) {
    const close = tag.indexOf('"', at + 7);
    if (close >= 0) return `${tag.slice(0, at - 1)}${tag.slice(close + 1)}`;
  }
  return setAttribute(tag, "spans", null);
}

/** The cells' elements one after the other. */
export function joined(cells: RowCells): string {
  if (typeof cells === "string") return cells;
  if (isBlock(cells)) return cells.xml;
  let xml = "";
  for (const cell of cells) xml += cell.xml;
  return xml;
}

/** A row the sheet does not have yet, holding `cells`: `newRow(5, [c])` → `'<row r="5"><c r="D5" …/></row>'`. */
export function newRow(row: number, cells: RowCells): string {
  return `<row r="${row}">${joined(cells)}</row>`;
}

/** Where `emitCells` hands the pieces of a sheet it writes. */
interface SheetPieces {
  /** All of the sheet before its rows, up to and including `<sheetData>`; handed first. */
  head: (text: string) => void;
  /** One row, in sheet order. */
  row: (text: string) => void;
  /** The sheet from `</sheetData>` on; handed last. */
  tail: (text: string) => void;
}

/**
 * Hands `emit` the pieces of `sheetXml` with the cells `cellsFor(row)`
 * written in rows `firstRow..lastRow`, in order.
 */
function emitCells(
  sheetXml: string,
  firstRow: number,
  lastRow: number,
  cellsFor: (row: number) => RowCells,
  emit: SheetPieces
): void {
  let data = elementAt(sheetXml, "sheetData");
  if (!data) throw new Error("worksheet part has no <sheetData>");
  let xml = sheetXml;
  if (xml[data.openEnd - 2] === "/") {
    xml = `${xml.slice(0, data.start)}<sheetData></sheetData>${xml.slice(data.end)}`;
    data = elementAt(xml, "sheetData")!;
  }
  emit.head(xml.slice(0, data.openEnd));
  const bodyEnd = data.end - "</sheetData>".length;
  let from = data.openEnd;
  let previous = 0;
  let next = firstRow;
  const emitNewRowsBefore = (limit: number) => {
    for (; next < limit && next <= lastRow; next += 1) emit.row(newRow(next, cellsFor(next)));
  };
  for (;;) {
    const start = xml.indexOf("<row", from);
    if (start < 0 || start >= bodyEnd) break;
    const openEnd = xml.indexOf(">", start) + 1;
    const openTag = xml.slice(start, openEnd);
    const selfClosing = openTag.endsWith("/>");
    const end = selfClosing ? openEnd : xml.indexOf("</row>", openEnd) + "</row>".length;
    const rowNumber = rowNumberOf(openTag) ?? previous + 1;
    previous = rowNumber;
    emitNewRowsBefore(rowNumber);
    if (rowNumber >= firstRow && rowNumber <= lastRow) {
      emit.row(
        mergeRow(
          openTag,
          selfClosing ? "" : xml.slice(openEnd, end - "</row>".length),
          cellsFor(rowNumber)
        )
      );
      next = rowNumber + 1;
    } else emit.row(xml.slice(start, end));
    from = end;
  }
  emitNewRowsBefore(lastRow + 1);
  emit.tail(xml.slice(bodyEnd));
}

/**
 * `sheetXml` with the cells `cellsFor(row)` written in rows `firstRow..lastRow`
 * (each list in column order, as `cellXml` makes them); other cells of those
 * rows are kept.
 *
 * `writeCells(xml, 2, 3, (row) => [{ column: 4, xml: cellXml(row, 4, 1, 0) }])`
 */
export function writeCells(
  sheetXml: string,
  firstRow: number,
  lastRow: number,
  cellsFor: (row: number) => RowCells
): string {
  const out: string[] = [];
  const add = (piece: string) => out.push(piece);
  emitCells(sheetXml, firstRow, lastRow, cellsFor, { head: add, row: add, tail: add });
  return out.join("");
}

/**
 * What `writeCells` writes, its rows as UTF-8 bytes made a megabyte at a
 * time and deflated as they are made (`PartSink`: the sheet is never held
 * whole as a string beside its bytes), the text around them as two strings
 * for the editors that work on whole text — what `writeCellsStreamed` gives
 * for a sheet read in pieces: `head`, the rows inflated, and `tail` are
 * `writeCells`'s bytes. Written in one go, rows past the sink's 64 MiB wait
 * for the thread pool's deflater until the last row is made (a sheet that
 * large is written this way only when it is not in canonical form).
 *
 * `await writeRowsAsBytes(xml, 2, 3, cellsFor)` → `{ head: '<?xml …<sheetData>', rows: [{ deflated: <Buffer …>, size, crc }], tail: '</sheetData>…' }`
 */
export async function writeRowsAsBytes(
  sheetXml: string,
  firstRow: number,
  lastRow: number,
  cellsFor: (row: number) => RowCells,
  sink = new PartSink()
): Promise<{ head: string; rows: DeflatedPiece[]; tail: string }> {
  let head = "";
  let tail = "";
  const written = await deflatedRows(sink, (bytes) => {
    emitCells(sheetXml, firstRow, lastRow, cellsFor, {
      head: (text) => (head = text),
      row: (text) => bytes.add(text),
      tail: (text) => (tail = text),
    });
    return true;
  });
  return { head, rows: written!.rows, tail };
}

/** `sheetXml` with `<dimension>` widened to cover `right` columns and `bottom` rows. */
export function widenDimension(sheetXml: string, bottom: number, right: number): string {
  return sheetXml.replace(
    /<dimension\b[^>]*\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"[^>]*>/,
    (tag, c1: string, r1: string, c2?: string, r2?: string) => {
      const lastColumn = Math.max(columnOf(c2 ?? c1), right);
      const lastRow = Math.max(Number(r2 ?? r1), bottom);
      return setAttribute(tag, "ref", `${c1}${r1}:${letters(lastColumn)}${lastRow}`);
    }
  );
}

const COLS_FOLLOWERS = ["sheetData"];

/**
 * `sheetXml` with the widths of columns `first..first+widths.length-1` set,
 * splitting any `<col>` range that spans them so the other columns keep theirs.
 */
export function setColumnWidths(
  sheetXml: string,
  first: number,
  widths: readonly number[]
): string {
  const last = first + widths.length - 1;
  const cols = elementAt(sheetXml, "cols");
  const existing = cols
    ? [...sheetXml.slice(cols.openEnd, cols.end).matchAll(/<col\b[^>]*>/g)].map((m) => m[0])
    : [];
  const kept: { min: number; tag: string }[] = [];
  // A column's other settings (style, hidden, outline level) are kept; only its width is ours.
  const settingsOf = new Map<number, string>();
  for (const tag of existing) {
    const min = Number(/\bmin="(\d+)"/.exec(tag)?.[1]);
    const max = Number(/\bmax="(\d+)"/.exec(tag)?.[1]);
    if (max < first || min > last) kept.push({ min, tag });
    else {
      if (min < first) kept.push({ min, tag: setAttribute(tag, "max", String(first - 1)) });
      if (max > last) kept.push({ min: last + 1, tag: setAttribute(tag, "min", String(last + 1)) });
      for (let column = Math.max(min, first); column <= Math.min(max, last); column += 1)
        settingsOf.set(column, tag);
    }
  }
  widths.forEach((width, i) => {
    const column = first + i;
    const base = settingsOf.get(column) ?? `<col min="${column}" max="${column}"/>`;
    const tag = [
      ["min", String(column)],
      ["max", String(column)],
      ["width", String(width)],
      ["customWidth", "1"],
    ].reduce((t, [name, value]) => setAttribute(t, name!, value!), base);
    kept.push({ min: column, tag });
  });
  kept.sort((a, b) => a.min - b.min);
  const element = `<cols>${kept.map((k) => k.tag).join("")}</cols>`;
  if (cols) return `${sheetXml.slice(0, cols.start)}${element}${sheetXml.slice(cols.end)}`;
  const at = sheetXml.indexOf(COLS_FOLLOWERS.map((t) => `<${t}`)[0]!);
  return `${sheetXml.slice(0, at)}${element}${sheetXml.slice(at)}`;
}

/** The style index of cell `ref` in `sheetXml` (0 when the cell is absent or unstyled). */
export function styleOfCell(sheetXml: string, ref: string): number {
  return Number(
    new RegExp(
      `<c\\s[^>]*?\\br="${ref}"[^>]*?\\ss="(\\d+)"|<c\\s[^>]*?\\ss="(\\d+)"[^>]*?\\br="${ref}"`
    )
      .exec(sheetXml)
      ?.slice(1)
      .find((v) => v !== undefined) ?? 0
  );
}

/**
 * `sheetXml` with one cell set to `value`, keeping the style the cell had.
 *
 * `setCell(xml, 5, 7, "9f2c…")`
 */
export function setCell(sheetXml: string, row: number, column: number, value: PlainValue): string {
  const style = styleOfCell(sheetXml, address(row, column));
  return writeCells(sheetXml, row, row, () => [
    { column, xml: cellXml(row, column, value, style) },
  ]);
}
