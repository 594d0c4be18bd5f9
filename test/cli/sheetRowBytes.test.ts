import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { PartSink } from "../../src/cli/xlsx/ooxml/partSink";
import {
  cellBlockXml,
  cellXml,
  type RowCells,
  writeRowsAsBytes,
} from "../../src/cli/xlsx/ooxml/sheetCells";
import { writeCellsFromBytes } from "../../src/cli/xlsx/ooxml/sheetRowBytes";
import { Utf8Builder } from "../../src/cli/xlsx/ooxml/utf8Builder";
import { alreadyCanonical } from "../../src/cli/xlsx/ooxml/xmlParse";
import {
  bytesInPieces,
  bytesOf,
  cellsAt,
  HEAD,
  rowArbitrary,
  sheet,
  sheetEditArbitrary,
  sheetOf,
  TAIL,
} from "./support/canonicalSheet";

/** The cells of a second accrue: a block of `width` columns from `first`, as the accrual writer makes it. */
const blockAt = (first: number, width: number) => {
  const block = cellBlockXml(
    first,
    Array.from({ length: width }, (_, i) => i)
  );
  return (row: number): RowCells =>
    block(
      row,
      Array.from({ length: width }, (_, i) =>
        i === width - 1 ? (row % 3 === 0 ? "Não acumulado" : "") : row * 10 + i / 4
      )
    );
};

/** What the bytes writer writes against what the text writer writes for the same sheet: head, tail and every deflated piece. */
async function bothWays(
  xml: string,
  sizes: readonly number[],
  firstRow: number,
  lastRow: number,
  cellsFor: (row: number) => RowCells
) {
  const fromBytes = await writeCellsFromBytes(
    bytesInPieces(Buffer.from(xml, "utf8"), sizes),
    firstRow,
    lastRow,
    cellsFor
  );
  const fromText = await writeRowsAsBytes(xml, firstRow, lastRow, cellsFor, new PartSink());
  return { fromBytes, fromText };
}

describe("the cell writer on a sheet's kept bytes", () => {
  it("writes what the text writer writes, in the same deflated pieces: rows copied, cells replaced and inserted, missing rows created (hand-written)", async () => {
    const xml = sheet(
      '<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5</v></c></row>\n<row r="3"><c r="A3"><v>1</v></c><c r="E3"><v>9</v></c></row><row r="4" spans="1:3"/><row r="5"><c r="A5" t="inlineStr"><is><t>Ações €</t></is></c></row><row r="7"><c r="C7"><v>2</v></c></row>'
    );
    const cellsFor = (row: number) => [{ column: 3, xml: cellXml(row, 3, row * 10, 4) }];
    const { fromBytes, fromText } = await bothWays(xml, [7], 1, 6, cellsFor);
    expect(fromBytes!.head).toBe(`${HEAD}<sheetData>`);
    expect(fromBytes!.tail).toBe(`</sheetData>${TAIL}`);
    expect(bytesOf(fromBytes!.rows).toString()).toBe(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5</v></c><c r="C1" s="4"><v>10</v></c></row>' +
        '<row r="2"><c r="C2" s="4"><v>20</v></c></row>' +
        '<row r="3"><c r="A3"><v>1</v></c><c r="C3" s="4"><v>30</v></c><c r="E3"><v>9</v></c></row>' +
        '<row r="4"><c r="C4" s="4"><v>40</v></c></row>' +
        '<row r="5"><c r="A5" t="inlineStr"><is><t>Ações €</t></is></c><c r="C5" s="4"><v>50</v></c></row>' +
        '<row r="6"><c r="C6" s="4"><v>60</v></c></row>' +
        '<row r="7"><c r="C7"><v>2</v></c></row>'
    );
    expect(fromBytes).toEqual(fromText);
  });

  it("reads a row's last cell reference as the text writer does, odd ones too (hand-written)", async () => {
    // No digits, lower case, something after the digits, past the tag's first 80 characters,
    // a tab before it: each makes mergeRow fall back to its regex or to the general merge.
    const odd = [
      '<c r="A"><v>1</v></c>',
      '<c r="b7"><v>1</v></c>',
      '<c r="B7x"><v>1</v></c>',
      `<c s="1" ${"x".repeat(80)}="1" r="B7"><v>1</v></c>`,
      '<c\tr="B7"><v>1</v></c>',
      '<c t="n" r="E7"><v>1</v></c>',
    ];
    for (const cell of odd) {
      // After cells in the written columns: a reference misread as left of them would append.
      const xml = sheet(`<row r="7"><c r="C7"><v>0</v></c><c r="D7"><v>0</v></c>${cell}</row>`);
      const { fromBytes, fromText } = await bothWays(xml, [11], 7, 7, cellsAt(3, 2));
      expect(fromBytes, cell).toEqual(fromText);
    }
  });

  it("the same for every place the bytes are cut in two, inside a character too", async () => {
    const xml = sheet(
      '<row r="1"><c r="A1"><v>1</v></c><c r="D1" s="3"><v>7</v></c></row><row r="2" spans="1:4"/><row><c t="inlineStr"><is><t>€é😀</t></is></c></row><row r="6"><c r="Z6"><v>4</v></c></row>'
    );
    const bytes = Buffer.from(xml, "utf8");
    const expected = await writeRowsAsBytes(xml, 1, 4, cellsAt(2, 3));
    for (let at = 1; at < bytes.length; at += 1) {
      const pieces = [bytes.subarray(0, at), bytes.subarray(at)];
      expect(await writeCellsFromBytes(pieces, 1, 4, cellsAt(2, 3)), `cut at ${at}`).toEqual(
        expected
      );
    }
    expect(await writeCellsFromBytes(bytesInPieces(bytes, [1]), 1, 4, cellsAt(2, 3))).toEqual(
      expected
    );
  });

  it("writes what the text writer writes (property: random sheets, accented text, first and second accrue, pieces of random sizes down to one byte)", async () => {
    await fc.assert(
      fc.asyncProperty(
        sheetEditArbitrary,
        fc.boolean(),
        async ({ rows, firstRow, span, first, width, sizes }, asBlock) => {
          const xml = sheetOf(rows);
          expect(alreadyCanonical(xml)).toBe(true);
          const lastRow = firstRow + span;
          const cellsFor = asBlock ? blockAt(first, width) : cellsAt(first, width);
          const { fromBytes, fromText } = await bothWays(xml, sizes, firstRow, lastRow, cellsFor);
          expect(fromBytes).toEqual(fromText);
          // And again over what it wrote, as a second accrue writes the same columns.
          const written = `${fromText.head}${bytesOf(fromText.rows).toString("utf8")}${fromText.tail}`;
          const again = await bothWays(written, sizes, firstRow, lastRow, cellsFor);
          expect(again.fromBytes).toEqual(again.fromText);
        }
      ),
      { numRuns: 300 }
    );
  });

  it("declines bytes that are not UTF-8 before the rows (their decoding is longer than they are): the text writer's decoding is followed", async () => {
    const xml = sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"/>');
    const at = xml.indexOf("<sheetData>");
    const bytes = Buffer.concat([
      Buffer.from(`${xml.slice(0, at)}<sheetPr codeName="A`),
      Buffer.from([0xff]),
      Buffer.from(`"/>${xml.slice(at)}`),
    ]);
    expect(await writeCellsFromBytes([bytes], 1, 2, cellsAt(3, 1))).toBeNull();
    // Past the head, such a byte is decoded with its row, as the text writer decodes it.
    const inRow = Buffer.concat([
      Buffer.from(xml.slice(0, xml.indexOf("<v>1"))),
      Buffer.from([0xff]),
      Buffer.from(xml.slice(xml.indexOf("<v>1"))),
    ]);
    expect(await writeCellsFromBytes([inRow], 1, 2, cellsAt(3, 1))).toEqual(
      await writeRowsAsBytes(inRow.toString("utf8"), 1, 2, cellsAt(3, 1))
    );
  });

  it("gives the text writer's result or declines, never other bytes, wherever bytes that are not UTF-8 lie (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArbitrary, { maxLength: 8 }),
        fc.array(
          fc.record({
            at: fc.nat(),
            bytes: fc.constantFrom([0xff], [0xe2, 0x82], [0xc3], [0x80, 0x80]),
          }),
          { minLength: 1, maxLength: 3 }
        ),
        fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 4 }),
        async (rows, damage, sizes) => {
          let bytes = Buffer.from(sheetOf(rows));
          for (const { at, bytes: bad } of damage) {
            const place = at % (bytes.length + 1);
            bytes = Buffer.concat([
              bytes.subarray(0, place),
              Buffer.from(bad),
              bytes.subarray(place),
            ]);
          }
          const written = await writeCellsFromBytes(
            bytesInPieces(bytes, sizes),
            1,
            9,
            cellsAt(2, 2)
          );
          if (written !== null)
            expect(written).toEqual(
              await writeRowsAsBytes(bytes.toString("utf8"), 1, 9, cellsAt(2, 2))
            );
        }
      ),
      { numRuns: 300 }
    );
  });

  it("copies a row longer than many pieces a few times over, not once a piece (a 3 MB cell in 4 KiB pieces)", async () => {
    const xml = sheet(
      `<row r="1"><c r="A1" t="inlineStr"><is><t>${"x".repeat(3_000_000)}</t></is></c></row><row r="2"/>`
    );
    const bytes = Buffer.from(xml);
    const concat = vi.spyOn(Buffer, "concat");
    const written = await writeCellsFromBytes(bytesInPieces(bytes, [4096]), 1, 2, cellsAt(3, 1));
    const copied = concat.mock.results.reduce((n, r) => n + (r.value as Buffer).length, 0);
    concat.mockRestore();
    expect(written).toEqual(await writeRowsAsBytes(xml, 1, 2, cellsAt(3, 1)));
    // Once a piece, it would be about 3 MB × 732 pieces / 2: a gigabyte.
    expect(copied).toBeLessThan(4 * bytes.length);
  });

  it("declines bytes with a byte-order mark, a sheet not in canonical form and an empty <sheetData/>: the caller writes from the text", async () => {
    const xml = sheet('<row r="1"><c r="A1"><v>1</v></c></row>');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]);
    expect(await writeCellsFromBytes([bom], 1, 2, cellsAt(2, 1))).toBeNull();
    const quirky = sheet(`<row r="1"><c r="A1"><v>1</v></c></row><row r='2'/>`);
    for (const sizes of [[1], [5], [quirky.length]])
      expect(
        await writeCellsFromBytes(bytesInPieces(Buffer.from(quirky), sizes), 1, 2, cellsAt(2, 1))
      ).toBeNull();
    // Proved canonical before (the placement check did): only the start is checked again.
    expect(
      await writeCellsFromBytes([Buffer.from(quirky)], 1, 2, cellsAt(2, 1), { proven: true })
    ).toEqual(await writeRowsAsBytes(quirky, 1, 2, cellsAt(2, 1)));
    const empty = `${HEAD}<sheetData/>${TAIL}`;
    expect(await writeCellsFromBytes([Buffer.from(empty)], 1, 2, cellsAt(2, 1))).toBeNull();
  });
});

describe("Utf8Builder.addAscii", () => {
  it("hands on the bytes and batches add() does for the same text (property: ranges and texts of every length, a batch's worth and more)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            bytes: fc.nat(400_000),
            cut: fc.nat(400_000),
            text: fc.constantFrom("", "</row>", "<c/>", "é€", "\ud83d", "x".repeat(300_000)),
          }),
          { maxLength: 12 }
        ),
        (pieces) => {
          const source = Buffer.from('<row r="2">'.repeat(40_000), "latin1");
          const viaText = new Utf8Builder();
          const viaBytes = new Utf8Builder();
          for (const { bytes, cut, text } of pieces) {
            const start = cut % source.length;
            const end = Math.min(source.length, start + bytes);
            const from = Math.floor(start / 2);
            const to = Math.min(source.length, from + (bytes % 1000));
            viaText.add(
              `${source.toString("latin1", start, end)}${source.toString("latin1", from, to)}${text}`
            );
            viaBytes.addAscii(source, start, end, from, to, text);
          }
          // Compared as lengths and bytes: a deep comparison of megabyte buffers is slow.
          const [bytes, text] = [viaBytes.finish(), viaText.finish()];
          expect(bytes.map((b) => b.length)).toEqual(text.map((b) => b.length));
          expect(bytes.every((b, i) => b.equals(text[i]!))).toBe(true);
        }
      ),
      { numRuns: 200 }
    );
  });
});
