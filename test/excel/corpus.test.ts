/**
 * The runner's bad-input corpus (scripts/makeFixtures.ts, test/hardening/corpus.test.ts)
 * through the task pane's reader: each workbook is opened in the Excel stand-in
 * as Excel would show it to office-js, and every pane action must end as the
 * runner does —
 *  - the runner exits 2: Compute accruals, Check compliance and Quarterly report
 *    refuse with the runner's very sentences, and nothing is written;
 *  - the runner accepts it: the pane writes the runner's accrual figures cell for
 *    cell, and Check compliance finds errors exactly when `check` exits 1.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { parseQuarter } from "../../src/engine/periods";
import { run } from "../../src/cli/run";
import { checkCompliance } from "../../src/excel/checkCompliance";
import { computeAccruals } from "../../src/excel/computeAccruals";
import type { ExcelRun } from "../../src/excel/excelRun";
import { readWorkbook } from "../../src/excel/readWorkbook";
import { writeQuarterlyReport } from "../../src/excel/writeReport";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { accrualColumns } from "../../src/workbook/accrualColumns";
import { readPlan } from "../../src/workbook/readPlan";
import { CORPUS, makeFixtures } from "../../scripts/makeFixtures";
import { tempDir } from "../cli/support/trustFile";
import type { ExcelStandIn } from "../support/excelStandIn";
import { standInFromFile } from "../support/excelStandInFromFile";

const AS_OF = "2026-11-28";
/**
 * A formula with no cached value cannot reach the pane: Excel calculates it on
 * opening (=73000000*1, the clean trust's NAV), so the pane sees the clean
 * trust and must write the runner's figures for the clean file.
 */
const EXCEL_CALCULATES: Record<string, string> = { "formula-without-result": "clean" };
const runOf = (standIn: ExcelStandIn) => standIn.run as unknown as ExcelRun;
/** The six accrual columns of the NetAssets table (Days … Accrual note), right of its three input columns. */
const accrualCells = (standIn: ExcelStandIn) =>
  standIn.workbook.tableRows("NetAssets").map((row) => row.slice(3));

let files: Map<string, string>;
beforeAll(async () => {
  files = await makeFixtures(tempDir());
});

/** A runner's refusal as the pane words its location: the table row dropped where the cell is named. */
const paneWords = (text: string) =>
  text.replace(
    /table (\S+) row \d+(, column "[^"]*")? \(cell ([A-Z]+\d+)\)/,
    (_, table: string, column: string | undefined, cell: string) =>
      `table ${table}${column ?? ""}, cell ${cell}`
  );

describe.each(CORPUS.map((c) => [c.name, c.what] as const))("%s (%s)", (name) => {
  it("the pane ends as the runner does: the same refusal, or the same figures", async () => {
    const file = files.get(EXCEL_CALCULATES[name] ?? name)!;
    const dir = tempDir();
    const accrued = await run({
      command: "accrue",
      file,
      out: path.join(dir, "accrued.xlsx"),
      asOf: AS_OF,
    });
    const checked = await run({ command: "check", file, asOf: AS_OF });
    const standIn = await standInFromFile(files.get(name)!);
    const before = JSON.stringify(standIn.workbook.tableRows("NetAssets"));
    const pane = await computeAccruals(runOf(standIn), {
      mode: "values",
      overwrite: false,
      asOf: day(AS_OF),
      preparedAt: "2026-11-28 09:00 UTC",
    });
    const check = await checkCompliance(runOf(standIn), { asOf: day(AS_OF) });
    const report = await writeQuarterlyReport(runOf(standIn), {
      quarter: parseQuarter("2026Q3")!,
      asOf: day(AS_OF),
    });

    if (accrued.exitCode === 2) {
      const problems = accrued.data.problems as string[];
      expect(problems.length).toBeGreaterThan(0);
      expect(checked.exitCode).toBe(2);
      expect(pane.status, pane.message).toBe("unusable");
      // The runner's sentences, with the cell named once as Excel shows it (issue 23: the pane says
      // 'table NetAssets, column "Date", cell A4' where the runner says 'table NetAssets row 3, column "Date" (cell A4)').
      const inPaneWords = problems.map(paneWords);
      expect(pane.problems?.map((p) => p.text)).toEqual(inPaneWords);
      expect(check.refused.map((p) => p.text)).toEqual(inPaneWords);
      expect(check.exceptions).toEqual([]);
      expect(report.status).toBe("unusable");
      expect(report.problems?.map((p) => p.text)).toEqual(inPaneWords);
      // Nothing written: the table as it was, no report sheet.
      expect(JSON.stringify(standIn.workbook.tableRows("NetAssets"))).toBe(before);
      expect(standIn.workbook.sheets.map((s) => s.name)).toEqual(["Plan", "Net Assets"]);
    } else {
      expect(accrued.exitCode).toBe(0);
      expect(pane.status, pane.message).toBe("done");
      expect(report.status, report.message).toBe("done");
      expect(check.refused).toEqual([]);
      const runnerCells = accrualCells(await standInFromFile(path.join(dir, "accrued.xlsx")));
      expect(runnerCells.length).toBeGreaterThan(60);
      expect(accrualCells(standIn)).toEqual(runnerCells);
      const errors = check.exceptions.filter((e) => e.severity === "error");
      expect(errors.length > 0 ? 1 : 0).toBe(checked.exitCode);
    }
  });
});

it('a row the reader refused is noted once with its column, not twice ("Class B net assets Class B net assets holds text")', async () => {
  // Past the gate (which refuses this workbook), the accrual note of the row says it in one sentence.
  const standIn = await standInFromFile(files.get("text-in-number")!);
  const read = readPlan(await readWorkbook(runOf(standIn)));
  const evaluation = evaluatePlan(read.plan, {
    asOf: day(AS_OF),
    portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
  });
  const rows = accrualColumns(read.plan, evaluation, 67, read.exceptions);
  expect(rows[2]![5]).toBe(
    'Not read: Class B net assets holds text "73,000,000.00", not an amount; enter it as a number.'
  );
});
