/**
 * A worksheet part read row by row as it is inflated, for the editors that
 * change a large sheet (the NAV sheet, half a gigabyte of XML when a whole
 * sheet is accrued): the text is never held whole, only the piece being
 * read and the row it cut in two.
 *
 * The editors slice text by tags, which is exact only on the canonical form
 * (`xmlParse.ts`). A part taken as is must be in that form already, and here
 * that is proved piece by piece with the checks of `alreadyCanonical`, before
 * a row of the piece is handed on. When the proof fails the reader says so
 * (returns null) and the caller edits the part the old way, whole text
 * canonicalised first: correct for any writer, only not streamed.
 */
import { rowNumberOf } from "./sheetCells";
import { canonicalPrologueEnd, canonicalStretch } from "./xmlParse";

/** The part up to `<sheetData>` cannot be this long in a sheet anyone wrote; past it the sheet is read whole. */
const HEAD_LIMIT = 64 * 1_048_576;
const SHEET_DATA = /<sheetData(?=[\s/>])/;

export interface RowVisitor {
  /** The sheet before its rows, ending with the `<sheetData>` start tag (written so, if the sheet had `<sheetData/>`). */
  head: (head: string) => void;
  /**
   * One `<row>` element, in sheet order: its number (its `r`, or one past the
   * row before when it has none), its start tag, and the whole element.
   */
  row: (rowNumber: number, openTag: string, element: string) => void;
}

/**
 * Reads the worksheet text `pieces` (in pieces of any size, as
 * `XlsxPackage.xmlStream` yields them; the part already parsed whole without
 * error) and hands `visit` its head and its rows in order; returns the rest
 * of the sheet from `</sheetData>` on. Text between rows (whitespace) is not
 * handed on, as `writeCells` drops it. Returns null, having maybe visited
 * some rows, when the text is not in canonical form or has no `<sheetData>`.
 * `proven`: the text was proved canonical before (`XlsxPackage.knownCanonical`);
 * only the start is checked again.
 *
 * `await visitSheetRows(pkg.xmlStream(part)!, { head: (h) => …, row: (n, open, element) => … })` → `"</sheetData><tableParts …/></worksheet>"`
 */
export async function visitSheetRows(
  pieces: AsyncIterable<string>,
  visit: RowVisitor,
  proven = false
): Promise<string | null> {
  let buffer = "";
  // buffer[0, proved) is proved canonical; buffer[0, at) has been handed on.
  let proved = 0;
  let at = 0;
  let phase: "head" | "rows" | "tail" = "head";
  let previous = 0;
  // Everything handed on lies before the last `>` of the buffer, and the buffer is cut only
  // just past a `>` (a row's end): the pieces checked are exactly what canonicalStretch allows.
  const prove = (upTo: number) => {
    const fine = proven || upTo <= proved || canonicalStretch(buffer.slice(proved, upTo));
    proved = Math.max(proved, upTo);
    return fine;
  };
  for await (const piece of pieces) {
    buffer = buffer.length === 0 ? piece : buffer + piece;
    if (phase === "head") {
      const data = SHEET_DATA.exec(buffer);
      const openEnd = data ? buffer.indexOf(">", data.index) + 1 : 0;
      if (openEnd === 0) {
        if (buffer.length > HEAD_LIMIT) return null;
        continue;
      }
      proved = canonicalPrologueEnd(buffer);
      if (proved < 0 || proved > openEnd || !prove(openEnd)) return null;
      if (buffer[openEnd - 2] === "/") {
        visit.head(`${buffer.slice(0, data!.index)}<sheetData>`);
        buffer = `</sheetData>${buffer.slice(openEnd)}`;
        proved = "</sheetData>".length;
        phase = "tail";
        continue;
      }
      visit.head(buffer.slice(0, openEnd));
      at = openEnd;
      phase = "rows";
    }
    if (phase === "tail") continue;
    if (!prove(buffer.lastIndexOf(">") + 1)) return null;
    // Found once per piece: a row never holds `</sheetData>`, so it stays the end of the rows.
    const rowsEnd = buffer.indexOf("</sheetData>", at);
    let rowsDone = false;
    for (;;) {
      const start = buffer.indexOf("<row", at);
      // Past the end of the rows, "<row" is another element (<rowBreaks>).
      if (start < 0 || (rowsEnd >= 0 && start >= rowsEnd)) {
        rowsDone = rowsEnd >= 0;
        break;
      }
      const openEnd = buffer.indexOf(">", start) + 1;
      if (openEnd === 0) break;
      const selfClosing = buffer[openEnd - 2] === "/";
      const close = selfClosing ? openEnd : buffer.indexOf("</row>", openEnd);
      if (close < 0) break;
      const end = selfClosing ? openEnd : close + "</row>".length;
      const openTag = buffer.slice(start, openEnd);
      previous = rowNumberOf(openTag) ?? previous + 1;
      visit.row(previous, openTag, buffer.slice(start, end));
      at = end;
    }
    if (rowsDone) {
      buffer = buffer.slice(rowsEnd);
      proved -= rowsEnd;
      phase = "tail";
      continue;
    }
    // The row cut in two (and any text before it) waits for the next piece.
    buffer = buffer.slice(at);
    proved -= at;
    at = 0;
  }
  if (phase !== "tail" || !prove(buffer.length)) return null;
  return buffer;
}
