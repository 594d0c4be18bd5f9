/**
 * Every command on a NetAssets table that fills a whole worksheet (1,048,575
 * NAV rows under its header), as a person runs the built CLI: each step in
 * its own process, figures computed by hand from the trust's constant net
 * assets. Slow by nature (two to three minutes in all); benchmark (6) times
 * the first three steps.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { builtCli } from "./support/builtCli";
import { tempDir } from "./support/trustFile";
import { LAST_ROW, writeWholeSheetTrust } from "./support/wholeSheetTrust";

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [builtCli(), ...args, "--as-of", "2026-11-28", "--json"], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });

interface PortfolioFigures {
  portfolio: string;
  navRows: number;
  daysAccrued: number;
  feesAccrued: number;
}

describe("a NetAssets table filling the whole sheet", () => {
  it("check, accrue (twice) and report each finish with the figures of the small trust's rules", async () => {
    const dir = tempDir();
    const file = await writeWholeSheetTrust(dir);
    const navRows = LAST_ROW - 1;
    expect(navRows).toBe(1_048_575);

    const check = cli("check", file);
    expect(check.stderr).toBe("");
    expect(check.status).toBe(1);
    const findings = (
      JSON.parse(check.stdout) as { exceptions: { rule: string; portfolio: string }[] }
    ).exceptions;
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: "plan-lapsed", portfolio: "Growth" })
    );
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: "termination", portfolio: "Income" })
    );

    const accrued = path.join(dir, "accrued.xlsx");
    const accrue = cli("accrue", file, "-o", accrued);
    expect(accrue.stderr).toBe("");
    expect(accrue.status).toBe(0);
    const accrual = JSON.parse(accrue.stdout) as { rows: number; portfolios: PortfolioFigures[] };
    expect(accrual.rows).toBe(navRows);
    // Growth takes the first half of the rows, Income the rest.
    // Growth: 0.25% of 73,000,000 a year is 500.00 a day, in effect from the approval on
    // 2025-08-15 until the plan lapses a year later (last day 2026-08-14): 365 days, 182,500.00.
    // Income: 0.20% Actual/365 of 36,500,000 is 200.00 a day, 2025-08-15 to its termination on
    // 2026-08-01 (last day 2026-07-31): 17 + 30 + 31 + 30 + 31 days in 2025 and 212 in 2026,
    // 351 days, 70,200.00.
    expect(accrual.portfolios).toEqual([
      expect.objectContaining({
        portfolio: "Growth",
        navRows: 524_287,
        daysAccrued: 365,
        feesAccrued: 182_500,
      }),
      expect.objectContaining({
        portfolio: "Income",
        navRows: 524_288,
        daysAccrued: 351,
        feesAccrued: 70_200,
      }),
    ]);

    // The accrued NAV sheet is past 512 MiB of XML (the fourth column): what the next steps read back.
    const written = await XlsxPackage.read(readFileSync(accrued));
    const navPart = written.sheets().find((s) => s.name === "Net Assets")!.part;
    expect(written.size(navPart)!).toBeGreaterThan(512 * 1_048_576);

    // Accrue again, in place, as a daily run does: the accrual columns are rewritten, not added.
    const again = cli("accrue", accrued, "--in-place");
    expect(again.stderr).toBe("");
    expect(again.status).toBe(0);
    expect((JSON.parse(again.stdout) as { portfolios: PortfolioFigures[] }).portfolios).toEqual(
      accrual.portfolios
    );

    const report = cli(
      "report",
      accrued,
      "--quarter",
      "2026Q3",
      "-o",
      path.join(dir, "report.xlsx")
    );
    expect(report.stderr).toBe("");
    expect(report.status).toBe(0);
    // 2026 Q3: Growth 1 July to 14 August, 45 days × 500.00; Income July, 31 days × 200.00.
    expect(JSON.parse(report.stdout).sheets[0]).toMatchObject({
      sheet: "12b-1 Report 2026-Q3",
      trust: { feesAccrued: 22_500 + 6_200 },
    });
  }, 900_000);
});
