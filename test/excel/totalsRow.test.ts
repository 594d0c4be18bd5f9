/**
 * A NetAssets table with its Total Row on (Table Design → Total Row): the
 * totals row is the table's own last row — not a NAV row, and not a row
 * below the table. The runner reads it so (`totalsRowCount`,
 * src/cli/xlsx/readTables.ts; the package corpus case `nav-totals-row`), and
 * the pane must too (`showTotals`, src/excel/readWorkbook.ts): the same NAV
 * rows, the same findings, and a row typed under the totals row warned of with
 * the runner's sentence.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import type { PlanException } from "../../src/engine/exceptions";
import { run } from "../../src/cli/run";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { checkCompliance } from "../../src/excel/checkCompliance";
import type { ExcelRun } from "../../src/excel/excelRun";
import { readWorkbook } from "../../src/excel/readWorkbook";
import { CORPUS, makeFixtures } from "../../scripts/makeFixtures";
import { PACKAGE_CORPUS } from "../../scripts/packageFixtures";
import { tempDir } from "../cli/support/trustFile";
import type { ExcelStandIn } from "../support/excelStandIn";
import { standInFromFile } from "../support/excelStandInFromFile";

const AS_OF = "2026-11-28";
const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;
/** The clean trust's NAV rows: 2026-06-30 and Q3's 66 weekdays, sheet rows 2–68, each 73,000,000. */
const NAV_ROWS = 1 + 66;
/** Row 69 of the totals file: "Total" and the SUBTOTAL of the 67 NAVs, 67 × 73,000,000. */
const TOTAL = 67 * 73_000_000;
/** The runner's warning for NAVs typed on rows 70–71, under the totals row (the table's range is A1:C69). */
const BELOW_TOTALS =
  'Sheet "Net Assets", table NetAssets: rows 70–71 just below the table hold values in its columns but are outside its range (A1:C69), so they are not read. If they are NAV rows, resize the table to include them (Table Design → Resize Table).';

/** Messages of the runner's `check` findings and of the pane's Check compliance, side by side. */
async function bothFindings(file: string) {
  const checked = await run({ command: "check", file, asOf: AS_OF });
  const standIn = await standInFromFile(file);
  const pane = await checkCompliance(runOf(standIn), { asOf: day(AS_OF) });
  return {
    exitCode: checked.exitCode,
    runner: (checked.data.exceptions as PlanException[]).map((e) => e.message),
    pane: pane.exceptions.map((e) => e.message),
    refused: pane.refused.map((p) => p.text),
    standIn,
  };
}

let dir: string;
let clean: string;
let totals: string;
let belowTotals: string;
beforeAll(async () => {
  dir = tempDir();
  clean = (await makeFixtures(dir, [CORPUS[0]!])).get("clean")!;
  const withTotals = await PACKAGE_CORPUS.find((c) => c.name === "nav-totals-row")!.make(
    readFileSync(clean)
  );
  totals = path.join(dir, "nav-totals-row.xlsx");
  writeFileSync(totals, withTotals);
  // The same workbook with NAVs typed on rows 70–71, under the totals row (1 and 2 Oct 2026).
  const pkg = await XlsxPackage.read(withTotals);
  const sheetXml = "xl/worksheets/sheet2.xml";
  pkg.setText(
    sheetXml,
    pkg
      .bytes(sheetXml)!
      .toString("utf8")
      .replace('<dimension ref="A1:C69"/>', '<dimension ref="A1:C71"/>')
      .replace(
        "</sheetData>",
        '<row r="70"><c r="A70"><v>46296</v></c><c r="C70"><v>73000000</v></c></row>' +
          '<row r="71"><c r="A71"><v>46297</v></c><c r="C71"><v>73000000</v></c></row></sheetData>'
      )
  );
  belowTotals = path.join(dir, "nav-below-totals.xlsx");
  writeFileSync(belowTotals, await pkg.toBytes(new Date(Date.UTC(2026, 10, 28, 12))));
});

describe("a NetAssets table with its Total Row on", () => {
  it("the pane reads the 67 NAV rows and not the Total row, as the runner does", async () => {
    const standIn = await standInFromFile(totals);
    // The stand-in holds the totals row inside the table's range, as Excel does.
    const found = standIn.workbook.table("NetAssets")!;
    expect(found.table.rowCount).toBe(1 + NAV_ROWS + 1);
    expect(found.sheet.value(NAV_ROWS + 1, 2)).toBe(TOTAL);
    const read = await readWorkbook(runOf(standIn));
    const nav = read.tables.find((t) => t.name === "NetAssets")!;
    expect(nav.rows.length).toBe(NAV_ROWS);
    expect(nav.rows.some((row) => row.includes("Total") || row.includes(TOTAL))).toBe(false);
    expect(read.warnings).toEqual([]);
    expect(read.problems).toEqual([]);
  });

  it("Check compliance finds what the runner's check finds, and what both find on the same trust without the Total Row", async () => {
    const withTotals = await bothFindings(totals);
    const without = await bothFindings(clean);
    expect(withTotals.refused).toEqual([]);
    expect(withTotals.pane).toEqual(withTotals.runner);
    expect(withTotals.runner).toEqual(without.runner);
    expect(withTotals.pane).toEqual(without.pane);
    expect(withTotals.pane.some((m) => /Total|just below the table/.test(m))).toBe(false);
  });

  it("NAVs typed under the totals row (rows 70–71) are warned of with the runner's sentence, naming the table's range A1:C69", async () => {
    const below = await bothFindings(belowTotals);
    expect(below.runner).toContain(BELOW_TOTALS);
    expect(below.pane).toContain(BELOW_TOTALS);
    expect(below.pane).toEqual(below.runner);
  });
});
