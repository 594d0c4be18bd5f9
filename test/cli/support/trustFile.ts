/**
 * Small trust workbooks for the runner's tests, written to a temp directory
 * through the same table writer `init` uses: the two-portfolio Q3 2026 trust
 * of test/engine/evaluatePlan.test.ts, plus knobs to break it.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { day, serialFromDay, weekday } from "../../../src/engine/calendar";
import type { CellValue } from "../../../src/workbook/cells";
import { type TableName, tableSpec } from "../../../src/workbook/schema";
import { writePlanTables } from "../../../src/cli/xlsx/writeTables";
import { saveWorkbook } from "../../../src/cli/xlsx/workbookFile";

export type Row = Record<string, CellValue>;
const s = (iso: string) => serialFromDay(day(iso));

export function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "rule12b1-"));
}

function navs(portfolio: string, from: string, to: string, netAssets: number): Row[] {
  const rows: Row[] = [];
  for (let d = day(from); d <= day(to); d += 1)
    if (weekday(d) !== 0 && weekday(d) !== 6)
      rows.push({ Date: serialFromDay(d), Portfolio: portfolio, "Class B net assets": netAssets });
  return rows;
}

/** Growth 73,000,000 at 0.25% (500.00 a day) and Income 36,500,000 at 0.20% Actual/365 (200.00 a day), Q3 2026. */
export function smallTrust(): Record<TableName, Row[]> {
  return {
    Portfolios: [
      { Portfolio: "Growth" },
      { Portfolio: "Income", "Day count": "Actual/365", "NAV timing": "Same day" },
    ],
    Rates: [
      {
        Portfolio: "Growth",
        Effective: s("2025-08-15"),
        "Annual rate": 0.0025,
        "Board approval": s("2025-08-15"),
      },
      {
        Portfolio: "Income",
        Effective: s("2025-08-15"),
        "Annual rate": 0.002,
        "Board approval": s("2025-08-15"),
      },
    ],
    Governance: [
      {
        Date: s("2025-08-15"),
        Action: "Approval",
        Portfolio: "All",
        "Trustees for": 7,
        "Trustees total": 9,
        "Independent for": 5,
        "Independent total": 6,
        "In person": "Yes",
      },
      {
        Date: s("2026-08-01"),
        Action: "Termination",
        Portfolio: "Income",
        "Independent for": 4,
        "Independent total": 6,
      },
    ],
    Agreements: [
      {
        Agreement: '=HYPERLINK("http://x")',
        Counterparty: "+Broker",
        Portfolio: "All",
        "In writing": "Yes",
        "Notice days": 60,
      },
    ],
    Expenditures: [
      {
        Date: s("2026-07-15"),
        Portfolio: "Growth",
        Category: "c",
        Amount: 1200,
        Payee: "@Broker A",
        Description: "-commission",
      },
      {
        Date: s("2026-08-01"),
        Portfolio: "Growth",
        Category: "(d)",
        Amount: 300,
        Payee: "Printer",
      },
      {
        Date: s("2026-08-03"),
        Portfolio: "Income",
        Category: "i",
        Amount: 450.25,
        Payee: "Servicer",
      },
    ],
    Payments: [
      { Date: s("2026-08-05"), Portfolio: "Growth", Amount: 15500, Reference: "July" },
      { Date: s("2026-09-04"), Portfolio: "Growth", Amount: 7000, Reference: "August" },
    ],
    Reviews: [],
    Accounts: [],
    PostedJournals: [],
    NetAssets: [
      ...navs("Growth", "2026-06-29", "2026-09-30", 73_000_000),
      ...navs("Income", "2026-06-29", "2026-09-30", 36_500_000),
    ],
  };
}

export interface TrustOptions {
  /** Tables to leave out. */
  drop?: TableName[];
  /** Header renames, e.g. { "Class B net assets": "Net assets" } for NetAssets. */
  rename?: Partial<Record<TableName, Record<string, string>>>;
  /** Change the rows before writing. */
  edit?: (rows: Record<TableName, Row[]>) => void;
  /** Change the ExcelJS workbook before saving. */
  workbook?: (workbook: ExcelJS.Workbook) => void;
  date1904?: boolean;
}

/** Writes the small trust (or a broken variant) to `dir/name` and returns its path. */
export async function writeTrust(
  dir: string,
  name = "trust.xlsx",
  options: TrustOptions = {}
): Promise<string> {
  const rows = smallTrust();
  options.edit?.(rows);
  const workbook = new ExcelJS.Workbook();
  if (options.date1904) workbook.properties.date1904 = true;
  const shift = options.date1904 ? -1462 : 0;
  const arrays = Object.fromEntries(
    (Object.keys(rows) as TableName[]).map((name) => [
      name,
      rows[name].map((row) =>
        tableSpec(name).columns.map((c) =>
          c.kind === "date" && typeof row[c.header] === "number"
            ? (row[c.header] as number) + shift
            : (row[c.header] ?? null)
        )
      ),
    ])
  ) as Record<TableName, CellValue[][]>;
  writePlanTables(workbook, arrays);
  for (const name of options.drop ?? []) {
    const sheet = workbook.getWorksheet(tableSpec(name).sheet)!;
    sheet.removeTable(name);
  }
  for (const [name, renames] of Object.entries(options.rename ?? {}) as [
    TableName,
    Record<string, string>,
  ][]) {
    const table = workbook.getWorksheet(tableSpec(name).sheet)!.getTable(name) as unknown as {
      table: { columns: { name: string }[]; tl: { row: number; col: number } };
    };
    table.table.columns.forEach((column, index) => {
      const renamed = renames[column.name];
      if (renamed) {
        column.name = renamed;
        workbook
          .getWorksheet(tableSpec(name).sheet)!
          .getCell(table.table.tl.row, table.table.tl.col + index).value = renamed;
      }
    });
  }
  options.workbook?.(workbook);
  const file = path.join(dir, name);
  await saveWorkbook(workbook, file);
  return file;
}
