/**
 * The small two-portfolio trust of the tests (test/cli/support/trustFile.ts)
 * with its NetAssets table grown to the last row of the sheet: Growth
 * (73,000,000) then Income (36,500,000), one weekday NAV a row from 1901 on,
 * 1,048,575 rows under the header, and a fourth column ("Share class") the
 * plan does not read. Written by the runner's own package editor
 * — ExcelJS would need gigabytes just to write it. Used by
 * test/cli/wholeSheet.test.ts and benchmark (6).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { day, serialFromDay, weekday } from "../../../src/engine/calendar";
import { cellXml, widenDimension, writeCells } from "../../../src/cli/xlsx/ooxml/sheetCells";
import { XlsxPackage } from "../../../src/cli/xlsx/ooxml/xlsxPackage";
import { writeTrust } from "./trustFile";

/** The sheet's last row: the table's header is row 1, its NAV rows 2 to 1,048,576. */
export const LAST_ROW = 1_048_576;

/** Grows the test trust's NetAssets table to the last row of the sheet: Growth, then Income, one weekday NAV a row. */
export async function writeWholeSheetTrust(dir: string): Promise<string> {
  const pkg = await XlsxPackage.read(readFileSync(await writeTrust(dir, "small.xlsx")));
  const sheet = pkg.sheets().find((s) => s.name === "Net Assets")!;
  const table = pkg.relationships(sheet.part).find((r) => r.type.endsWith("/table"))!.target;
  const half = (LAST_ROW - 1) >> 1;
  const dates: number[] = [];
  for (let d = day("1901-01-01"); dates.length < LAST_ROW; d += 1)
    if (weekday(d) !== 0 && weekday(d) !== 6) dates.push(serialFromDay(d));
  const xml = writeCells(pkg.text(sheet.part)!, 1, LAST_ROW, (row) => {
    if (row === 1) return [{ column: 4, xml: cellXml(1, 4, "Share class", 0) }];
    const growth = row - 2 < half;
    const date = dates[growth ? row - 2 : row - 2 - half]!;
    return [
      cellXml(row, 1, date, 0),
      cellXml(row, 2, growth ? "Growth" : "Income", 0),
      cellXml(row, 3, growth ? 73_000_000 : 36_500_000, 0),
      cellXml(row, 4, "Class B shares", 0),
    ].map((cell, i) => ({ column: i + 1, xml: cell }));
  });
  pkg.setText(sheet.part, widenDimension(xml, LAST_ROW, 4));
  // A fourth column the plan does not read, as real NAV tables have: with the accrual columns the
  // sheet passes 512 MiB (about 580 MB of XML), which the runner must read back.
  const tableXml = pkg.text(table)!;
  const ids = [...tableXml.matchAll(/<tableColumn\b[^>]*\sid="(\d+)"/g)].map((m) => Number(m[1]));
  pkg.setText(
    table,
    tableXml
      .replace(/ref="A1:C\d+"/g, `ref="A1:D${LAST_ROW}"`)
      .replace(
        /(<tableColumns\b[^>]*\bcount=")(\d+)"/,
        (_, open: string, n: string) => `${open}${Number(n) + 1}"`
      )
      .replace(
        "</tableColumns>",
        `<tableColumn id="${Math.max(...ids) + 1}" name="Share class"/></tableColumns>`
      )
  );
  const file = path.join(dir, "whole-sheet.xlsx");
  writeFileSync(file, await pkg.toBytes(new Date()));
  return file;
}
