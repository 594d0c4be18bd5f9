/**
 * `writeCells` on a worksheet's UTF-8 bytes as they were inflated and kept
 * (`XlsxPackage.keptBytes`): the rows are found and copied as bytes, never
 * decoded into one string and encoded again. `accrue` reads the NAV sheet
 * once to read the plan; the 15 MB it then writes back with the accrual
 * columns (91,300 rows) were the kept text joined into one string, sliced
 * row by row and encoded again (bench/RESULTS.md (4o)).
 *
 * It writes what `writeRowsAsBytes(text, …)` writes for the same sheet, byte
 * for byte and in the same batches: the text is proved in canonical form
 * piece by piece, as `visitSheetRows` proves it, and each row is either
 * copied with its new cells after its own (the usual case, `mergeRow`'s
 * first exits, read off the bytes) or decoded and handed to `mergeRow`
 * itself. Every delimiter looked for is ASCII, and UTF-8 never uses an ASCII
 * byte inside a longer character, so a byte offset found here is the
 * character offset the text writer finds.
 */
import { deflatedRows, PartSink } from "./partSink";
import type { StreamedSheet } from "./sheetCellStream";
import {
  firstColumn,
  joined,
  mergeRow,
  newRow,
  noCells,
  rowNumberOf,
  type RowCells,
} from "./sheetCells";
import type { Utf8Builder } from "./utf8Builder";
import { canonicalPrologueEnd, canonicalStretch } from "./xmlParse";

const HEAD_LIMIT = 64 * 1_048_576;
const SHEET_DATA = /<sheetData(?=[\s/>])/;
const SHEET_DATA_END = Buffer.from("</sheetData>");
const ROW_START = Buffer.from("<row");
// A start tag's `r` as canonical form writes it (what `rowNumberOf` and `refColumn` read in place).
const R_ATTRIBUTE = Buffer.from(' r="');
const SPANS = Buffer.from("spans");
const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;
const SPACE = 32;
const ASCII_END = 0x80;

/**
 * What `writeRowsAsBytes(text, firstRow, lastRow, cellsFor)` returns for the
 * sheet whose bytes are `pieces` (UTF-8, cut anywhere; `text` their decoding),
 * or null when the bytes are not in canonical form, begin with a byte-order
 * mark or have no `<sheetData>` start tag — then the caller writes from the
 * text (`XlsxPackage.text`, canonicalised). `proven`: as for `visitSheetRows`.
 * The sheet must have been parsed whole by the conformant parser.
 *
 * `await writeCellsFromBytes(pkg.keptBytes(part)!, 1, 91_301, cellsFor)` → `{ head: '<?xml …<sheetData>', rows: [{ deflated, size, crc }], tail: '</sheetData>…' }`
 */
export async function writeCellsFromBytes(
  pieces: readonly Buffer[],
  firstRow: number,
  lastRow: number,
  cellsFor: (row: number) => RowCells,
  { sink = new PartSink(), proven = false }: { sink?: PartSink; proven?: boolean } = {}
): Promise<StreamedSheet | null> {
  let head = "";
  const written = await deflatedRows(sink, (bytes) =>
    rowsOf(pieces, proven, {
      head: (text) => (head = text),
      rows: new RowWriter(bytes, firstRow, lastRow, cellsFor),
    })
  );
  return written && { head, rows: written.rows, tail: written.value };
}

/**
 * Reads the sheet bytes `pieces` as `visitSheetRows` reads the text: hands
 * on the head, each row's place in the buffer being read, and returns the
 * text from `</sheetData>` on; null when not in canonical form.
 */
function rowsOf(
  pieces: readonly Buffer[],
  proven: boolean,
  visit: { head: (text: string) => void; rows: RowWriter }
): string | null {
  let buffer: Buffer = Buffer.alloc(0);
  // buffer[0, proved) is proved canonical; buffer[0, at) has been handed on.
  let proved = 0;
  let at = 0;
  let phase: "head" | "rows" | "tail" = "head";
  const prove = (upTo: number) => {
    const fine =
      proven || upTo <= proved || canonicalStretch(buffer.toString("utf8", proved, upTo));
    proved = Math.max(proved, upTo);
    return fine;
  };
  for (let next = 0; next < pieces.length;) {
    // The next piece after what is left of the last; while a long row is left over, pieces as
    // long as it together: a row longer than a piece is copied and scanned a few times over,
    // not once for every piece it spans.
    const taken = [buffer];
    for (let added = 0; next < pieces.length && (added === 0 || added < buffer.length); next += 1) {
      taken.push(pieces[next]!);
      added += pieces[next]!.length;
    }
    buffer = buffer.length === 0 && taken.length === 2 ? taken[1]! : Buffer.concat(taken);
    if (phase === "head") {
      // A byte-order mark (or UTF-16): the text writer's decoding drops it; not for this writer.
      if (buffer.length > 0 && buffer[0]! >= 0xef) return null;
      // Decoded up to its last `>`: never inside a character, and `<sheetData …>` ends by then.
      const text = buffer.toString("utf8", 0, buffer.lastIndexOf(GT) + 1);
      const data = SHEET_DATA.exec(text);
      const openEnd = data ? text.indexOf(">", data.index) + 1 : 0;
      if (openEnd === 0) {
        if (buffer.length > HEAD_LIMIT) return null;
        continue;
      }
      const rootEnd = canonicalPrologueEnd(text);
      // `<sheetData/>`: rows to create, none to copy — the text writer's work.
      if (rootEnd < 0 || rootEnd > openEnd || text[openEnd - 2] === "/") return null;
      if (!proven && !canonicalStretch(text.slice(rootEnd, openEnd))) return null;
      const head = text.slice(0, openEnd);
      at = proved = Buffer.byteLength(head);
      // Bytes that are not UTF-8 decode to U+FFFD, three bytes again: then the text's offsets
      // are not the bytes', and the text writer's decoding is the one to follow.
      if (!buffer.subarray(0, at).equals(Buffer.from(head, "utf8"))) return null;
      visit.head(head);
      phase = "rows";
    }
    if (phase === "tail") continue;
    if (!prove(buffer.lastIndexOf(GT) + 1)) return null;
    // Found once per piece: a row never holds `</sheetData>`, so it stays the end of the rows.
    const rowsEnd = buffer.indexOf(SHEET_DATA_END, at);
    at = visit.rows.write(buffer, at, rowsEnd < 0 ? buffer.length : rowsEnd);
    if (rowsEnd >= 0 && visit.rows.reachedEnd) {
      buffer = buffer.subarray(rowsEnd);
      proved -= rowsEnd;
      phase = "tail";
      continue;
    }
    // The row cut in two (and any text before it) waits for the next piece.
    buffer = buffer.subarray(at);
    proved -= at;
    at = 0;
  }
  if (phase !== "tail" || !prove(buffer.length)) return null;
  visit.rows.finish();
  return buffer.toString("utf8");
}

/** The rows of a sheet written with `cellsFor(row)` in rows `firstRow..lastRow`, as `emitCells` writes them. */
class RowWriter {
  /** Whether the last `write` found no row left before the end it was given. */
  reachedEnd = false;
  private previous = 0;
  private next: number;

  constructor(
    private readonly bytes: Utf8Builder,
    private readonly firstRow: number,
    private readonly lastRow: number,
    private readonly cellsFor: (row: number) => RowCells
  ) {
    this.next = firstRow;
  }

  /**
   * Writes the whole rows in `buffer[from, limit)` (`limit`: where the rows
   * end, or the buffer's end); returns where the first row not written begins
   * (or `limit`'s row search ended). `reachedEnd`: no `<row` before `limit`.
   */
  write(buffer: Buffer, from: number, limit: number): number {
    let at = from;
    for (;;) {
      const start = rowStart(buffer, at, limit);
      if (start < 0) {
        this.reachedEnd = true;
        return at;
      }
      const openEnd = indexOfByte(buffer, GT, start + 4) + 1;
      if (openEnd === 0) break;
      const selfClosing = buffer[openEnd - 2] === SLASH;
      const row = selfClosing ? null : bodyOf(buffer, openEnd);
      if (row === null && !selfClosing) break;
      const close = row === null ? openEnd : row.close;
      const end = selfClosing ? openEnd : close + "</row>".length;
      const rowNumber = rowNumberAt(buffer, start, openEnd) ?? this.previous + 1;
      this.previous = rowNumber;
      this.newRowsBefore(rowNumber);
      const tagAscii = isAscii(buffer, start, openEnd);
      if (rowNumber >= this.firstRow && rowNumber <= this.lastRow) {
        this.merged(buffer, start, openEnd, tagAscii, row, this.cellsFor(rowNumber));
        this.next = rowNumber + 1;
      } else if (tagAscii && (row === null || row.ascii))
        this.bytes.addAscii(buffer, start, end, 0, 0, "");
      else this.bytes.add(buffer.toString("utf8", start, end));
      at = end;
    }
    this.reachedEnd = false;
    return at;
  }

  /** The rows still to create after the last row of the sheet. */
  finish(): void {
    this.newRowsBefore(this.lastRow + 1);
  }

  private newRowsBefore(limit: number): void {
    for (; this.next < limit && this.next <= this.lastRow; this.next += 1)
      this.bytes.add(newRow(this.next, this.cellsFor(this.next)));
  }

  /**
   * The row whose start tag is `buffer[start, openEnd)` written again with
   * `cells`: what `mergeRow` makes of it. `row`: its body read off the bytes,
   * null when the tag is self-closing.
   */
  private merged(
    buffer: Buffer,
    start: number,
    openEnd: number,
    tagAscii: boolean,
    row: RowBody | null,
    cells: RowCells
  ): void {
    const close = row === null ? openEnd : row.close;
    // mergeRow's two first exits: no cells to write, or all of them right of every cell the row has.
    const fast =
      tagAscii &&
      (row === null ||
        (row.ascii &&
          (noCells(cells) ||
            (!row.bareCell &&
              (row.lastCell < 0 || lastCellBefore(buffer, row, close, firstColumn(cells)))))));
    const spans = fast ? spansAt(buffer, start, openEnd) : null;
    if (!fast || spans === undefined) {
      const openTag = buffer.toString("utf8", start, openEnd);
      const body = buffer.toString("utf8", openEnd, close);
      this.bytes.add(mergeRow(openTag, body, cells));
      return;
    }
    // Self-closing, the tag loses its "/" and the row gains its end; else the body follows the tag.
    const end = row === null ? openEnd - 2 : close;
    const text = `${row === null ? ">" : ""}${noCells(cells) ? "" : joined(cells)}</row>`;
    this.bytes.addAscii(buffer, start, spans?.before ?? end, spans?.after ?? end, end, text);
  }
}

/** A row's body as read off its bytes, from its start tag's end to its `</row>`. */
interface RowBody {
  /** Where its `</row>` begins. */
  close: number;
  /** Whether the body is all ASCII. */
  ascii: boolean;
  /** Where its last `<c ` begins, or -1. */
  lastCell: number;
  /** Whether it holds a `<c>` (a cell with no attributes). */
  bareCell: boolean;
}

/** The body of the row whose start tag ends at `openEnd`, or null when its `</row>` is not in `buffer` yet. */
function bodyOf(buffer: Buffer, openEnd: number): RowBody | null {
  let ascii = true;
  let lastCell = -1;
  let bareCell = false;
  const length = buffer.length;
  for (let i = openEnd; i < length; i += 1) {
    const byte = buffer[i]!;
    if (byte >= ASCII_END) ascii = false;
    else if (byte === LT) {
      // Never read past the buffer (optimised code reading out of bounds is thrown away):
      // a `<` this near its end starts nothing whole yet.
      if (i + 5 >= length) return null;
      const next = buffer[i + 1];
      if (next === 99 /* c */) {
        const after = buffer[i + 2];
        if (after === SPACE) lastCell = i;
        else if (after === GT) bareCell = true;
      } else if (
        next === SLASH &&
        buffer[i + 2] === 114 /* r */ &&
        buffer[i + 3] === 111 /* o */ &&
        buffer[i + 4] === 119 /* w */ &&
        buffer[i + 5] === GT
      )
        return { close: i, ascii, lastCell, bareCell };
    }
  }
  return null;
}

/**
 * Whether the row's last cell has a column before `first` — `mergeRow`'s
 * test for appending, read as `refColumn` reads it (its first ` r="` within
 * the start tag's first 80 characters). False when that reading needs the
 * regex: then the row is decoded and `mergeRow` decides.
 */
function lastCellBefore(buffer: Buffer, row: RowBody, close: number, first: number): boolean {
  const start = row.lastCell;
  const tagEnd = indexOfByte(buffer, GT, start);
  const end = Math.min(tagEnd < 0 || tagEnd > close ? close : tagEnd, start + 80);
  const at = findBytes(buffer, R_ATTRIBUTE, start, end);
  if (at < 0) return false;
  let i = at + R_ATTRIBUTE.length;
  let column = 0;
  for (let code = buffer[i]!; code >= 65 && code <= 90; code = buffer[++i]!)
    column = column * 26 + code - 64;
  const lettersEnd = i;
  for (let code = buffer[i]!; code >= 48 && code <= 57; code = buffer[++i]!);
  return column > 0 && i > lettersEnd && i < end && buffer[i] === QUOTE && column < first;
}

/**
 * Where to cut a row start tag's `spans="…"` out (the space before it to its
 * closing quote), as `withoutSpans` cuts it: null when the tag has no
 * "spans", undefined when it has one `withoutSpans` would remove by regex.
 */
function spansAt(
  buffer: Buffer,
  start: number,
  openEnd: number
): { before: number; after: number } | null | undefined {
  const at = findBytes(buffer, SPANS, start, openEnd);
  if (at < 0) return null;
  if (
    at + 6 >= openEnd ||
    buffer[at - 1] !== SPACE ||
    buffer[at + 5] !== 61 ||
    buffer[at + 6] !== QUOTE
  )
    return undefined;
  const quote = indexOfByte(buffer, QUOTE, at + 7);
  return quote < 0 || quote >= openEnd ? undefined : { before: at - 1, after: quote + 1 };
}

/** The row number in the start tag `buffer[start, openEnd)`, as `rowNumberOf` reads it. */
function rowNumberAt(buffer: Buffer, start: number, openEnd: number): number | null {
  const at = findBytes(buffer, R_ATTRIBUTE, start, openEnd);
  if (at >= 0) {
    const digits = at + R_ATTRIBUTE.length;
    let i = digits;
    let number = 0;
    for (let code = buffer[i]!; code >= 48 && code <= 57; code = buffer[++i]!)
      number = number * 10 + code - 48;
    // Up to 15 digits the sum is Number()'s reading of them exactly.
    if (i > digits && i - digits <= 15 && buffer[i] === QUOTE) return number;
  }
  return rowNumberOf(buffer.toString("utf8", start, openEnd));
}

/** Where the first `<row` at or after `from` and before `limit` begins, or -1. */
function rowStart(buffer: Buffer, from: number, limit: number): number {
  return findBytes(buffer, ROW_START, from, limit + ROW_START.length - 1);
}

/**
 * Where `pattern` first lies wholly within `buffer[from, end)`, or -1; never
 * reading past the buffer (optimised code reading out of bounds is thrown away).
 */
function findBytes(buffer: Buffer, pattern: Buffer, from: number, end: number): number {
  const last = Math.min(end, buffer.length) - pattern.length;
  for (let at = from; at <= last; at += 1) {
    let k = 0;
    while (k < pattern.length && buffer[at + k] === pattern[k]) k += 1;
    if (k === pattern.length) return at;
  }
  return -1;
}

/** `buffer.indexOf(byte, from)`, in JavaScript: the byte sought is a few places on, not worth a native call. */
function indexOfByte(buffer: Buffer, byte: number, from: number): number {
  const length = buffer.length;
  for (let i = from; i < length; i += 1) if (buffer[i] === byte) return i;
  return -1;
}

function isAscii(buffer: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) if (buffer[i]! >= ASCII_END) return false;
  return true;
}
