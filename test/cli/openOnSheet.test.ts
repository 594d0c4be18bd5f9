/**
 * Which tab a written workbook opens on (`src/cli/xlsx/ooxml/openOnSheet.ts`): the only selected
 * tab is the one asked for, however a person's selected sheet is laid out.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openOnSheet } from "../../src/cli/xlsx/ooxml/openOnSheet";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";

const SAMPLE = path.resolve("samples/sample-trust.xlsx");
const selected = (pkg: XlsxPackage) =>
  pkg
    .sheets()
    .filter((s) => /<sheetView\b[^>]*tabSelected="1"/.test(pkg.text(s.part)!))
    .map((s) => s.name);

describe("opening on a sheet", () => {
  it("clears the selection of a sheet whose <sheetViews> runs past the pieces it is read in (a 90 KB selection)", async () => {
    const source = await XlsxPackage.read(readFileSync(SAMPLE));
    const nav = source.sheets().find((s) => s.name === "Net Assets")!;
    // A selection of 12,000 single cells: the sheet's views are longer than a 64 KiB piece.
    const cells = Array.from({ length: 12_000 }, (_, i) => `C${2 * i + 2}`).join(" ");
    const xml = source
      .text(nav.part)!
      .replace(
        /<sheetViews\b[\s\S]*?<\/sheetViews>/,
        `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="C2" sqref="${cells}"/></sheetView></sheetViews>`
      );
    expect(/<sheetViews\b[\s\S]*?<\/sheetViews>/.exec(xml)![0].length).toBeGreaterThan(65_536);
    source.setText(nav.part, xml);
    // Read back from bytes: the sheet is streamed in pieces, as a workbook from disk is.
    const bytes = await source.toBytes(new Date());
    expect(selected(await XlsxPackage.read(bytes))).toEqual(["Net Assets"]);
    // (A package whose sheets were read as text would hand the text over whole: a fresh one.)
    const pkg = await XlsxPackage.read(bytes);
    const target = pkg.sheets().find((s) => s.name !== "Net Assets")!;
    expect(await openOnSheet(pkg, target.name)).toBe(true);
    expect(selected(pkg)).toEqual([target.name]);
    // Only the selection mark is gone from the person's sheet.
    expect(pkg.text(nav.part)).toBe(xml.replace(' tabSelected="1"', ""));
  });

  it("reads a hostile head of 60,000 unclosed <sheetViews> in one pass, not one per opening", async () => {
    // A lazy regex from each opening to a closing that never comes was quadratic: minutes here.
    const source = await XlsxPackage.read(readFileSync(SAMPLE));
    const nav = source.sheets().find((s) => s.name === "Net Assets")!;
    const xml = source
      .text(nav.part)!
      .replace(/<sheetViews\b[\s\S]*?<\/sheetViews>/, "<sheetViews>".repeat(60_000));
    source.setText(nav.part, xml);
    const pkg = await XlsxPackage.read(await source.toBytes(new Date()));
    const target = pkg.sheets().find((s) => s.name !== "Net Assets")!;
    const started = performance.now();
    expect(await openOnSheet(pkg, target.name)).toBe(true);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
