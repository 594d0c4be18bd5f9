/**
 * `report`'s options hang together (SPEC §6): one of --quarter, --all-quarters
 * and --year; an unfinished or future quarter only with --preliminary; every
 * refusal is exit 2 with a sentence and nothing written.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { firstDate } from "../../src/cli/commands/report";
import { run } from "../../src/cli/run";
import { tempDir, writeTrust } from "./support/trustFile";

async function report(options: Record<string, string | boolean>) {
  const dir = tempDir();
  const input = await writeTrust(dir);
  const out = path.join(dir, "out.xlsx");
  const outcome = await run({
    command: "report",
    file: input,
    out,
    asOf: "2026-11-28",
    ...options,
  });
  return { outcome, out, written: existsSync(out) };
}

describe("report options", () => {
  it.each([
    [{ quarter: "2026Q3", allQuarters: true }, "Give one of --quarter, --all-quarters, not both."],
    [{ quarter: "2026Q3", year: "2026" }, "Give one of --quarter, --year, not both."],
    [{ allQuarters: true, year: "2026" }, "Give one of --all-quarters, --year, not both."],
  ])("%o is refused like -o with --in-place", async (options, sentence) => {
    const { outcome, written } = await report(options);
    expect([outcome.exitCode, written]).toEqual([2, false]);
    expect(outcome.lines.join("\n")).toContain(sentence);
  });

  it("an unfinished quarter is refused without --preliminary, saying how to ask for it", async () => {
    const { outcome, written } = await report({ quarter: "2026Q4" });
    expect([outcome.exitCode, written]).toEqual([2, false]);
    expect(outcome.lines.join("\n")).toContain(
      "2026 Q4 has not ended on 2026-11-28 (it ends 2026-12-31): add --preliminary"
    );
  });

  it("a quarter that has not begun is refused even with --preliminary", async () => {
    const { outcome } = await report({ quarter: "2027Q1", preliminary: true });
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines.join("\n")).toContain("2027 Q1 has not begun on 2026-11-28");
  });

  it("with --preliminary the unfinished quarter is written, through the as-of date, marked PRELIMINARY", async () => {
    const { outcome, out } = await report({ quarter: "2026Q4", preliminary: true });
    expect(outcome.exitCode).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet("12b-1 Report 2026-Q4")!;
    expect(String(sheet.getCell("A1").value)).toMatch(/^PRELIMINARY — /);
    expect(sheet.headerFooter.oddHeader).toContain("PRELIMINARY");
    expect(outcome.data).toMatchObject({
      sheets: [{ preliminary: true, through: "2026-11-28" }],
    });
  });

  it("--all-quarters stops at the last finished quarter; with --preliminary the running one comes last", async () => {
    const finished = await report({ allQuarters: true });
    const quarters = (o: typeof finished.outcome) =>
      (o.data as { sheets: { quarter: string; preliminary: boolean }[] }).sheets.map(
        (s) => `${s.quarter}${s.preliminary ? " (preliminary)" : ""}`
      );
    expect(quarters(finished.outcome).at(-1)).toBe("2026Q3");
    const running = await report({ allQuarters: true, preliminary: true });
    expect(quarters(running.outcome).slice(-2)).toEqual(["2026Q3", "2026Q4 (preliminary)"]);
  });

  it("--year writes the annual SAI table; an unfinished fiscal year needs --preliminary", async () => {
    const refused = await report({ year: "2026" });
    expect(refused.outcome.exitCode).toBe(2);
    expect(refused.outcome.lines.join("\n")).toContain("FY2026 has not ended on 2026-11-28");
    const { outcome, out } = await report({ year: "2025" });
    expect(outcome.exitCode).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.getWorksheet("12b-1 SAI FY2025")).toBeDefined();
  });
});

describe("whole-sheet NetAssets tables", () => {
  it("finds the first NAV date of 1,048,575 rows without overflowing the stack (Math.min(...rows) did)", () => {
    const rows = Array.from({ length: 1_048_575 }, (_, i) => ({ date: 20_000 + (i % 5000) }));
    rows[777_777] = { date: 19_999 };
    expect(firstDate(rows)).toBe(19_999);
    expect(firstDate([])).toBeNull();
  });
});
