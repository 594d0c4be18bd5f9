/**
 * `excelJsCanonical` stands in for `canonicalXml` on the scratch parts
 * ExcelJS writes (the report's sheets and shared strings): wherever it gives
 * an answer, the answer is `canonicalXml`'s, character for character, and
 * where `canonicalXml` would refuse a part, it gives none.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LayoutCell, SheetLayout } from "../../../../src/workbook/sheetLayout";
import { newExcelJsWorkbook } from "../../../../src/cli/xlsx/excelJs";
import { excelJsCanonical } from "../../../../src/cli/xlsx/ooxml/excelJsCanonical";
import { XlsxPackage } from "../../../../src/cli/xlsx/ooxml/xlsxPackage";
import { canonicalXml } from "../../../../src/cli/xlsx/ooxml/xmlParse";
import { writeLayout } from "../writeLayoutReference";

/** Text a report may hold, leaning on what XML writers get wrong: markup, quotes, controls, edges of Unicode. */
const awkward = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(..."ab 1.,-%") },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        ..."\"'&<>;#=/?!:[]\t\n\r\u0001\u0008\u000b\u001f\u007f\u0085\u00a0é€\u2028\ufeff\ufffd\ufffe\uffff\ud800\udfff😀"
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom("&apos;", "&quot;", "&#10;", "]]>", "<!--", "<?x?>") }
  ),
  maxLength: 20,
});

const cells: fc.Arbitrary<LayoutCell[]> = fc
  .array(
    fc.oneof(
      awkward.map((text) => ({ text })),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((number) => ({ number })),
      awkward.map((text) => ({ formula: `"${text.replace(/"/g, '""')}"&A1`, result: 1 }))
    ),
    { maxLength: 12 }
  )
  .map((contents) =>
    contents.map((content, i) => ({ ...content, row: 1 + i, column: 1 + (i % 3) }))
  );

function layoutOf(
  sheetName: string,
  cellsOf: LayoutCell[],
  header: string,
  footer: string
): SheetLayout {
  return {
    sheetName,
    cells: cellsOf,
    merges: [],
    columnWidths: [12],
    rowHeights: [],
    charts: [],
    pageBreaks: [],
    print: { orientation: "landscape", fitToWidth: 1, repeatRows: [1, 2], header, footer },
    frozenRows: 2,
  };
}

function canonicalOrRefusal(
  xml: string,
  part: string
): { xml: string; rootUri: string } | "refused" {
  try {
    return canonicalXml(xml, part);
  } catch {
    return "refused";
  }
}

describe("excelJsCanonical", () => {
  it("gives canonicalXml's text for every ExcelJS sheet and shared-string part it takes, and refuses none canonicalXml refuses", async () => {
    let taken = 0;
    let parts = 0;
    await fc.assert(
      fc.asyncProperty(cells, cells, awkward, awkward, async (first, second, header, footer) => {
        const workbook = await newExcelJsWorkbook();
        writeLayout(
          workbook.addWorksheet('Report "Q4" it\'s'),
          layoutOf('Report "Q4" it\'s', first, header, footer),
          "1900"
        );
        writeLayout(
          workbook.addWorksheet("Audit & trail"),
          layoutOf("Audit & trail", second, footer, header),
          "1900"
        );
        const pkg = await XlsxPackage.read(Buffer.from(await workbook.xlsx.writeBuffer()));
        for (const part of pkg.parts()) {
          if (!/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(part)) continue;
          const xml = pkg.bytes(part)!.toString("utf8");
          const fast = excelJsCanonical(xml, part);
          parts += 1;
          if (fast === null) continue;
          taken += 1;
          expect(fast).toEqual(canonicalOrRefusal(xml, part));
        }
      }),
      { numRuns: 200 }
    );
    // Not vacuous: most parts take the shortcut (those with a carriage return or U+FFFF do not).
    expect(taken).toBeGreaterThan(parts / 3);
  });

  it("leaves to the parser a part holding U+FFFF, which ExcelJS writes and XML forbids", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>a\uffffb</t></si></sst>`;
    expect(excelJsCanonical(xml, "xl/sharedStrings.xml")).toBeNull();
    expect(canonicalOrRefusal(xml, "xl/sharedStrings.xml")).toBe("refused");
  });

  it("puts the root's declarations first and writes quotes in text and apostrophes as characters", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><sheetPr codeName="a&quot;b&apos;c"/><sheetData><row r="1" x14ac:dyDescent="0.25"><c r="A1"><f>&quot;it&apos;s&quot;&amp;B1</f><v>1</v></c></row></sheetData><headerFooter><oddHeader>&amp;L&quot;Calibri&quot;</oddHeader></headerFooter></worksheet>`;
    const fast = excelJsCanonical(xml, "xl/worksheets/sheet1.xml");
    expect(fast).toEqual(canonicalXml(xml, "xl/worksheets/sheet1.xml"));
    expect(fast!.xml).toContain(`<f>"it's"&amp;B1</f>`);
    expect(fast!.xml).toContain(`<sheetPr codeName="a&quot;b'c"/>`);
    expect(fast!.xml).toContain(
      `xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac">`
    );
  });
});
