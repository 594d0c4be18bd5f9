/**
 * Issue 22 item 6: `report` must grow linearly in portfolios, as it does in
 * NAV rows (it took 7 s for 500 portfolios, 35 s for 1,000 and 114 s for
 * 2,000: the layout rescanned every cell once per exception row). A trust of
 * N portfolios, each with one quarter of weekday NAVs (2026 Q3), a rate, an
 * approval and an expenditure; one Mid Cap-like portfolio in five has no
 * agreement for its payee, so the exception list grows with N too. The
 * report runs in this process (as `run` does for the CLI) and is timed once
 * per size; the column that matters is seconds per 1,000 portfolios, which
 * stays flat when the work is linear.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { day, serialFromDay, weekday } from "../src/engine/calendar";
import { run } from "../src/cli/run";
import { writePlanTables } from "../src/cli/xlsx/writeTables";
import type { CellValue } from "../src/workbook/cells";
import { tableSpec, type TableName } from "../src/workbook/schema";

const SIZES = [1_000, 2_500, 10_000];
const FIRST = day("2026-06-30");
const LAST = day("2026-09-30");

function rows(name: TableName, records: Record<string, CellValue>[]): CellValue[][] {
  return records.map((record) =>
    tableSpec(name).columns.map((column) => record[column.header] ?? null)
  );
}

/** Writes a trust of `count` portfolios; returns its NAV row count. */
export async function writeManyPortfolios(file: string, count: number): Promise<number> {
  const serial = (d: number) => serialFromDay(d);
  const names = Array.from(
    { length: count },
    (_, i) => `Portfolio ${String(i + 1).padStart(5, "0")}`
  );
  const netAssets: Record<string, CellValue>[] = [];
  names.forEach((portfolio, i) => {
    for (let d = FIRST; d <= LAST; d += 1)
      if (weekday(d) !== 0 && weekday(d) !== 6)
        netAssets.push({
          Date: serial(d),
          Portfolio: portfolio,
          "Class B net assets": 50_000_000 + i * 1_000,
        });
  });
  const workbook = new ExcelJS.Workbook();
  writePlanTables(workbook, {
    Portfolios: rows(
      "Portfolios",
      names.map((portfolio) => ({ Portfolio: portfolio }))
    ),
    Rates: rows(
      "Rates",
      names.map((portfolio) => ({
        Portfolio: portfolio,
        Effective: serial(day("2026-01-02")),
        "Annual rate": 0.0025,
        "Board approval": serial(day("2026-01-02")),
      }))
    ),
    Governance: rows("Governance", [
      {
        Date: serial(day("2026-01-02")),
        Action: "Approval",
        Portfolio: "All",
        "Trustees for": 8,
        "Trustees total": 9,
        "Independent for": 6,
        "Independent total": 6,
        "In person": "Yes",
      },
    ]),
    Agreements: rows("Agreements", [
      {
        Agreement: "Class B Distribution Agreement",
        Counterparty: "Acme Fund Distributors, Inc.",
        Portfolio: "All",
        Approved: serial(day("2026-01-02")),
        "In writing": "Yes",
        "Notice days": 60,
      },
    ]),
    Expenditures: rows(
      "Expenditures",
      names.map((portfolio, i) => ({
        Date: serial(day("2026-08-14")),
        Portfolio: portfolio,
        Category: "abcdefghi"[i % 9]!,
        Amount: 1_000 + (i % 97),
        // One in five is paid to a broker with no agreement: a finding per such portfolio.
        Payee: i % 5 === 0 ? "Northwind Brokerage" : "Acme Fund Distributors, Inc.",
      }))
    ),
    NetAssets: rows("NetAssets", netAssets),
  });
  await workbook.xlsx.writeFile(file);
  return netAssets.length;
}

/** The table of report times by portfolio count. */
export async function portfolioBenchmarks(sizes: readonly number[] = SIZES): Promise<string> {
  const dir = path.resolve(".tmp/bench-portfolios");
  mkdirSync(dir, { recursive: true });
  const lines = [
    "## (8) `report` by number of portfolios (issue 22 item 6: linear, not quadratic)",
    "",
    "| portfolios | NAV rows | report seconds | seconds per 1,000 portfolios | exceptions listed | exit code |",
    "|---:|---:|---:|---:|---:|---:|",
  ];
  for (const count of sizes) {
    const file = path.join(dir, `trust-${count}.xlsx`);
    const navRows = await writeManyPortfolios(file, count);
    const started = performance.now();
    const outcome = await run({
      command: "report",
      file,
      out: path.join(dir, `report-${count}.xlsx`),
      quarter: "2026Q3",
      asOf: "2026-11-28",
      preparedAt: "2026-11-28 09:00 UTC",
    });
    const seconds = (performance.now() - started) / 1000;
    const data = outcome.data as { sheets?: { exceptions: number }[] } | undefined;
    lines.push(
      `| ${count.toLocaleString("en-US")} | ${navRows.toLocaleString("en-US")} | ${seconds.toFixed(1)} | ${((seconds * 1000) / count).toFixed(2)} | ${(data?.sheets?.[0]?.exceptions ?? 0).toLocaleString("en-US")} | ${outcome.exitCode} |`
    );
  }
  return lines.join("\n");
}
