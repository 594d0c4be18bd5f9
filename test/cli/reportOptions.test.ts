/**
 * `report`'s options hang together (SPEC §6): one of --quarter, --all-quarters
 * and --year; an unfinished or future quarter only with --preliminary; every
 * refusal is exit 2 with a sentence and nothing written.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { navSpan } from "../../src/cli/navHistory";
import { run } from "../../src/cli/run";
import { serialFromDay, day } from "../../src/engine/calendar";
import { tempDir, type TrustOptions, writeTrust } from "./support/trustFile";

async function report(options: Record<string, string | boolean>, trust: TrustOptions = {}) {
  const dir = tempDir();
  const input = await writeTrust(dir, "trust.xlsx", trust);
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

describe("report options bounded by the NAV history (issue 22)", () => {
  const sheetsOf = (outcome: { data: unknown }) =>
    (outcome.data as { sheets: { quarter: string }[] }).sheets.map((s) => s.quarter);

  it("--all-quarters writes a sheet only for quarters with NAV rows, not every quarter between", async () => {
    // The small trust's NAV runs 2026-06-29 to 2026-09-30 (2026Q2, 2026Q3); one more row per
    // portfolio on 2025-06-30 (2025Q2) leaves 2025Q3, 2025Q4 and 2026Q1 with none.
    const { outcome } = await report(
      { allQuarters: true },
      {
        edit: (rows) =>
          rows.NetAssets.unshift(
            {
              Date: serialFromDay(day("2025-06-30")),
              Portfolio: "Growth",
              "Class B net assets": 73_000_000,
            },
            {
              Date: serialFromDay(day("2025-06-30")),
              Portfolio: "Income",
              "Class B net assets": 36_500_000,
            }
          ),
      }
    );
    expect(outcome.exitCode).toBe(0);
    expect(sheetsOf(outcome)).toEqual(["2025Q2", "2026Q2", "2026Q3"]);
  });

  it.each([
    ["accrue", {}],
    ["check", {}],
    ["report", { allQuarters: true }],
    ["report", { quarter: "2026Q3" }],
  ] as const)(
    "%s with --as-of 9999-12-31 %o is refused in a sentence, nothing written (the last NAV row is 2026-09-30)",
    async (command, options) => {
      const dir = tempDir();
      const input = await writeTrust(dir);
      const out = path.join(dir, "out.xlsx");
      const started = Date.now();
      const outcome = await run({ command, file: input, out, asOf: "9999-12-31", ...options });
      expect(outcome.exitCode).toBe(2);
      expect(outcome.lines.join("\n")).toContain(
        "--as-of 9999-12-31 is more than a year after the last NAV row (2026-09-30), so every figure would speak for a time the workbook has no net assets for. Give an as-of date on or before 2027-09-30, or add the NAV rows up to it."
      );
      expect(existsSync(out)).toBe(false);
      expect(Date.now() - started).toBeLessThan(10_000);
    }
  );

  it("an as-of date exactly a year after the last NAV row is taken; the day after is not", async () => {
    const taken = await report({ quarter: "2026Q3", asOf: "2027-09-30" });
    expect(taken.outcome.exitCode).toBe(0);
    const refused = await report({ quarter: "2026Q3", asOf: "2027-10-01" });
    expect(refused.outcome.exitCode).toBe(2);
  });

  it.each(["0000", "0999", "1899"])("--year %s is not a year rule12b1 reports", async (year) => {
    const { outcome, written } = await report({ year });
    expect([outcome.exitCode, written]).toEqual([2, false]);
    expect(outcome.lines.join("\n")).toContain(
      `--year ${year}: give a year like 2026 (1900 or later).`
    );
  });
});

describe("whole-sheet NetAssets tables", () => {
  it("finds the first and last NAV dates of 1,048,575 rows without overflowing the stack (Math.min(...rows) did)", () => {
    const rows = Array.from({ length: 1_048_575 }, (_, i) => ({ date: 20_000 + (i % 5000) }));
    rows[777_777] = { date: 19_999 };
    rows[888_888] = { date: 25_001 };
    expect(navSpan(rows)).toEqual({ first: 19_999, last: 25_001 });
    expect(navSpan([])).toBeNull();
  });
});
