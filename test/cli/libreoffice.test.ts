/**
 * The written report opens in LibreOffice (headless): it converts to PDF,
 * and LibreOffice's own recalculation of our SUM formulas gives our totals.
 * Needs `soffice` (Debian: libreoffice-calc-nogui); skipped with a message
 * when it is missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run";
import { reportOnly } from "./support/reportOnly";
import { tempDir, writeTrust } from "./support/trustFile";

const soffice = ["soffice", "libreoffice"].find((bin) => spawnSync(bin, ["--version"], { encoding: "utf8" }).status === 0);
if (!soffice) console.warn("LibreOffice tests skipped: no soffice/libreoffice on PATH (apt-get install libreoffice-calc-nogui).");

function convert(file: string, to: string, dir: string): string {
  execFileSync(soffice!, ["--headless", `-env:UserInstallation=file://${dir}/lo-profile`, "--convert-to", to, "--outdir", dir, file], { stdio: "pipe", timeout: 120_000 });
  return path.join(dir, `${path.basename(file, ".xlsx")}.${to.split(":")[0]}`);
}

describe.skipIf(!soffice)("the report in LibreOffice", () => {
  it("converts to PDF, and LibreOffice's SUM totals equal ours", async () => {
    const dir = tempDir();
    const input = await writeTrust(dir);
    const out = path.join(dir, "report.xlsx");
    await run({ command: "report", file: input, out, quarter: "2026Q3", asOf: "2026-11-28" });
    const pdf = convert(reportOnly(out, path.join(dir, "print.xlsx"), false), "pdf", dir);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");

    const ours = new ExcelJS.Workbook();
    await ours.xlsx.readFile(out);
    const expected: { row: number; column: number; result: number }[] = [];
    ours.getWorksheet("12b-1 Report 2026-Q3")!.eachRow((row, r) => row.eachCell((cell, c) => {
      if (cell.formula) expected.push({ row: r, column: c, result: Number((cell.value as ExcelJS.CellFormulaValue).result ?? 0) });
    }));
    expect(expected.length).toBeGreaterThan(15);

    const csv = readFileSync(convert(reportOnly(out, path.join(dir, "recalc.xlsx"), true), "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false", dir), "utf8");
    const grid = csv.split(/\r?\n/).map((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, "").replace(/^"|"$/g, "")));
    for (const { row, column, result } of expected) {
      const shown = grid[row - 1]?.[column - 1] ?? "";
      // The csv shows the formatted value: #,##0.00 → strip the grouping commas.
      expect(Number(shown.replace(/,/g, "")), `cell row ${row} column ${column}`).toBeCloseTo(result, 2);
    }
  });
});
