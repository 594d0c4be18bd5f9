/**
 * The package editor under the runner (src/cli/xlsx/ooxml): the zip
 * container, the XML helpers, style merging and cell writing, each on small
 * hand-written parts whose expected output is written out in the test.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { mergeStyles } from "../../src/cli/xlsx/ooxml/styles";
import {
  cellXml,
  columnOf,
  setCell,
  setColumnWidths,
  widenDimension,
  writeCells,
} from "../../src/cli/xlsx/ooxml/sheetCells";
import {
  attribute,
  elementAt,
  insertBefore,
  setAttribute,
  topLevelChildren,
  unescapeXml,
} from "../../src/cli/xlsx/ooxml/xml";
import { writeZip } from "../../src/cli/xlsx/ooxml/writeZip";
import { entryData, entryPieces, readZip } from "../../src/cli/xlsx/ooxml/zip";
import { alreadyCanonical, canonicalXml } from "../../src/cli/xlsx/ooxml/xmlParse";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { UnreadablePackage } from "../../src/cli/xlsx/ooxml/packageError";
import yazl from "yazl";
import { cellsIn } from "../../src/cli/xlsx/readTables";
import { scanSheet } from "../../src/cli/xlsx/ooxml/sheetScan";

const DATE = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));

describe("zip container (yauzl reads, fflate writes)", () => {
  it("round-trips entries, and JSZip reads what it writes (and the other way round)", async () => {
    const entries = [
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "xl/worksheets/sheet1.xml", data: Buffer.from("<row/>".repeat(1000)) },
      { name: "xl/media/résumé.bin", data: Buffer.from([0, 1, 2, 3]) },
    ];
    const bytes = await writeZip(entries, DATE);
    const back = await readZip(bytes);
    expect(back.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    back.forEach((entry, i) => expect(entryData(entry).equals(entries[i]!.data)).toBe(true));

    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file("xl/worksheets/sheet1.xml")!.async("string")).toBe("<row/>".repeat(1000));
    expect(Object.keys(zip.files)).toContain("xl/media/résumé.bin");

    const fromJsZip = Buffer.from(
      await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" })
    );
    expect((await readZip(fromJsZip)).map((e) => entryData(e).toString("latin1"))).toEqual(
      entries.map((e) => e.data.toString("latin1"))
    );
  });

  it("an untouched entry comes out with the same content, and the same content and date give the same bytes", async () => {
    const content = Buffer.from("<a>".repeat(500));
    const original = await writeZip([{ name: "a.xml", data: content }], DATE, 9);
    const [entry] = await readZip(original);
    const copied = await writeZip([entry!], DATE);
    expect(entryData((await readZip(copied))[0]!).equals(content)).toBe(true);
    expect(
      (await writeZip([{ name: "b", data: Buffer.from("x") }], DATE)).equals(
        await writeZip([{ name: "b", data: Buffer.from("x") }], DATE)
      )
    ).toBe(true);
  });

  it("refuses what is not a zip with a sentence, and names an entry whose CRC does not match", async () => {
    await expect(readZip(Buffer.from("not really a zip file, just text"))).rejects.toThrow(
      /not an \.xlsx workbook \(it is not a zip package at all\)/
    );
    const bytes = await writeZip([{ name: "a.xml", data: Buffer.from("<a>hello</a>") }], DATE, 0);
    const damaged = Buffer.from(bytes);
    const at = damaged.indexOf("hello"); // a stored byte of the content
    damaged[at] = damaged[at]! ^ 0x01;
    const [entry] = await readZip(damaged);
    expect(() => entryData(entry!)).toThrow(
      /The part a\.xml of the workbook is damaged \(its CRC-32 checksum does not match\)/
    );
  });

  it("refuses a part that would unpack past the size limit before inflating any of it", async () => {
    const bytes = await writeZip([{ name: "big.xml", data: Buffer.alloc(4096, 32) }], DATE, 9);
    await expect(readZip(bytes, { entryBytes: 1024, totalBytes: 1 << 20 })).rejects.toThrow(
      /The part big\.xml would unpack to 0 MB .* rule12b1 does not unpack it\./
    );
    await expect(readZip(bytes, { entryBytes: 1 << 20, totalBytes: 1024 })).rejects.toThrow(
      /over the/
    );
  });

  it("never writes a package it would refuse to read back: a part over the limit is refused before a byte is written", async () => {
    const pkg = await XlsxPackage.read(
      await writeZip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(4096, 32) }], DATE, 1)
    );
    await expect(pkg.toBytes(DATE, 1, { entryBytes: 1024, totalBytes: 1 << 20 })).rejects.toThrow(
      new UnreadablePackage(
        "Written, the part xl/worksheets/sheet1.xml would hold 0 MB (the workbook at least 0 MB), over the 0 MB a part and 1 MB a workbook that rule12b1 reads, so no run could open it again; nothing was written. Move the oldest NAV rows to an archive workbook and run again."
      )
    );
    // Within the limits the same package is written, and reads back.
    const written = await pkg.toBytes(DATE, 1, { entryBytes: 4096, totalBytes: 1 << 20 });
    expect((await XlsxPackage.read(written)).bytes("xl/worksheets/sheet1.xml")!.length).toBe(4096);
  });

  it("a part set as text reports its size, bytes and archive entry as its UTF-8, however often it was set, and as pieces once set as pieces (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: "binary", maxLength: 40 }), { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        async (texts, asPieces) => {
          const pkg = await XlsxPackage.read(
            await writeZip([{ name: "xl/a.bin", data: Buffer.from("first") }], DATE, 1)
          );
          // Sizes are asked before the bytes are (the text is encoded only when read).
          for (const text of texts) {
            pkg.setText("xl/a.bin", text);
            expect(pkg.size("xl/a.bin")).toBe(Buffer.from(text, "utf8").length);
          }
          const last = Buffer.from(texts.at(-1)!, "utf8");
          const expected = asPieces ? Buffer.from("<p/>") : last;
          if (asPieces) pkg.setCanonicalBytes("xl/a.bin", [Buffer.from("<p"), Buffer.from("/>")]);
          expect(pkg.size("xl/a.bin")).toBe(expected.length);
          expect(pkg.bytes("xl/a.bin")!.equals(expected)).toBe(true);
          const back = await XlsxPackage.read(await pkg.toBytes(DATE, 1));
          expect(back.bytes("xl/a.bin")!.equals(expected)).toBe(true);
        }
      ),
      { numRuns: 200 }
    );
  });

  it("streams a part in pieces of at most 64 KiB, which together are the part", async () => {
    // A piece becomes a string of as many characters: under 128 KiB it is an ordinary young
    // object, not a large object with pages of its own (zip.ts, STREAM_PIECE).
    const content = Buffer.from(
      Array.from({ length: 40_000 }, (_, i) => `<row r="${i + 1}"><c><v>${i}</v></c></row>`).join(
        ""
      )
    );
    const [entry] = await readZip(await writeZip([{ name: "s.xml", data: content }], DATE, 1));
    const pieces: Buffer[] = [];
    for await (const piece of entryPieces(entry!)) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBe(64 * 1024);
    expect(Buffer.concat(pieces).equals(content)).toBe(true);
  });

  it("names a password-protected workbook and an old .xls by what they are", async () => {
    const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const encrypted = Buffer.concat([
      header,
      Buffer.alloc(504),
      Buffer.from("EncryptedPackage", "utf16le"),
    ]);
    await expect(readZip(encrypted)).rejects.toThrow(
      /password-protected.*Save it without a password/
    );
    await expect(readZip(Buffer.concat([header, Buffer.alloc(504)]))).rejects.toThrow(
      /Excel 97–2003 workbook \(\.xls\)/
    );
  });
});

describe("XML helpers", () => {
  it("reads, sets and removes attributes, prefixed names included", () => {
    expect(attribute('<sheet name="Net &amp; Assets" sheetId="2" r:id="rId3"/>', "r:id")).toBe(
      "rId3"
    );
    expect(attribute('<sheet name="x"/>', "id")).toBeNull();
    expect(setAttribute('<row r="2" spans="1:3">', "spans", null)).toBe('<row r="2">');
    expect(setAttribute('<col min="1"/>', "max", "4")).toBe('<col min="1" max="4"/>');
    expect(setAttribute('<c r="A1" s="3">', "s", "9")).toBe('<c r="A1" s="9">');
  });

  it("unescapes entities, numeric ones included", () => {
    expect(unescapeXml("a &lt;&amp;&gt; &#233;&#x20AC; &quot;&apos;")).toBe("a <&> é€ \"'");
  });

  it("finds an element's extent, empty or not, and not a longer name that starts the same", () => {
    const xml = '<a><fonts count="1"><font><b/></font></fonts><font/></a>';
    const fonts = elementAt(xml, "fonts")!;
    expect(xml.slice(fonts.start, fonts.end)).toBe('<fonts count="1"><font><b/></font></fonts>');
    expect(
      xml.slice(elementAt(xml, "font", fonts.end)!.start, elementAt(xml, "font", fonts.end)!.end)
    ).toBe("<font/>");
  });

  it("column letters: A → 1, Z → 26, AA → 27, XFD → 16384", () => {
    expect(["A1", "Z9", "AA10", "XFD1048576"].map(columnOf)).toEqual([1, 26, 27, 16384]);
  });
});

const TARGET_STYLES =
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

// A scratch part as ExcelJS writes one: its own 164 is a different format (money), plus a bold font.
const DONOR_STYLES =
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="165" fontId="1" fillId="0" borderId="0" xfId="0"><alignment wrapText="1"/></xf></cellXfs>' +
  '<dxfs count="1"><dxf><font><color rgb="FFC00000"/></font></dxf></dxfs>' +
  "</styleSheet>";

describe("merging styles", () => {
  it("adds the donor's formats under fresh ids, reuses identical entries, and maps every index", () => {
    const merged = mergeStyles(TARGET_STYLES, DONOR_STYLES);
    // Money was 164 in the donor but 164 is the user's date: it becomes 165. The donor's date (165) is the user's 164.
    expect(merged.styles).toContain(
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="#,##0.00"/></numFmts>'
    );
    expect(merged.styles).toContain('<fonts count="2">');
    expect([0, 1, 2, 3].map(merged.cellFormat)).toEqual([0, 2, 3, 4]);
    expect(merged.styles).toContain(
      '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    );
    expect(merged.styles).toContain(
      '<xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0"><alignment wrapText="1"/></xf>'
    );
    expect(merged.styles).toContain('<cellXfs count="5">');
    // The user part had no <dxfs>: it is added after <cellStyles>, where the schema puts it.
    expect(merged.styles).toMatch(/<\/cellStyles><dxfs count="1"><dxf>/);
    expect(merged.differentialFormat(0)).toBe(0);
  });

  it("merging the same donor again adds nothing", () => {
    const once = mergeStyles(TARGET_STYLES, DONOR_STYLES);
    const twice = mergeStyles(once.styles, DONOR_STYLES);
    expect(twice.styles).toBe(once.styles);
    expect([0, 1, 2, 3].map(twice.cellFormat)).toEqual([0, 2, 3, 4]);
  });
});

const SHEET = (rows: string) =>
  `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>${rows}</sheetData><tableParts count="0"/></worksheet>`;

describe("writing cells into a sheet part", () => {
  it("appends cells right of a row's own, inserts in column order, replaces its own, and creates missing rows", () => {
    const xml = SHEET(
      '<row r="1" spans="1:2"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5</v></c></row><row r="3"><c r="A3"><v>1</v></c><c r="E3"><v>9</v></c></row>'
    );
    const written = writeCells(xml, 1, 3, (row) => [
      { column: 3, xml: cellXml(row, 3, row * 10, 4) },
    ]);
    expect(written).toContain(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>5</v></c><c r="C1" s="4"><v>10</v></c></row>'
    );
    expect(written).toContain('<row r="2"><c r="C2" s="4"><v>20</v></c></row>');
    expect(written).toContain(
      '<row r="3"><c r="A3"><v>1</v></c><c r="C3" s="4"><v>30</v></c><c r="E3"><v>9</v></c></row>'
    );
    const again = writeCells(written, 3, 3, (row) => [
      { column: 3, xml: cellXml(row, 3, "done", 0) },
    ]);
    expect(again).toContain(
      '<row r="3"><c r="A3"><v>1</v></c><c r="C3" t="inlineStr"><is><t xml:space="preserve">done</t></is></c><c r="E3"><v>9</v></c></row>'
    );
  });

  it("reads back what it writes (property: random sparse rows and columns)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 30 }),
        (existingRows, column, lastRow) => {
          const rows = [...existingRows]
            .sort((a, b) => a - b)
            .map(
              (r) => `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="J${r}"><v>-${r}</v></c></row>`
            );
          const written = writeCells(SHEET(rows.join("")), 1, lastRow, (row) => [
            { column: column + 1, xml: cellXml(row, column + 1, row + 0.5, 0) },
          ]);
          const grid = cellsIn(written, { top: 1, left: 1, bottom: 30, right: 10 }, []);
          for (let r = 1; r <= 30; r += 1) {
            expect(grid[r - 1]![0]).toBe(existingRows.includes(r) ? r : null);
            expect(grid[r - 1]![9]).toBe(existingRows.includes(r) ? -r : null);
            expect(grid[r - 1]![column]).toBe(r <= lastRow ? r + 0.5 : null);
          }
          const numbers = [...written.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]));
          expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
        }
      ),
      { numRuns: 200 }
    );
  });

  it("text is stored as text: a leading '=' never becomes a formula, and characters XML cannot hold are dropped", () => {
    expect(cellXml(2, 1, '=HYPERLINK("x")', 0)).toBe(
      '<c r="A2" t="inlineStr"><is><t xml:space="preserve">=HYPERLINK(&quot;x&quot;)</t></is></c>'
    );
    expect(cellXml(2, 1, "a\u0001b<", 0)).toContain('<t xml:space="preserve">ab&lt;</t>');
    expect(cellXml(2, 1, null, 7)).toBe('<c r="A2" s="7"/>');
    expect(() => cellXml(2, 1, Number.NaN, 0)).toThrow(/A2/);
  });

  it("setCell keeps the cell's style", () => {
    const xml = SHEET('<row r="2"><c r="A2" s="6" t="s"><v>3</v></c></row>');
    expect(setCell(xml, 2, 1, "9f2c")).toContain(
      '<c r="A2" s="6" t="inlineStr"><is><t xml:space="preserve">9f2c</t></is></c>'
    );
  });

  it("widens the dimension, and splits a <col> range around new widths", () => {
    expect(widenDimension(SHEET(""), 91_301, 9)).toContain('<dimension ref="A1:I91301"/>');
    const cols = setColumnWidths(
      SHEET("").replace(
        "<sheetData>",
        '<cols><col min="1" max="16384" width="9" style="2"/></cols><sheetData>'
      ),
      4,
      [14, 14]
    );
    expect(cols).toContain(
      '<cols><col min="1" max="3" width="9" style="2"/><col min="4" max="4" width="14" style="2" customWidth="1"/><col min="5" max="5" width="14" style="2" customWidth="1"/><col min="6" max="16384" width="9" style="2"/></cols>'
    );
    expect(setColumnWidths(SHEET(""), 2, [40])).toContain(
      '</sheetViews><cols><col min="2" max="2" width="40" customWidth="1"/></cols><sheetData>'
    );
  });
});

describe("reading cells from a sheet part", () => {
  it("shared, inline (rich) and formula text; numbers; booleans; errors; an uncalculated formula", () => {
    const xml = SHEET(
      '<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="inlineStr"><is><r><t>Net </t></r><r><rPr><b/></rPr><t>assets</t></r><rPh><t>x</t></rPh></is></c><c r="C1" t="str"><f>A1</f><v>Growth</v></c></row>' +
        '<row r="2"><c r="A2"><v>45658</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#N/A</v></c></row>' +
        '<row r="3"><c r="A3"><f>1+1</f></c><c r="B3" s="3"/><c r="C3" t="s"><v>0</v></c></row>'
    );
    expect(
      cellsIn(xml, { top: 1, left: 1, bottom: 3, right: 3 }, ["R&D _x000D_", "Growth"])
    ).toEqual([
      ["Growth", "Net assets", "Growth"],
      [45658, true, { error: "#N/A" }],
      [
        { error: "a formula with no calculated value (open and save the file in Excel first)" },
        null,
        "R&D _x000D_",
      ],
    ]);
  });
});

describe("reading a table's columns by its header", () => {
  it("keeps the columns the reader reads, and one other cell of a row only when it holds content and nothing before it does", () => {
    const xml = SHEET(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Daily fee</t></is></c><c r="C1" t="inlineStr"><is><t>Notes</t></is></c></row>' +
        '<row r="2"><c r="A2"><v>45658</v></c><c r="B2"><v>500</v></c><c r="C2" t="inlineStr"><is><t>x</t></is></c></row>' +
        '<row r="3"><c r="B3" t="inlineStr"><is><t> </t></is></c><c r="C3" t="inlineStr"><is><t>only a note</t></is></c></row>' +
        '<row r="4"><c r="B4" t="inlineStr"><is><t> </t></is></c></row>'
    );
    const scan = scanSheet(
      xml,
      "sheet.xml",
      "Net Assets",
      [{ top: 1, left: 1, bottom: 4, right: 3, keepHeaders: (header) => header === "Date" }],
      []
    );
    const cells = scan.cells[0]!;
    const kept = Array.from(
      cells.rows,
      (row, i) => `${row}:${cells.columns[i]}=${String(cells.values[i])}`
    );
    // Row 2 keeps its date only (it shows the row is not blank, so B2 and C2 are only checked);
    // row 3 its note (B3 is blank); row 4 nothing: a row is blank exactly when all its cells are,
    // as if every column were kept.
    expect(kept).toEqual([
      "1:1=Date",
      "1:2=Daily fee",
      "1:3=Notes",
      "2:1=45658",
      "3:3=only a note",
    ]);
  });
});

describe("inserting a worksheet element", () => {
  it("goes before the sheet's own <extLst>, not one nested in a conditional-format rule", () => {
    const xml =
      '<worksheet><sheetData><row r="1"/></sheetData><conditionalFormatting sqref="A1"><cfRule type="dataBar" priority="1"><extLst><ext uri="x"/></extLst></cfRule></conditionalFormatting>' +
      '<tableParts count="1"><tablePart r:id="rId1"/></tableParts><extLst><ext uri="y"/></extLst></worksheet>';
    expect(topLevelChildren(xml, "worksheet").map((c) => c.name)).toEqual([
      "sheetData",
      "conditionalFormatting",
      "tableParts",
      "extLst",
    ]);
    expect(
      insertBefore(
        xml,
        ["legacyDrawingHF", "tableParts", "extLst"],
        "worksheet",
        "<legacyDrawing/>"
      )
    ).toContain('</conditionalFormatting><legacyDrawing/><tableParts count="1">');
    expect(
      insertBefore(
        "<worksheet><sheetData/><!-- <extLst> --></worksheet>",
        ["extLst"],
        "worksheet",
        "<x/>"
      )
    ).toBe("<worksheet><sheetData/><!-- <extLst> --><x/></worksheet>");
  });
});

describe("parts written with namespace prefixes", () => {
  it("are read by namespace URI: a prefixed sheet gives the same cells as its unprefixed twin", () => {
    const plain = SHEET(
      '<row r="1"><c r="A1"><v>5</v></c><c r="B1" t="inlineStr"><is><t>Growth</t></is></c></row>'
    );
    const prefixed = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r='1'><x:c r='A1'><x:v>5</x:v></x:c><x:c r='B1' t='inlineStr'><x:is><x:t>Growth</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    const box = { top: 1, left: 1, bottom: 1, right: 2 };
    expect(cellsIn(prefixed, box, [])).toEqual(cellsIn(plain, box, []));
    expect(cellsIn(plain, box, [])).toEqual([[5, "Growth"]]);
  });
});

describe("canonical form of a part the runner edits", () => {
  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

  it("SpreadsheetML becomes the default namespace, relationships r:, every declaration on the root, quotes double", () => {
    const xml = `<x:workbook xmlns:x='${MAIN}'><x:sheets><x:sheet name='A &amp; B' sheetId='1' xmlns:rel='${REL}' rel:id='rId1' /></x:sheets><x:definedNames></x:definedNames></x:workbook>`;
    expect(canonicalXml(xml, "xl/workbook.xml")).toEqual({
      xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="A &amp; B" sheetId="1" r:id="rId1"/></sheets><definedNames></definedNames></workbook>`,
      rootUri: MAIN,
    });
  });

  it("other namespaces keep their writer's prefix, a well-known prefix taken by a stranger is renamed, and mc:Ignorable follows", () => {
    const xml = `<worksheet xmlns="${MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="urn:not-relationships" xmlns:x14ac="urn:x14ac" mc:Ignorable="x14ac r"><r:thing/><sheetData/></worksheet>`;
    const { xml: canonical } = canonicalXml(xml, "sheet.xml");
    expect(canonical).toContain(
      `<worksheet xmlns="${MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:ns1="urn:not-relationships" xmlns:x14ac="urn:x14ac" mc:Ignorable="x14ac ns1"><ns1:thing/><sheetData/></worksheet>`
    );
  });

  it("keeps text exactly (entities, CDATA, line breaks in attributes) and drops comments", () => {
    const xml = `<sst xmlns="${MAIN}"><!-- a note --><si><t xml:space="preserve"> a&lt;b <![CDATA[&c]]></t></si><si a="1&#10;2"/></sst>`;
    expect(canonicalXml(xml, "s.xml").xml).toContain(
      `<sst xmlns="${MAIN}"><si><t xml:space="preserve"> a&lt;b &amp;c</t></si><si a="1&#10;2"/></sst>`
    );
  });

  it("refuses what is not well-formed, naming the part and the place", () => {
    expect(() => canonicalXml(`<a><b></a>`, "xl/x.xml")).toThrow(
      /The part xl\/x\.xml of the workbook is damaged: its XML is not well-formed \(line 1, column \d+: /
    );
  });
});

describe("what other zip writers and encodings produce", () => {
  it("reads a Zip64 archive and a stored (uncompressed) part", async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from("<a>zip64</a>"), "a.xml", { forceZip64Format: true, mtime: DATE });
    zip.addBuffer(Buffer.from("<b>stored</b>"), "b.xml", { compress: false, mtime: DATE });
    zip.end({ forceZip64Format: true, comment: "" });
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
    const entries = await readZip(Buffer.concat(chunks));
    expect(entries.map((e) => entryData(e).toString())).toEqual(["<a>zip64</a>", "<b>stored</b>"]);
  });

  it("reads parts with a UTF-8 byte-order mark and in UTF-16 (little endian)", async () => {
    const xml = '<?xml version="1.0"?><a>Crédit</a>';
    const bytes = await writeZip(
      [
        {
          name: "utf8.xml",
          data: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)]),
        },
        {
          name: "utf16.xml",
          data: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]),
        },
      ],
      DATE
    );
    const pkg = await XlsxPackage.read(bytes);
    for (const part of ["utf8.xml", "utf16.xml"]) {
      const chunks: string[] = [];
      for await (const chunk of pkg.xmlStream(part)!) chunks.push(chunk);
      expect(chunks.join("")).toBe(xml);
      expect(pkg.text(part)).toContain("<a>Crédit</a>");
    }
  });
});

describe("the text a streaming read decoded, kept for the editor (accrue)", () => {
  const PIECE = 1 << 20;
  /**
   * A package of one part read from `archive`; its stored bytes are views of `archive`, so
   * zeroing `archive` afterwards shows whether `text()` still needs them.
   */
  async function readAll(pkg: XlsxPackage, part: string): Promise<string> {
    let text = "";
    for await (const chunk of pkg.xmlStream(part)!) text += chunk;
    return text;
  }
  const damagedText = (pkg: XlsxPackage, part: string) => {
    try {
      pkg.text(part);
      return false;
    } catch (error) {
      return error instanceof UnreadablePackage;
    }
  };
  // Blocks of a kind of character (after a filler and a few bytes that shift where the 1 MiB
  // cuts fall among them).
  const blocks = fc.array(
    fc.constantFrom(
      Buffer.from("a".repeat(1000)),
      Buffer.from("é".repeat(500)),
      Buffer.from("€".repeat(400)),
      Buffer.from("😀".repeat(250)),
      // Not UTF-8: a lead byte without its continuation, a stray continuation, 0xFF.
      Buffer.from([0xc3, 0x41, 0x80, 0xff, 0xe2, 0x82, 0x41])
    ),
    { minLength: 300, maxLength: 1_500 }
  );
  // Most of the first piece, so the first cut falls among the blocks.
  const filler = Buffer.from("a".repeat(PIECE - 2_000));
  const shift = fc.uint8Array({ minLength: 0, maxLength: 5, min: 0x41, max: 0x5a });

  it("is the part's text, decoded whole, with or without a BOM and in UTF-16, wherever the 1 MiB pieces cut (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        blocks,
        shift,
        fc.constantFrom("utf8", "utf8 BOM", "utf16le"),
        async (body, lead, form) => {
          const utf8 = Buffer.concat([Buffer.from(lead), filler, ...body]);
          const data =
            form === "utf16le"
              ? Buffer.concat([
                  Buffer.from([0xff, 0xfe]),
                  Buffer.from(utf8.toString("utf8"), "utf16le"),
                ])
              : form === "utf8 BOM"
                ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])
                : utf8;
          expect(data.length).toBeGreaterThan(PIECE);
          const archive = await writeZip([{ name: "a.txt", data }], DATE);
          const expected = (await XlsxPackage.read(Buffer.from(archive))).text("a.txt");
          const pkg = await XlsxPackage.read(archive);
          pkg.keepStreamedBytes(Number.MAX_SAFE_INTEGER);
          expect(await readAll(pkg, "a.txt")).toBe(expected);
          // The stored bytes are not read again: with them gone, text() gives the same text.
          archive.fill(0);
          expect(pkg.text("a.txt")).toBe(expected);
        }
      ),
      { numRuns: 30 }
    );
  });

  it("a character across the first cut is one character", async () => {
    for (const at of [PIECE - 3, PIECE - 2, PIECE - 1]) {
      const data = Buffer.concat([
        Buffer.from("a".repeat(at)),
        Buffer.from("😀é€"),
        Buffer.from("z"),
      ]);
      const archive = await writeZip([{ name: "a.txt", data }], DATE);
      const pkg = await XlsxPackage.read(archive);
      pkg.keepStreamedBytes(Number.MAX_SAFE_INTEGER);
      await readAll(pkg, "a.txt");
      archive.fill(0);
      expect(pkg.text("a.txt")).toBe(`${"a".repeat(at)}😀é€z`);
    }
  });

  it("is kept only under the size asked, only when read to the end, only for the part named after, and never once the part changed", async () => {
    const xml = '<?xml version="1.0"?><a><b>one</b></a>';
    const fresh = async (keep: number) => {
      const archive = await writeZip(
        [
          { name: "a.xml", data: Buffer.from(xml) },
          { name: "b.xml", data: Buffer.from(xml) },
        ],
        DATE
      );
      const pkg = await XlsxPackage.read(archive);
      pkg.keepStreamedBytes(keep);
      return { pkg, archive };
    };
    // Under the size asked, read to the end: kept.
    const kept = await fresh(xml.length + 1);
    await readAll(kept.pkg, "a.xml");
    kept.archive.fill(0);
    expect(kept.pkg.text("a.xml")).toContain("<b>one</b>");
    // At the size asked: not kept, so the zeroed archive is all text() has.
    const atLimit = await fresh(xml.length);
    await readAll(atLimit.pkg, "a.xml");
    atLimit.archive.fill(0);
    expect(damagedText(atLimit.pkg, "a.xml")).toBe(true);
    // A read stopped early keeps nothing.
    const early = await fresh(Number.MAX_SAFE_INTEGER);
    for await (const chunk of early.pkg.xmlStream("a.xml")!) if (chunk) break;
    early.archive.fill(0);
    expect(damagedText(early.pkg, "a.xml")).toBe(true);
    // Named: the other part's text is let go, and later reads keep nothing.
    const named = await fresh(Number.MAX_SAFE_INTEGER);
    await readAll(named.pkg, "a.xml");
    await readAll(named.pkg, "b.xml");
    named.pkg.keepStreamedBytesOf("b.xml");
    named.archive.fill(0);
    expect(damagedText(named.pkg, "a.xml")).toBe(true);
    expect(named.pkg.text("b.xml")).toContain("<b>one</b>");
    // Replaced after it was read, or while it was being read: the new text, never the kept one.
    const after = await fresh(Number.MAX_SAFE_INTEGER);
    await readAll(after.pkg, "a.xml");
    after.pkg.setCanonicalBytes("a.xml", [Buffer.from('<?xml version="1.0"?><a><b>two</b></a>')]);
    expect(after.pkg.text("a.xml")).toContain("<b>two</b>");
    const during = await fresh(Number.MAX_SAFE_INTEGER);
    const reading = during.pkg.xmlStream("a.xml")![Symbol.asyncIterator]();
    await reading.next();
    during.pkg.setCanonicalBytes("a.xml", [
      Buffer.from('<?xml version="1.0"?><a><b>three</b></a>'),
    ]);
    while (!(await reading.next()).done);
    expect(during.pkg.text("a.xml")).toContain("<b>three</b>");
  });
});

describe("a large part already in canonical shape is taken as is", () => {
  const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const sheet = (body: string, root = `<worksheet xmlns="${MAIN}">`) =>
    `${DECL}${root}<sheetData>${body}</sheetData></worksheet>`;

  it("Excel's shape passes; a single quote, a prefix, <c />, a deep declaration or a comment sends it through canonicalXml", () => {
    expect(alreadyCanonical(sheet('<row r="1"><c r="A1"><v>1</v></c></row>'))).toBe(true);
    expect(alreadyCanonical(sheet("<row r='1'/>"))).toBe(false);
    expect(alreadyCanonical(sheet("<row/>", `<x:worksheet xmlns:x="${MAIN}">`))).toBe(false);
    expect(alreadyCanonical(sheet('<row r="1"><c r="A1" /></row>'))).toBe(false);
    expect(alreadyCanonical(sheet(`<row xmlns:r="urn:other" r="1"/>`))).toBe(false);
    expect(alreadyCanonical(sheet("<!-- note --><row/>"))).toBe(false);
    expect(alreadyCanonical(sheet('<row r="1" spans="a>b"/>'))).toBe(false);
    expect(
      alreadyCanonical(sheet("<row/>", `<worksheet xmlns="${MAIN}" xmlns:r="urn:not-rels">`))
    ).toBe(false);
    // What passes is exactly what canonicalXml would write.
    const excel = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    expect(canonicalXml(excel, "s.xml").xml).toBe(excel);
  });
});
