/**
 * The written report opens in LibreOffice (headless): it converts to PDF,
 * and LibreOffice's own recalculation of our SUM formulas gives our totals.
 * It also reads back the accrual columns `accrue` writes into the NAV table.
 * Needs `soffice` (Debian: libreoffice-calc-nogui); skipped with a message
 * when it is missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { loadPlan } from "../../src/cli/loadPlan";
import { run } from "../../src/cli/run";
import { day } from "../../src/engine/calendar";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { ACCRUAL_HEADERS, accrualColumns } from "../../src/workbook/accrualColumns";
import { reportOnly } from "./support/reportOnly";
import { tempDir, writeTrust } from "./support/trustFile";

const soffice = ["soffice", "libreoffice"].find(
  (bin) => spawnSync(bin, ["--version"], { encoding: "utf8" }).status === 0
);
if (!soffice)
  console.warn(
    "LibreOffice tests skipped: no soffice/libreoffice on PATH (apt-get install libreoffice-calc-nogui)."
  );

function convert(file: string, to: string, dir: string): string {
  execFileSync(
    soffice!,
    [
      "--headless",
      `-env:UserInstallation=file://${dir}/lo-profile`,
      "--convert-to",
      to,
      "--outdir",
      dir,
      file,
    ],
    { stdio: "pipe", timeout: 120_000 }
  );
  return path.join(dir, `${path.basename(file, ".xlsx")}.${to.split(":")[0]}`);
}

describe.skipIf(!soffice)("the report in LibreOffice", () => {
  it("converts to PDF, and LibreOffice's SUM totals equal ours", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const out = path.join(dir, "report.xlsx");
    await run({ command: "report", file: input, out, quarter: "2026Q3", asOf: "2026-11-28" });
    const pdf = convert(await reportOnly(out, path.join(dir, "print.xlsx"), false), "pdf", dir);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");

    const ours = new ExcelJS.Workbook();
    await ours.xlsx.readFile(out);
    const expected: { row: number; column: number; result: number }[] = [];
    ours.getWorksheet("12b-1 Report 2026-Q3")!.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (cell.formula)
          expected.push({
            row: r,
            column: c,
            result: Number((cell.value as ExcelJS.CellFormulaValue).result ?? 0),
          });
      })
    );
    expect(expected.length).toBeGreaterThan(15);

    const csv = readFileSync(
      convert(
        await reportOnly(out, path.join(dir, "recalc.xlsx"), true),
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false",
        dir
      ),
      "utf8"
    );
    const grid = csv
      .split(/\r?\n/)
      .map((line) =>
        line
          .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
          .map((cell) => cell.replace(/,$/, "").replace(/^"|"$/g, ""))
      );
    for (const { row, column, result } of expected) {
      const shown = grid[row - 1]?.[column - 1] ?? "";
      // The csv shows the formatted value: #,##0.00 → strip the grouping commas.
      expect(Number(shown.replace(/,/g, "")), `cell row ${row} column ${column}`).toBeCloseTo(
        result,
        2
      );
    }
  });

  it("reads the accrual columns accrue wrote into the NAV table: the engine's figures, row by row", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const out = path.join(dir, "accrued.xlsx");
    await run({ command: "accrue", file: input, out, asOf: "2026-11-28" });
    const loaded = await loadPlan(input);
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    const expected = accrualColumns(
      loaded.read.plan,
      evaluatePlan(loaded.read.plan, { asOf: day("2026-11-28") }),
      loaded.read.plan.netAssets.length
    );
    // Sheet −1: every sheet to its own file, "accrued-<sheet>.csv". Values come as shown (0.25%, 1,500.00).
    convert(
      out,
      "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false,-1",
      dir
    );
    const lines = readFileSync(path.join(dir, "accrued-Net Assets.csv"), "utf8")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(`Date,Portfolio,Class B net assets,${ACCRUAL_HEADERS.join(",")}`);
    expect(lines).toHaveLength(expected.length + 1);
    expected.forEach((row, i) => {
      const cells = lines[i + 1]!.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) =>
        cell.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"')
      );
      const number = (shown: string) =>
        shown === ""
          ? null
          : shown.endsWith("%")
            ? Number(shown.slice(0, -1).replace(/,/g, "")) / 100
            : Number(shown.replace(/,/g, ""));
      const read = cells.slice(3, 9).map((c, j) => (j < 5 ? number(c) : c || null));
      const want = row.map((v) => (v === "" ? null : v));
      read.forEach((value, j) => {
        if (typeof value === "number")
          expect(value, `row ${i + 2} column ${ACCRUAL_HEADERS[j]}`).toBeCloseTo(
            want[j] as number,
            j === 1 ? 6 : 2
          );
        else expect(value, `row ${i + 2} column ${ACCRUAL_HEADERS[j]}`).toBe(want[j]);
      });
    });
  });

  it("shows user text that looks like a formula as that text, never as a result (formula injection, in a real spreadsheet)", async () => {
    const dir = tempDir();
    const injections = ["=1+2", "+3+4", "-5+6", "@SUM(1,2)", "=cmd|' /C calc'!A0"];
    const input = await writeTrust(dir, "trust.xlsx", {
      edit: (rows) => {
        rows.Expenditures[0]!.Payee = injections[0]!;
        rows.Expenditures[0]!.Description = injections[2]!;
        rows.Agreements[0]!.Agreement = injections[4]!;
        rows.Agreements[0]!.Counterparty = injections[1]!;
        rows.Reviews.push({
          Quarter: "2026Q3",
          "Prepared by": injections[3]!,
          "Reviewed by": injections[0]!,
        });
      },
    });
    const out = path.join(dir, "report.xlsx");
    await run({
      command: "report",
      file: input,
      out,
      quarter: "2026Q3",
      asOf: "2026-11-28",
      preparedBy: injections[3]!,
    });
    const csv = readFileSync(
      convert(
        await reportOnly(out, path.join(dir, "injected.xlsx")),
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false",
        dir
      ),
      "utf8"
    );
    const cells = csv
      .split(/\r?\n/)
      .flatMap((line) =>
        line
          .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
          .map((cell) => cell.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"'))
      );
    // The description (-5+6) is not on the report; the other four are.
    for (const text of [injections[0]!, injections[1]!, injections[3]!, injections[4]!])
      expect(cells, text).toContain(text);
  });
});
