import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PartSink } from "../../src/cli/xlsx/ooxml/partSink";
import { type StreamedSheet, writeCellsStreamed } from "../../src/cli/xlsx/ooxml/sheetCellStream";
import {
  cellBlockXml,
  cellRunXml,
  cellXml,
  mergeRow,
  newRow,
  type PlainValue,
  writeCells,
} from "../../src/cli/xlsx/ooxml/sheetCells";
import { visitSheetRows } from "../../src/cli/xlsx/ooxml/sheetRows";
import { alreadyCanonical, canonicalStretch } from "../../src/cli/xlsx/ooxml/xmlParse";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { writeZip } from "../../src/cli/xlsx/ooxml/writeZip";
import type { DeflatedPiece } from "../../src/cli/xlsx/ooxml/zip";
import { scanSheet } from "../../src/cli/xlsx/ooxml/sheetScan";
import { setAttribute } from "../../src/cli/xlsx/ooxml/xml";
import { letters } from "../../src/workbook/sheetLayout";
import {
  bytesOf,
  cellsAt,
  DECLARATION,
  HEAD,
  inPieces,
  MAIN,
  rowArbitrary,
  sheet,
  sheetEditArbitrary,
  sheetOf,
  TAIL,
} from "./support/canonicalSheet";

const textOf = (result: StreamedSheet) =>
  `${result.head}${bytesOf(result.rows).toString("utf8")}${result.tail}`;

/** What the streaming writer writes, as one string (null when it declines the text). */
async function streamed(
  xml: string,
  sizes: readonly number[],
  firstRow: number,
  lastRow: number,
  cellsFor: ReturnType<typeof cellsAt>,
  atOnceBelow?: number
): Promise<string | null> {
  const result = await writeCellsStreamed(inPieces(xml, sizes), firstRow, lastRow, cellsFor, {
    sink: new PartSink(atOnceBelow),
  });
  return result === null ? null : textOf(result);
}

describe("the streaming cell writer", () => {
  it("writes what writeCells writes: rows copied through, cells replaced and inserted in column order, missing rows created (hand-written)", async () => {
    const xml = sheet(
      '<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5</v></c></row>\n<row r="3"><c r="A3"><v>1</v></c><c r="E3"><v>9</v></c></row><row r="4"/><row r="7"><c r="C7"><v>2</v></c></row>'
    );
    const cellsFor = (row: number) => [{ column: 3, xml: cellXml(row, 3, row * 10, 4) }];
    const result = await writeCellsStreamed(inPieces(xml, [7]), 1, 5, cellsFor);
    expect(result!.head).toBe(`${HEAD}<sheetData>`);
    expect(result!.tail).toBe(`</sheetData>${TAIL}`);
    expect(bytesOf(result!.rows).toString()).toBe(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5</v></c><c r="C1" s="4"><v>10</v></c></row>' +
        '<row r="2"><c r="C2" s="4"><v>20</v></c></row>' +
        '<row r="3"><c r="A3"><v>1</v></c><c r="C3" s="4"><v>30</v></c><c r="E3"><v>9</v></c></row>' +
        '<row r="4"><c r="C4" s="4"><v>40</v></c></row>' +
        '<row r="5"><c r="C5" s="4"><v>50</v></c></row>' +
        '<row r="7"><c r="C7"><v>2</v></c></row>'
    );
    expect(await streamed(xml, [7], 1, 5, cellsAt(3, 1))).toBe(
      writeCells(xml, 1, 5, cellsAt(3, 1))
    );
  });

  it("an empty <sheetData/> gets the rows, written as writeCells writes them", async () => {
    const xml = `${HEAD}<sheetData/>${TAIL}`;
    for (const sizes of [[], [1], [3, 50]])
      expect(await streamed(xml, sizes, 2, 3, cellsAt(2, 2))).toBe(
        writeCells(xml, 2, 3, cellsAt(2, 2))
      );
    expect(await streamed(xml, [], 2, 3, cellsAt(2, 2))).toContain(
      '<sheetData><row r="2"><c r="B2"><v>2</v></c><c r="C2" s="1" t="inlineStr">'
    );
  });

  it("the same bytes for every place the text is cut in two, and for pieces of one character", async () => {
    const xml = sheet(
      '<row r="1"><c r="A1"><v>1</v></c><c r="D1" s="3"><v>7</v></c></row><row r="2" spans="1:4"/><row><c><v>3</v></c></row><row r="6"><c r="Z6"><v>4</v></c></row>'
    );
    const expected = writeCells(xml, 1, 4, cellsAt(2, 3));
    async function* cutAt(at: number) {
      yield xml.slice(0, at);
      yield xml.slice(at);
    }
    for (let at = 0; at <= xml.length; at += 1) {
      const result = await writeCellsStreamed(cutAt(at), 1, 4, cellsAt(2, 3));
      const text = textOf(result!);
      expect(text, `cut at ${at}`).toBe(expected);
    }
    expect(await streamed(xml, [1], 1, 4, cellsAt(2, 3))).toBe(expected);
  });

  it("writes what writeCells writes (property: random sheets, rows and columns, pieces of random sizes down to one character)", async () => {
    await fc.assert(
      fc.asyncProperty(
        sheetEditArbitrary,
        // Rows deflated at once, or on the thread pool from the first byte or from somewhere in the middle.
        fc.constantFrom(undefined, 0, 300),
        async ({ rows, firstRow, span, first, width, sizes }, atOnceBelow) => {
          const xml = sheetOf(rows);
          expect(alreadyCanonical(xml)).toBe(true);
          const lastRow = firstRow + span;
          expect(
            await streamed(xml, sizes, firstRow, lastRow, cellsAt(first, width), atOnceBelow)
          ).toBe(writeCells(xml, firstRow, lastRow, cellsAt(first, width)));
        }
      ),
      { numRuns: 400 }
    );
  });

  // Each is valid XML another writer may produce; none is the canonical form the row editor slices.
  const QUIRKS = [
    ["a single-quoted attribute", "<row r='2'/>"],
    ["spaces around =", '<row r = "2"/>'],
    ["<x />", '<row r="2" />'],
    ["a > inside an attribute value", '<row r="2" x:a=">"/>'],
    ["a namespace declared below the root", '<row r="2" xmlns:q="urn:q"/>'],
    ["a comment", "<!-- saved by hand -->"],
    ["a processing instruction", "<?keep me?>"],
    ["a carriage return", '<row r="2"><c r="A2" t="inlineStr"><is><t>a\rb</t></is></c></row>'],
  ] as const;

  it.each(QUIRKS)(
    "declines a sheet holding %s, wherever the pieces are cut, so it is canonicalised whole first",
    async (_what, quirk) => {
      const xml = sheet(`<row r="1"><c r="A1"><v>1</v></c></row>${quirk}<row r="3"/>`);
      expect(alreadyCanonical(xml)).toBe(false);
      for (const sizes of [[], [1], [2], [3], [5, 1], [HEAD.length + 40]])
        expect(await streamed(xml, sizes, 1, 3, cellsAt(2, 1)), String(sizes)).toBeNull();
      // Declined after rows were deflated: the deflater is let go, nothing thrown.
      expect(await streamed(xml, [40], 1, 3, cellsAt(2, 1), 0)).toBeNull();
    }
  );

  it("a sheet proved canonical before is not checked again past its start (the placement check proved it)", async () => {
    const quirky = sheet(`<row r="1"/><row r='2'/>`);
    const visit = { head: () => {}, row: () => {} };
    expect(await visitSheetRows(inPieces(quirky, [9]), visit)).toBeNull();
    expect(await visitSheetRows(inPieces(quirky, [9]), visit, true)).toBe(`</sheetData>${TAIL}`);
  });

  it("declines a sheet whose root is not canonical (prefixed SpreadsheetML), and a sheet with no <sheetData>", async () => {
    const prefixed = `${DECLARATION}<x:worksheet xmlns:x="${MAIN}"><x:sheetData></x:sheetData></x:worksheet>`;
    expect(await streamed(prefixed, [4], 1, 2, cellsAt(1, 1))).toBeNull();
    const noData = `${DECLARATION}<worksheet xmlns="${MAIN}"><dimension ref="A1"/></worksheet>`;
    expect(await streamed(noData, [4], 1, 2, cellsAt(1, 1))).toBeNull();
  });

  it("proves canonical form piece by piece exactly as alreadyCanonical does whole (property: quirks at random places, random cuts)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArbitrary, { maxLength: 8 }),
        fc.array(
          fc.record({
            quirk: fc.constantFrom(...QUIRKS.map(([, q]) => q), "='", " />", "\r", "xmlns"),
            at: fc.nat(),
          }),
          { maxLength: 2 }
        ),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
        async (rows, quirks, sizes) => {
          let xml = sheetOf(rows);
          // Quirks go after the root's start tag (the prologue is checked whole, in the first piece).
          const bodyAt = xml.indexOf("<dimension");
          for (const { quirk, at } of quirks) {
            const place = bodyAt + (at % (xml.length - bodyAt));
            xml = `${xml.slice(0, place)}${quirk}${xml.slice(place)}`;
          }
          const visited: number[] = [];
          const tail = await visitSheetRows(inPieces(xml, sizes), {
            head: () => {},
            row: (n) => visited.push(n),
          });
          // Declined exactly when the whole text is not canonical, or its rows cannot be found.
          if (alreadyCanonical(xml) && xml.includes("</sheetData>"))
            expect(tail).toBe(xml.slice(xml.indexOf("</sheetData>")));
          else if (!alreadyCanonical(xml)) expect(tail).toBeNull();
        }
      ),
      { numRuns: 400 }
    );
  });

  it("canonicalStretch: a stretch cut just after a '>' passes in pieces exactly when it passes whole", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom("<a", ">", '="', '"', " ", "=", "'", "/", "b", "\r", "<!", "xmlns"),
          {
            maxLength: 30,
          }
        ),
        (tokens) => {
          const text = tokens.join("");
          const cuts = [...text.matchAll(/>/g)].map((m) => m.index + 1);
          const pieces = [0, ...cuts, text.length]
            .map((at, i, all) => text.slice(at, all[i + 1] ?? at))
            .filter((p) => p.length > 0);
          expect(pieces.join("")).toBe(text);
          expect(pieces.every(canonicalStretch)).toBe(canonicalStretch(text));
        }
      ),
      { numRuns: 2000 }
    );
  });
});

describe("the canonical-form check", () => {
  /** The check as it was written first: one regex over the whole text. */
  const freeAsEver = (text: string) =>
    text.indexOf("xmlns") < 0 &&
    text.indexOf("<!") < 0 &&
    text.indexOf("<?") < 0 &&
    text.indexOf("='") < 0 &&
    text.indexOf("\r") < 0 &&
    !/\s\/>|="[^"]*>|<[^>]*(\s=|=\s)/.test(text);

  it("finds exactly what the one regex found (property: tokens of tags, values, spaces of every kind)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            "<a",
            "<",
            ">",
            '="',
            '"',
            " ",
            "\t",
            "\n",
            "\u00a0",
            "=",
            "'",
            "/",
            "!",
            "?",
            "b",
            "\r",
            "<!",
            "<?",
            "='",
            " =",
            "= ",
            "/>",
            "xmlns",
            '<c r="A1">',
            "</c>"
          ),
          { maxLength: 40 }
        ),
        (tokens) => {
          const text = tokens.join("");
          expect(canonicalStretch(text)).toBe(freeAsEver(text));
        }
      ),
      { numRuns: 20000 }
    );
  });

  it("a spaced = counts inside a tag only; a match may begin inside the one before (hand-written)", () => {
    expect(canonicalStretch('<v>a = b</v><c r="A1"/>')).toBe(true);
    expect(canonicalStretch('<c r ="A1"/>')).toBe(false);
    expect(canonicalStretch('<c r="A1">x</c><c t= "s"/>')).toBe(false);
    // " =" outside a tag, then '=">' starting at its "=": a > inside a value.
    expect(canonicalStretch('<v>a ="></v>')).toBe(false);
    expect(canonicalStretch("<v>x = />")).toBe(false);
  });
});

describe("what lies where the accrual columns go, noted by the scan that reads the tables (issue 24: no second walk)", () => {
  const watch = (
    xml: string,
    band: { top: number; left: number; bottom: number; right: number }
  ) => {
    const scan = scanSheet(
      xml,
      "xl/worksheets/sheet1.xml",
      "Net Assets",
      [{ ...band, watchOnly: true }],
      []
    );
    return { occupied: scan.firstContent[0], merges: scan.merges, kept: scan.cells[0] };
  };

  it("finds the first cell holding content in the band, and every merged range, as the rows written say (property)", () => {
    fc.assert(
      fc.property(
        fc.array(rowArbitrary, { maxLength: 12 }),
        fc.record({
          top: fc.integer({ min: 1, max: 20 }),
          left: fc.integer({ min: 1, max: 12 }),
          height: fc.nat(20),
          width: fc.nat(6),
        }),
        fc.boolean(),
        (rows, { top, left, height, width }, mergeInRow) => {
          let xml = sheetOf(rows);
          if (mergeInRow) xml = xml.replace("</row>", '<mergeCell ref="K1:L2"/></row>');
          const band = { top, left, bottom: top + height, right: left + width };
          // The rows as sheetOf wrote them, numbered and placed as a reader must: a cell without
          // `r` is the one right of the cell before it, and cells must go left to right.
          let expected: string | null = null;
          let refused = false;
          let number = 0;
          for (const spec of rows) {
            number += spec.numbered ? 1 + spec.gap : 1;
            let column = 0;
            for (const cell of [...spec.cells].sort((a, b) => a.column - b.column)) {
              const at = cell.ref ? cell.column : column + 1;
              if (at <= column) refused = true;
              column = at;
              const inBand =
                number >= top && number <= band.bottom && at >= left && at <= band.right;
              if (inBand && cell.kind !== "styled") expected ??= `${letters(at)}${number}`;
            }
          }
          if (refused)
            return void expect(() => watch(xml, band)).toThrow(/cells must go left to right/);
          const found = watch(xml, band);
          expect(found.occupied).toBe(expected);
          // Nothing of a watched band is kept.
          expect(found.kept!.values).toEqual([]);
          expect(found.merges).toEqual(
            mergeInRow && xml.includes('<mergeCell ref="K1:L2"/>') ? ["K1:L2", "A1:B1"] : ["A1:B1"]
          );
        }
      ),
      { numRuns: 300 }
    );
  });

  it("names the first occupied cell of the band (hand-written), a styled empty cell not counting, an empty formula result counting", () => {
    const xml = sheet(
      '<row r="1"><c r="A1"><v>1</v></c><c r="D1" s="3"/></row><row r="4"><c r="A4"><v>2</v></c><c r="E4"><f>1+1</f><v>2</v></c></row><row r="5"><c r="D5"><v>9</v></c></row>'
    );
    const band = { top: 1, left: 4, bottom: 9, right: 9 };
    expect(watch(xml, band)).toMatchObject({ occupied: "E4", merges: ["A1:B1"] });
    expect(watch(xml, { ...band, bottom: 3 }).occupied).toBeNull();
    // A formula showing "" (an empty <v/>) is still someone's cell.
    expect(
      watch(sheet('<row r="2"><c r="F2" t="str"><f>""</f><v/></c></row>'), band).occupied
    ).toBe("F2");
  });
});

describe("a part held deflated until the workbook is written", () => {
  it("deflates each batch at once, and past its limit the rest on the thread pool, holding those bytes", async () => {
    const batches = ["<row>", "é".repeat(100), "</row>"].map((t) => Buffer.from(t));
    const atOnce = new PartSink(1_000);
    // Done with each batch when add returns: its buffer may be written over.
    expect(batches.map((b) => atOnce.add(b))).toEqual([true, true, true]);
    const each = await atOnce.finish();
    expect(each).toHaveLength(3);
    expect(each.map((piece) => piece.size)).toEqual([5, 200, 6]);
    expect(bytesOf(each)).toEqual(Buffer.concat(batches));
    // Past 50 bytes: the third batch goes to the deflater on the pool, which holds it until it gets to it.
    const past = new PartSink(50);
    expect(batches.map((b) => past.add(b))).toEqual([true, true, false]);
    const pieces = await past.finish();
    expect(pieces.map((piece) => piece.size)).toEqual([5, 200, 6]);
    expect(bytesOf(pieces)).toEqual(Buffer.concat(batches));
    // Nothing added, nothing to put in the part.
    expect(await new PartSink().finish()).toEqual([]);
  });

  it("deflates a megabyte batch at once to what inflates back to it, however a writer then reuses the buffer", async () => {
    const sink = new PartSink();
    const batch = Buffer.alloc(1 << 20);
    const expected: Buffer[] = [];
    for (let i = 0; i < 3; i += 1) {
      batch.fill(`<row r="${i}"><c><v>${i}.5</v></c></row>`);
      expected.push(Buffer.from(batch));
      expect(sink.add(batch)).toBe(true);
    }
    const pieces = await sink.finish();
    expect(pieces).toHaveLength(3);
    expect(bytesOf(pieces).equals(Buffer.concat(expected))).toBe(true);
  });

  it("goes into the archive as it was deflated, between the text around it, and reads back as the bytes kept would", async () => {
    const part = "xl/worksheets/sheet1.xml";
    const head = Buffer.from(`${HEAD}<sheetData>`);
    const rows = Buffer.from('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(5_000));
    const tail = Buffer.from(`</sheetData>${TAIL}`);
    const sink = new PartSink(0);
    sink.add(rows);
    const kept = await XlsxPackage.read(
      await writeZip([{ name: part, data: Buffer.alloc(0) }], new Date(0))
    );
    const deflated = await XlsxPackage.read(
      await writeZip([{ name: part, data: Buffer.alloc(0) }], new Date(0))
    );
    const pieces = await sink.finish();
    kept.setCanonicalBytes(part, [head, rows, tail]);
    deflated.setCanonicalBytes(part, [head, ...pieces, tail]);
    expect(deflated.text(part)).toBe(Buffer.concat([head, rows, tail]).toString());
    const date = new Date(Date.UTC(2026, 11, 1));
    const written = await deflated.toBytes(date);
    // Not inflated and deflated again: the sink's deflate stream is in the archive as it was made.
    expect(written.includes((pieces[0] as DeflatedPiece).deflated)).toBe(true);
    for (const archive of [written, await kept.toBytes(date)]) {
      const back = await XlsxPackage.read(archive);
      expect(back.bytes(part)).toEqual(Buffer.concat([head, rows, tail]));
      expect(back.text(part)).toBe(Buffer.concat([head, rows, tail]).toString());
    }
    // Ending on the deflated piece, the part is closed with an empty final block.
    const ending = await XlsxPackage.read(written);
    ending.setCanonicalBytes(part, [head, ...pieces]);
    const closed = await XlsxPackage.read(await ending.toBytes(date));
    expect(closed.bytes(part)).toEqual(Buffer.concat([head, rows]));
  });
});

describe("a row merged with the cells written into it", () => {
  /** The general merge as it always was: the row's cells, the written columns' removed, the new ones in, sorted. */
  function mergedAsEver(openTag: string, body: string, cells: { column: number; xml: string }[]) {
    const own: { column: number; xml: string }[] = [];
    let column = 0;
    for (const match of body.matchAll(/<c(?=[\s/>])[^>]*?(\/>|>[\s\S]*?<\/c>)/g)) {
      const ref = /\sr="([A-Z]+)\d+"/.exec(match[0].slice(0, match[0].indexOf(">") + 1))?.[1];
      column = ref ? [...ref].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : column + 1;
      own.push({ column, xml: match[0] });
    }
    const merged = own.filter((c) => !cells.some((n) => n.column === c.column)).concat(cells);
    merged.sort((a, b) => a.column - b.column);
    return `${openTag.replace(/ spans="[^"]*"/, "")}${merged.map((c) => c.xml).join("")}</row>`;
  }

  it("in place, as a second accrue finds the row, gives the general merge's answer (property: cells in and out of order, with and without r, other content between)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            column: fc.integer({ min: 1, max: 10 }),
            ref: fc.boolean(),
            between: fc.constantFrom("", "", "", "<extLst/>", " "),
          }),
          { maxLength: 9 }
        ),
        fc.uniqueArray(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 6 }),
        (own, written) => {
          const body = own
            .map(
              (c, i) =>
                `${c.between}<c${c.ref ? ` r="${letters(c.column)}7"` : ""} s="${i}"><v>${i}</v></c>`
            )
            .join("");
          // The written cells come in column order (writeCells's contract).
          const cells = [...written]
            .sort((a, b) => a - b)
            .map((column) => ({ column, xml: cellXml(7, column, column * 2, 0) }));
          // Not the rows the usual fast path takes (every own cell, by its r, left of the new ones).
          const last = own.at(-1);
          fc.pre(last !== undefined && (!last.ref || last.column >= cells[0]!.column));
          expect(mergeRow('<row r="7" spans="1:9">', body, cells)).toBe(
            mergedAsEver('<row r="7" spans="1:9">', body, cells)
          );
        }
      ),
      { numRuns: 5000 }
    );
  });

  it("gives the general merge's answer on every row in column order, the usual appending one included (property: cells with and without r, self-closing, spans written any way)", () => {
    fc.assert(
      fc.property(
        // A row's own cells in column order, as the schema has them (the fast path's premise).
        fc
          .uniqueArray(
            fc.record({
              column: fc.integer({ min: 1, max: 30 }),
              ref: fc.boolean(),
              selfClosing: fc.boolean(),
            }),
            { selector: (c) => c.column, maxLength: 7 }
          )
          .map((cells) => [...cells].sort((a, b) => a.column - b.column)),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom(
          "",
          ' spans="1:9"',
          ' spans="1:9" x14ac:dyDescent="0.25"',
          '\tspans="2:3"',
          " spans = '1:2'",
          ' x:spans="3"'
        ),
        fc.boolean(),
        (own, first, width, spans, selfClosingRow) => {
          const body = own
            .map((c, i) => {
              const ref = c.ref ? ` r="${letters(c.column)}7"` : "";
              return c.selfClosing ? `<c${ref} s="${i}"/>` : `<c${ref} s="${i}"><v>${i}</v></c>`;
            })
            .join("");
          const cells = Array.from({ length: width }, (_, i) => ({
            column: first + i,
            xml: cellXml(7, first + i, i, 0),
          }));
          const openTag = `<row r="7"${spans}${selfClosingRow && body === "" ? "/>" : ">"}`;
          const expected = `${setAttribute(openTag.replace(/\/>$/, ">"), "spans", null).slice(0, -1)}>`;
          expect(mergeRow(openTag, body, cells)).toBe(
            mergedAsEver(expected, body, cells).replace(/^<row[^>]*>/, expected)
          );
        }
      ),
      { numRuns: 5000 }
    );
  });

  it("cells given joined (one string a row, as cellRunXml makes them) merge as the same cells given one by one (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ column: fc.integer({ min: 1, max: 12 }), ref: fc.boolean() }), {
          selector: (c) => c.column,
          maxLength: 7,
        }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.constantFrom<PlainValue>(null, "", 0, -1.5, 2192.08, "a<b", "é"), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.boolean(),
        (own, first, values, sorted) => {
          const cells = sorted ? [...own].sort((a, b) => a.column - b.column) : own;
          const body = cells
            .map(
              (c, i) => `<c${c.ref ? ` r="${letters(c.column)}7"` : ""} s="${i}"><v>${i}</v></c>`
            )
            .join("");
          const styles = values.map((_, i) => i % 3);
          const oneByOne = values.map((value, i) => ({
            column: first + i,
            xml: cellXml(7, first + i, value, styles[i]!),
          }));
          const joined = cellRunXml(first, styles)(7, values);
          expect(joined).toBe(oneByOne.map((c) => c.xml).join(""));
          expect(mergeRow('<row r="7" spans="1:3">', body, joined)).toBe(
            mergeRow('<row r="7" spans="1:3">', body, oneByOne)
          );
        }
      ),
      { numRuns: 3000 }
    );
  });

  it("cells given as a block (their columns known, as cellBlockXml makes them) merge as the same cells joined or one by one (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ column: fc.integer({ min: 1, max: 12 }), ref: fc.boolean() }), {
          selector: (c) => c.column,
          maxLength: 9,
        }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.constantFrom<PlainValue>(null, "", 0, -1.5, 2192.08, "a<b", "é"), {
          minLength: 0,
          maxLength: 6,
        }),
        fc.boolean(),
        (own, first, values, sorted) => {
          const cells = sorted ? [...own].sort((a, b) => a.column - b.column) : own;
          const body = cells
            .map(
              (c, i) => `<c${c.ref ? ` r="${letters(c.column)}7"` : ""} s="${i}"><v>${i}</v></c>`
            )
            .join("");
          const styles = values.map((_, i) => i % 3);
          const block = cellBlockXml(first, styles)(7, values);
          const oneByOne = values.map((value, i) => ({
            column: first + i,
            xml: cellXml(7, first + i, value, styles[i]!),
          }));
          expect(block).toEqual({
            xml: cellRunXml(first, styles)(7, values),
            first,
            count: values.length,
          });
          const merged = mergeRow('<row r="7" spans="1:3">', body, block);
          expect(merged).toBe(mergeRow('<row r="7" spans="1:3">', body, oneByOne));
          if (values.length > 0)
            expect(merged).toBe(mergeRow('<row r="7" spans="1:3">', body, block.xml));
          expect(newRow(7, block)).toBe(newRow(7, oneByOne));
        }
      ),
      { numRuns: 3000 }
    );
  });

  it("in place: the accrual cells a first accrue wrote are replaced where they stand (hand-written)", () => {
    const body =
      '<c r="A7"><v>1</v></c><c r="B7" t="s"><v>0</v></c><c r="D7" s="4"><v>9</v></c><c r="E7" s="5"/>';
    expect(
      mergeRow('<row r="7" spans="1:5">', body, [
        { column: 4, xml: '<c r="D7" s="4"><v>10</v></c>' },
        { column: 5, xml: '<c r="E7" s="5"><v>11</v></c>' },
      ])
    ).toBe(
      '<row r="7"><c r="A7"><v>1</v></c><c r="B7" t="s"><v>0</v></c><c r="D7" s="4"><v>10</v></c><c r="E7" s="5"><v>11</v></c></row>'
    );
    // Own cells out of column order are sorted, as the general merge always did.
    expect(
      mergeRow('<row r="7">', '<c r="C7"><v>3</v></c><c r="A7"><v>1</v></c><c r="D7"/>', [
        { column: 4, xml: '<c r="D7"><v>4</v></c>' },
      ])
    ).toBe('<row r="7"><c r="A7"><v>1</v></c><c r="C7"><v>3</v></c><c r="D7"><v>4</v></c></row>');
  });
});
