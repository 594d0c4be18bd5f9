/**
 * Worksheet text in canonical form as other writers' sheets have it, for the
 * tests of the row editors (`sheetCellStream.ts`, `sheetRowBytes.ts`): random
 * rows, the cells the accrual writer writes, the text cut into pieces.
 */
import { constants, inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { expect } from "vitest";
import { crc32 } from "../../../src/cli/xlsx/ooxml/crc32";
import { cellXml } from "../../../src/cli/xlsx/ooxml/sheetCells";
import type { DeflatedPiece } from "../../../src/cli/xlsx/ooxml/zip";
import { letters } from "../../../src/workbook/sheetLayout";

export const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const X14AC = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac";
export const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const HEAD = `${DECLARATION}<worksheet xmlns="${MAIN}" xmlns:r="${REL}" xmlns:x14ac="${X14AC}"><dimension ref="A1:C9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>`;
// <rowBreaks> after the rows: "<row" that is not a row.
export const TAIL =
  '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><rowBreaks count="1" manualBreakCount="1"><brk id="4" max="16383" man="1"/></rowBreaks><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>';
export const sheet = (rows: string) => `${HEAD}<sheetData>${rows}</sheetData>${TAIL}`;

/** Where pieces of the given sizes (cycled; none: one piece) begin and end over `length` units. */
function* pieceBounds(length: number, sizes: readonly number[]): Generator<[number, number]> {
  let at = 0;
  for (let i = 0; at < length; i += 1) {
    const size = sizes.length === 0 ? length : sizes[i % sizes.length]!;
    yield [at, at + size];
    at += size;
  }
}

/** `text` in pieces of the given sizes (cycled), as an inflating part yields them. */
export async function* inPieces(text: string, sizes: readonly number[]): AsyncGenerator<string> {
  for (const [start, end] of pieceBounds(text.length, sizes)) yield text.slice(start, end);
}

/** `bytes` in pieces of the given sizes (cycled), as `XlsxPackage.keptBytes` holds them. */
export function bytesInPieces(bytes: Buffer, sizes: readonly number[]): Buffer[] {
  return Array.from(pieceBounds(bytes.length, sizes), ([start, end]) => bytes.subarray(start, end));
}

/** The cells the accrual writer would write: columns `first..first+width-1`, a value per row. */
export const cellsAt = (first: number, width: number) => (row: number) =>
  Array.from({ length: width }, (_, i) => ({
    column: first + i,
    xml: cellXml(row, first + i, i % 2 === 0 ? row + i / 10 : `n${row}`, i),
  }));

/** The bytes of pieces as a sink keeps them, deflated ones inflated (and their stated size and CRC-32 checked). */
export function bytesOf(pieces: readonly (Buffer | DeflatedPiece)[]): Buffer {
  return Buffer.concat(
    pieces.map((piece) => {
      if (Buffer.isBuffer(piece)) return piece;
      // Sync-flushed, not finished: the rest of the part follows it in the archive.
      const inflated = inflateRawSync(piece.deflated, { finishFlush: constants.Z_SYNC_FLUSH });
      expect(inflated.length).toBe(piece.size);
      expect(crc32(inflated)).toBe(piece.crc);
      return inflated;
    })
  );
}

// A row as other writers' sheets (in canonical form) have it: `r` or not, self-closing or not,
// spans, cells left and right of the written columns, with or without `r`, gaps between rows,
// text past ASCII.
export const rowArbitrary = fc.record({
  gap: fc.integer({ min: 0, max: 3 }),
  numbered: fc.boolean(),
  spans: fc.boolean(),
  selfClosing: fc.boolean(),
  cells: fc.uniqueArray(
    fc.record({
      column: fc.integer({ min: 1, max: 12 }),
      ref: fc.boolean(),
      kind: fc.constantFrom("number", "styled", "text", "accented"),
    }),
    { selector: (c) => c.column, maxLength: 6 }
  ),
  newline: fc.boolean(),
});

export type RowSpec = typeof rowArbitrary extends fc.Arbitrary<infer T> ? T : never;

export function sheetOf(rows: RowSpec[]): string {
  let number = 0;
  const xml = rows.map((spec) => {
    // A row without `r` is the one after the row before it.
    number += spec.numbered ? 1 + spec.gap : 1;
    const attributes = `${spec.numbered ? ` r="${number}"` : ""}${spec.spans ? ' spans="1:12"' : ""} x14ac:dyDescent="0.25"`;
    const cells = [...spec.cells]
      .sort((a, b) => a.column - b.column)
      .map((c) => {
        const ref = c.ref ? ` r="${letters(c.column)}${number}"` : "";
        if (c.kind === "styled") return `<c${ref} s="2"/>`;
        if (c.kind === "text")
          return `<c${ref} t="inlineStr"><is><t xml:space="preserve">t&lt;${c.column}</t></is></c>`;
        // Text past ASCII: two- and three-byte characters in UTF-8.
        if (c.kind === "accented")
          return `<c${ref} t="inlineStr"><is><t xml:space="preserve">Ações ${c.column}€</t></is></c>`;
        return `<c${ref}><v>${c.column}.5</v></c>`;
      })
      .join("");
    const element =
      spec.selfClosing && cells === "" ? `<row${attributes}/>` : `<row${attributes}>${cells}</row>`;
    return `${element}${spec.newline ? "\n" : ""}`;
  });
  return sheet(xml.join(""));
}

/**
 * A sheet and an edit of it, as the row writers' properties draw them: random
 * rows, the rows `firstRow..firstRow+span` written with `width` columns from
 * `first`, the text cut in pieces of `sizes`.
 */
export const sheetEditArbitrary = fc.record({
  rows: fc.array(rowArbitrary, { maxLength: 14 }),
  firstRow: fc.integer({ min: 1, max: 30 }),
  span: fc.integer({ min: 0, max: 30 }),
  first: fc.integer({ min: 1, max: 12 }),
  width: fc.integer({ min: 1, max: 4 }),
  sizes: fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }),
});
