/**
 * NAV rows typed just below the NetAssets table, outside its range, are not
 * read: no fee accrues on them. Every step must say so, in the pane as in the
 * runner, with the same sentence — `check`, `accrue`'s summary, and the board
 * report's exception list (a report whose figures leave out rows must say it).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { parseQuarter } from "../../src/engine/periods";
import { run } from "../../src/cli/run";
import { checkCompliance } from "../../src/excel/checkCompliance";
import type { ExcelRun } from "../../src/excel/excelRun";
import { writeQuarterlyReport } from "../../src/excel/writeReport";
import { CORPUS, makeFixtures } from "../../scripts/makeFixtures";
import { PACKAGE_CORPUS } from "../../scripts/packageFixtures";
import { tempDir } from "../cli/support/trustFile";
import type { ExcelStandIn } from "../support/excelStandIn";
import { standInFromFile } from "../support/excelStandInFromFile";

const AS_OF = "2026-11-28";
const WARNING =
  'Sheet "Net Assets", table NetAssets: rows 66–68 just below the table hold values in its columns but are outside its range (A1:C65), so they are not read. If they are NAV rows, resize the table to include them (Table Design → Resize Table).';
const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;

/** Every text cell of `sheet` in the workbook at `file`. */
async function sheetTexts(file: string, sheet: string): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const texts: string[] = [];
  book.getWorksheet(sheet)?.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === "string") texts.push(cell.value);
    })
  );
  return texts;
}

let dir: string;
let short: string;
beforeAll(async () => {
  dir = tempDir();
  const clean = readFileSync((await makeFixtures(dir, [CORPUS[0]!])).get("clean")!);
  short = path.join(dir, "table-ref-short.xlsx");
  writeFileSync(short, await PACKAGE_CORPUS.find((c) => c.name === "table-ref-short")!.make(clean));
});

describe("NAV rows just below the NetAssets table (its range A1:C65 over rows to 68)", () => {
  it("the runner says so in check, in accrue's summary and on the report's exception list", async () => {
    const checked = await run({ command: "check", file: short, asOf: AS_OF });
    expect(checked.lines).toContain(`WARNING ${WARNING}`);
    const accrued = await run({
      command: "accrue",
      file: short,
      out: path.join(dir, "accrued.xlsx"),
      asOf: AS_OF,
    });
    expect(accrued.exitCode).toBe(0);
    expect(accrued.lines).toContain(`WARNING ${WARNING}`);
    const reported = await run({
      command: "report",
      file: short,
      out: path.join(dir, "report.xlsx"),
      quarter: "2026Q3",
      asOf: AS_OF,
    });
    expect(reported.exitCode).toBe(0);
    const texts = await sheetTexts(path.join(dir, "report.xlsx"), "12b-1 Report 2026-Q3");
    expect(texts.some((t) => t.includes(WARNING))).toBe(true);
  });

  it("the pane finds the same rows and says the runner's sentence, in Check compliance and on its report", async () => {
    const standIn = await standInFromFile(short);
    const check = await checkCompliance(runOf(standIn), { asOf: day(AS_OF) });
    expect(check.exceptions.map((e) => e.message)).toContain(WARNING);
    const report = await writeQuarterlyReport(runOf(standIn), {
      quarter: parseQuarter("2026Q3")!,
      asOf: day(AS_OF),
    });
    expect(report.status, report.message).toBe("done");
    const sheet = standIn.workbook.sheet(report.sheetName)!;
    const texts = [...sheet.cells.values()].map((c) => String(c.value));
    expect(texts.some((t) => t.includes(WARNING))).toBe(true);
  });

  it("a clean trust has no such warning in the pane (the row under the table is empty)", async () => {
    const standIn = await standInFromFile(
      (await makeFixtures(tempDir(), [CORPUS[0]!])).get("clean")!
    );
    const check = await checkCompliance(runOf(standIn), { asOf: day(AS_OF) });
    expect(check.exceptions.filter((e) => e.message.includes("just below the table"))).toEqual([]);
  });
});
