/**
 * What lies in a band of a worksheet before anything is written there: the
 * first cell holding content, and the sheet's merged ranges. Asked by
 * `placeAccrualColumns` of the NAV sheet (171 MB of XML on a whole sheet),
 * so a large sheet is read as it is inflated, row by row, when it is in
 * canonical form — never held as one string — and from its whole text
 * otherwise (see `sheetPieces`).
 */
import { address } from "../../workbook/sheetLayout";
import { sheetPieces, STREAM_FROM } from "./ooxml/sheetCellStream";
import { visitSheetRows } from "./ooxml/sheetRows";
import type { XlsxPackage } from "./ooxml/xlsxPackage";
import { type Box, cellHoldsContent, forEachCellIn, forEachCellOfRow } from "./readTables";

const MERGE = /<mergeCell\b[^>]*\bref="([^"]+)"/g;

export interface BandContents {
  /** The address of the first cell in the band holding a value, formula or inline text. */
  occupied: string | null;
  /** The ref of every `<mergeCell>` of the sheet. */
  merges: string[];
}

/**
 * `await bandContents(pkg, "xl/worksheets/sheet2.xml", { top: 1, left: 4, bottom: 9, right: 9 })`
 * → `{ occupied: "F7", merges: ["A1:B1"] }`
 */
export async function bandContents(
  pkg: XlsxPackage,
  part: string,
  band: Box,
  streamFrom = STREAM_FROM
): Promise<BandContents> {
  let occupied: string | null = null;
  // A formula showing "" or a formatted blank string is still someone's cell.
  const visit = (row: number, column: number, cell: string) => {
    if (occupied === null && cellHoldsContent(cell)) occupied = address(row, column);
  };
  const pieces = sheetPieces(pkg, part, streamFrom);
  if (pieces) {
    let past = false;
    let head = "";
    const inRows: string[] = [];
    const tail = await visitSheetRows(
      pieces,
      {
        head: (text) => {
          head = text;
        },
        row: (row, openTag, element) => {
          // As forEachCellIn: rows are in order, so the first row below the band ends the search.
          if (row > band.bottom) past = true;
          if (!past && row >= band.top && occupied === null)
            forEachCellOfRow(element, openTag.length, element.length, row, band, visit);
          // <mergeCells> follows the rows; a row holding one is not valid SpreadsheetML, but is read the same.
          if (element.includes("<mergeCell")) inRows.push(element);
        },
      },
      pkg.knownCanonical(part)
    );
    if (tail !== null) {
      // Proved canonical on the way: the writer that follows need not prove it again.
      pkg.markCanonical(part);
      return { occupied, merges: [head, ...inRows, tail].flatMap(mergeRefs) };
    }
    occupied = null;
  }
  const sheetXml = pkg.text(part)!;
  forEachCellIn(sheetXml, band, visit);
  return { occupied, merges: mergeRefs(sheetXml) };
}

function mergeRefs(xml: string): string[] {
  return [...xml.matchAll(MERGE)].map((match) => match[1]!);
}
