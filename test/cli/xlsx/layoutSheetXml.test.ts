/**
 * The report sheets written without ExcelJS's cell grid (`layoutGrid.ts`,
 * `layoutSheetXml.ts`, `writeReportSheets`) must leave the workbook exactly
 * as writing every cell through ExcelJS did (`writeReportSheetsReference`):
 * every part, byte for byte, over generated layouts full of what XML writers
 * and spreadsheet grids get wrong.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DateSystem } from "../../../src/engine/calendar";
import { namesToWrite, writeReportSheets } from "../../../src/cli/commands/reportSheets";
import { layoutGrid } from "../../../src/cli/xlsx/layoutGrid";
import { characters, gridXml } from "../../../src/cli/xlsx/layoutSheetXml";
import { XlsxPackage } from "../../../src/cli/xlsx/ooxml/xlsxPackage";
import type { CellStyle, LayoutCell, SheetLayout } from "../../../src/workbook/sheetLayout";
import { FORMATS } from "../../../src/workbook/schema";
import { writeReportSheetsReference } from "./writeLayoutReference";

const SAMPLE = readFileSync(path.resolve("samples/sample-trust.xlsx"));

/** Text a report may hold, leaning on what XML writers get wrong (U+FFFE and U+FFFF apart: see below). */
const awkward = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(..."ab 1.,-%") },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        ..."\"'&<>;#=+-@/?!:[]\t\n\r\u0001\u0008\u000b\u001f\u007f\u0085\u00a0é€\u2028\ufeff\ufffd\ud800\udfff😀"
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("&apos;", "&quot;", "&#10;", "]]>", "<!--", "\r\n", "=SUM(A1)"),
    }
  ),
  maxLength: 16,
});

const styleArbitrary: fc.Arbitrary<CellStyle | undefined> = fc.option(
  fc.record(
    {
      bold: fc.boolean(),
      italic: fc.boolean(),
      size: fc.constantFrom(9, 10, 14),
      fill: fc.constantFrom("FFDCE6F1", "FFFCE4D6"),
      color: fc.constantFrom("FFC00000", "FF1F4E79"),
      numberFormat: fc.constantFrom(FORMATS.money, FORMATS.rate, FORMATS.date, FORMATS.count),
      align: fc.constantFrom("left" as const, "center" as const, "right" as const),
      wrap: fc.boolean(),
      border: fc.constantFrom("top" as const, "bottom" as const, "topDouble" as const),
      indent: fc.constantFrom(1, 2),
    },
    { requiredKeys: [] }
  ),
  { nil: undefined }
);

const numberArbitrary = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 0.1 + 0.2, 1e-7, -1e21, 5e-324, 1.7976931348623157e308, 123456789.125)
);

const cellArbitrary: fc.Arbitrary<LayoutCell> = fc
  .record({
    // A small grid, so some cells are written twice (the later style over the earlier) and merged over.
    row: fc.integer({ min: 1, max: 10 }),
    column: fc.integer({ min: 1, max: 5 }),
    style: styleArbitrary,
    content: fc.oneof(
      awkward.map((text) => ({ text })),
      numberArbitrary.map((number) => ({ number })),
      fc.integer({ min: 0, max: 60_000 }).map((date) => ({ date })),
      fc
        .tuple(awkward, numberArbitrary)
        .map(([text, result]) => ({ formula: `"${text.replace(/"/g, '""')}"&A1`, result })),
      fc.constant({ formula: "SUM(B2:B4)", result: 2 }),
      fc.constant({ blank: true as const })
    ),
  })
  .map(({ row, column, style, content }) => ({
    ...content,
    row,
    column,
    ...(style ? { style } : {}),
  }));

type Merge = SheetLayout["merges"][number];

/** Merges that do not overlap (a layout's never do): the candidates kept greedily. */
const mergesArbitrary: fc.Arbitrary<Merge[]> = fc
  .array(
    fc
      .record({
        top: fc.integer({ min: 1, max: 11 }),
        left: fc.integer({ min: 1, max: 6 }),
        rows: fc.integer({ min: 0, max: 2 }),
        columns: fc.integer({ min: 0, max: 3 }),
      })
      .map(({ top, left, rows, columns }) => ({
        top,
        left,
        bottom: top + rows,
        right: left + columns,
      })),
    { maxLength: 5 }
  )
  .map((candidates) => {
    const kept: Merge[] = [];
    for (const m of candidates)
      if (
        kept.every(
          (k) => m.bottom < k.top || m.top > k.bottom || m.right < k.left || m.left > k.right
        )
      )
        kept.push(m);
    return kept;
  });

const layoutArbitrary = (sheetName: string): fc.Arbitrary<SheetLayout> =>
  fc.record({
    sheetName: fc.constant(sheetName),
    cells: fc.array(cellArbitrary, { maxLength: 40 }),
    merges: mergesArbitrary,
    columnWidths: fc.array(fc.constantFrom(8, 12.5, 40), { maxLength: 4 }),
    rowHeights: fc.array(
      fc.record({
        row: fc.integer({ min: 1, max: 14 }),
        height: fc.constantFrom(0, 15, 22.5, 30.75),
      }),
      { maxLength: 4 }
    ),
    charts: fc.constant([]),
    pageBreaks: fc.uniqueArray(fc.integer({ min: 1, max: 14 }), { maxLength: 3 }),
    print: fc.record({
      orientation: fc.constantFrom("portrait" as const, "landscape" as const),
      fitToWidth: fc.constant(1 as const),
      repeatRows: fc.option(fc.constant<[number, number]>([1, 3]), { nil: null }),
      header: awkward,
      footer: awkward,
    }),
    frozenRows: fc.integer({ min: 0, max: 3 }),
  });

/** A sheet "Report" of one text cell, A1. */
function oneCell(text: string): SheetLayout {
  return {
    sheetName: "Report",
    cells: [{ row: 1, column: 1, text }],
    merges: [],
    columnWidths: [],
    rowHeights: [],
    charts: [],
    pageBreaks: [],
    print: { orientation: "portrait", fitToWidth: 1, repeatRows: null, header: "", footer: "" },
    frozenRows: 0,
  };
}

/** Every part of `pkg` saved, by name (the zip's own dates aside). */
async function partsOf(pkg: XlsxPackage): Promise<Map<string, Buffer>> {
  const saved = await XlsxPackage.read(await pkg.toBytes(new Date(Date.UTC(2026, 11, 6))));
  return new Map(saved.parts().map((part) => [part, saved.bytes(part)!]));
}

async function bothRoutes(
  layouts: SheetLayout[],
  dateSystem: DateSystem,
  times: number
): Promise<{ direct: Map<string, Buffer>; reference: Map<string, Buffer> }> {
  const direct = await XlsxPackage.read(SAMPLE);
  const reference = await XlsxPackage.read(SAMPLE);
  for (let n = 0; n < times; n++) {
    const written = await writeReportSheets(direct, layouts, dateSystem);
    const expected = await writeReportSheetsReference(
      reference,
      layouts,
      dateSystem,
      await namesToWrite(reference, layouts)
    );
    expect(written).toEqual(expected);
  }
  return { direct: await partsOf(direct), reference: await partsOf(reference) };
}

function expectSameParts(direct: Map<string, Buffer>, reference: Map<string, Buffer>): void {
  expect([...direct.keys()]).toEqual([...reference.keys()]);
  for (const [part, bytes] of reference)
    expect(direct.get(part)!.toString("utf8"), part).toBe(bytes.toString("utf8"));
  for (const [part, bytes] of reference) expect(direct.get(part)!.equals(bytes), part).toBe(true);
}

describe("report sheets written without ExcelJS's cell grid", () => {
  it("leave every part of the workbook as writing each cell through ExcelJS did", async () => {
    await fc.assert(
      fc.asyncProperty(
        layoutArbitrary("Report 'Q4' & co"),
        fc.option(layoutArbitrary("Audit trail"), { nil: undefined }),
        fc.constantFrom<DateSystem>("1900", "1904"),
        fc.integer({ min: 1, max: 2 }),
        async (first, second, dateSystem, times) => {
          const layouts = second ? [first, second] : [first];
          const { direct, reference } = await bothRoutes(layouts, dateSystem, times);
          expectSameParts(direct, reference);
        }
      ),
      { numRuns: 80 }
    );
  });

  it("refuse, as the ExcelJS route did, text holding U+FFFE or U+FFFF, which XML cannot hold", async () => {
    for (const text of ["a\ufffeb", "\uffff"]) {
      const layout = oneCell(text);
      const reference = await XlsxPackage.read(SAMPLE);
      await expect(
        writeReportSheetsReference(
          reference,
          [layout],
          "1900",
          await namesToWrite(reference, [layout])
        )
      ).rejects.toThrow();
      await expect(
        writeReportSheets(await XlsxPackage.read(SAMPLE), [layout], "1900")
      ).rejects.toThrow(/U\+FFFE or U\+FFFF/);
    }
  });
});

describe("a report cell's text", () => {
  it('is kept when it reads like the tabSelected="1" the graft strips from the scratch sheet', async () => {
    // The ExcelJS route stripped it from the whole sheet part, cell text included.
    const pkg = await XlsxPackage.read(SAMPLE);
    await writeReportSheets(pkg, [oneCell('Tab tabSelected="1" here')], "1900");
    const sheet = pkg.sheets().find((s) => s.name === "Report")!;
    expect(pkg.text(sheet.part)).toContain('<t>Tab tabSelected="1" here</t>');
    expect(pkg.text(sheet.part)).not.toMatch(/<sheetView[^>]*tabSelected/);
  });
});

describe("characters", () => {
  it("escapes markup, keeps quotes, drops the controls ExcelJS drops and reads a carriage return as a line feed", () => {
    expect(characters(`a < "b" & 'c' >`)).toBe(`a &lt; "b" &amp; 'c' &gt;`);
    expect(characters("x\u0001\u007fy\r\nz\rw\t")).toBe("xy\nz\nw\t");
    // A control between two halves of a surrogate pair is dropped, and the pair is whole again.
    expect(characters("\ud83d\u0001\ude00")).toBe("😀");
    expect(characters("\ud800a")).toBe("\ufffda");
  });
});

describe("gridXml", () => {
  it("writes a merged-over cell empty in the top-left cell's style, and spans the row's cells", () => {
    const grid = layoutGrid(
      {
        sheetName: "Report",
        cells: [
          { row: 2, column: 2, text: " Growth", style: { bold: true } },
          { row: 2, column: 4, number: -0 },
        ],
        merges: [{ top: 2, left: 2, bottom: 2, right: 3 }],
        columnWidths: [],
        rowHeights: [{ row: 3, height: 22.5 }],
        charts: [],
        pageBreaks: [],
        print: { orientation: "portrait", fitToWidth: 1, repeatRows: null, header: "", footer: "" },
        frozenRows: 0,
      },
      "1900"
    );
    const styleIndex: Record<string, number> = { 'v{"bold":true}': 7, v: 3 };
    const xml = gridXml(grid, (key) => (key === null ? "" : ` s="${styleIndex[key]}"`));
    // ExcelJS's Range takes row 3's empty span (0) as its left edge, read as column A.
    expect(xml.dimension).toBe('<dimension ref="A2:D3"/>');
    expect(xml.sheetData).toBe(
      '<sheetData><row r="2" spans="2:4" x14ac:dyDescent="0.25">' +
        '<c r="B2" s="7" t="inlineStr"><is><t xml:space="preserve"> Growth</t></is></c>' +
        '<c r="C2" s="7"/><c r="D2" s="3"><v>0</v></c></row>' +
        '<row r="3" ht="22.5" customHeight="1" x14ac:dyDescent="0.25"/></sheetData>'
    );
    expect(xml.mergeCells).toBe('<mergeCells count="1"><mergeCell ref="B2:C2"/></mergeCells>');
  });
});
