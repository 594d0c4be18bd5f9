/**
 * The bad-input corpus (issue 6): one small .xlsx per way a fund
 * accountant's workbook goes wrong, generated from a clean one-portfolio
 * trust so no binary needs review. test/hardening/corpus.test.ts generates it
 * into a temp dir and runs every case through the engine, the functions and
 * the runner; `npx tsx scripts/makeFixtures.ts DIR` writes it for a person to
 * open. The bytes are deterministic (fixed timestamps), so two runs agree.
 *
 * Every workbook is the same trust: Growth, 73,000,000 of Class B net assets
 * on every weekday of Q3 2026 (NetAssets rows 1–66), 0.25% approved on
 * 2025-08-15, continued 2026-08-01, one expenditure, each month paid. Each case
 * breaks one thing; `row` numbers below are NetAssets data rows (sheet row =
 * row + 1).
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { day, serialFromDay, weekday } from "../src/engine/calendar";
import { saveWorkbook } from "../src/cli/xlsx/workbookFile";
import { writePlanTables } from "../src/cli/xlsx/writeTables";
import type { CellValue } from "../src/workbook/cells";
import { type TableName, tableSpec } from "../src/workbook/schema";

export type Row = Record<string, CellValue>;
export type Trust = Record<TableName, Row[]>;

const FIXED = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));
const s = (iso: string) => serialFromDay(day(iso));

/** The clean trust every case starts from. */
export function cleanTrust(): Trust {
  const navs: Row[] = [];
  for (let d = day("2026-06-30"); d <= day("2026-09-30"); d += 1) {
    if (weekday(d) !== 0 && weekday(d) !== 6)
      navs.push({ Date: serialFromDay(d), Portfolio: "Growth", "Class B net assets": 73_000_000 });
  }
  return {
    Portfolios: [{ Portfolio: "Growth" }],
    Rates: [
      {
        Portfolio: "Growth",
        Effective: s("2025-08-15"),
        "Annual rate": 0.0025,
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
        Action: "Continuance",
        Portfolio: "All",
        "Trustees for": 7,
        "Trustees total": 9,
        "Independent for": 5,
        "Independent total": 6,
        "In person": "Yes",
      },
    ],
    // Broker A is paid in category (c), so it needs an agreement in force (Plan §7), approved with the plan (§3).
    Agreements: [
      {
        Agreement: "Selling agreement",
        Counterparty: "Broker A",
        Portfolio: "Growth",
        Approved: s("2025-08-15"),
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
        Payee: "Broker A",
        Description: "commission",
      },
    ],
    Payments: [
      { Date: s("2026-08-05"), Portfolio: "Growth", Amount: 15500, Reference: "July" },
      { Date: s("2026-09-04"), Portfolio: "Growth", Amount: 15500, Reference: "August" },
      { Date: s("2026-10-05"), Portfolio: "Growth", Amount: 15000, Reference: "September" },
    ],
    Reviews: [],
    Accounts: [],
    PostedJournals: [],
    NetAssets: navs,
  };
}

export interface FixtureCase {
  name: string;
  /** What is wrong, in the accountant's words. */
  what: string;
  edit?: (trust: Trust) => void;
  /** Change the ExcelJS workbook after the tables are written (merges, hidden rows, formulas, headers). */
  workbook?: (workbook: ExcelJS.Workbook) => void;
  date1904?: boolean;
}

const nav = (trust: Trust, row: number) => trust.NetAssets[row - 1]!;
const navCell = (workbook: ExcelJS.Workbook, row: number, column: number) =>
  workbook.getWorksheet("Net Assets")!.getCell(row + 1, column);

/** The corpus, one case per entry. */
export const CORPUS: FixtureCase[] = [
  { name: "clean", what: "nothing wrong (the twin the usable cases are compared with)" },
  {
    name: "blank-nav",
    what: "a blank Class B net assets cell in NetAssets row 3",
    edit: (t) => void (nav(t, 3)["Class B net assets"] = null),
  },
  {
    name: "text-in-number",
    what: 'net assets typed as text "73,000,000.00" in row 3',
    edit: (t) => void (nav(t, 3)["Class B net assets"] = "73,000,000.00"),
  },
  {
    name: "error-value",
    what: "#N/A in the net assets of row 3",
    edit: (t) => void (nav(t, 3)["Class B net assets"] = { error: "#N/A" }),
  },
  {
    name: "negative-nav",
    what: "negative net assets in row 3",
    edit: (t) => void (nav(t, 3)["Class B net assets"] = -73_000_000),
  },
  {
    name: "zero-nav",
    what: "zero net assets in row 3 (allowed: a class with no shareholders yet)",
    edit: (t) => void (nav(t, 3)["Class B net assets"] = 0),
  },
  {
    name: "duplicate-date",
    what: "row 4 repeats the date of row 3",
    edit: (t) => void (nav(t, 4).Date = nav(t, 3).Date),
  },
  {
    name: "unsorted-dates",
    what: "rows 3 and 4 swapped",
    edit: (t) => {
      const [a, b] = [nav(t, 3).Date, nav(t, 4).Date];
      nav(t, 3).Date = b;
      nav(t, 4).Date = a;
    },
  },
  {
    name: "date-as-text",
    what: 'the date of row 3 typed as text "07/02/2026"',
    edit: (t) => void (nav(t, 3).Date = "07/02/2026"),
  },
  {
    name: "iso-date-text",
    what: 'the date of row 3 typed as ISO text "2026-07-02" (allowed: unambiguous)',
    edit: (t) => void (nav(t, 3).Date = "2026-07-02"),
  },
  {
    name: "serial-60",
    what: "the 1900 leap-day serial 60 (29 Feb 1900, which never existed) as the date of row 1",
    edit: (t) => void (nav(t, 1).Date = 60),
  },
  {
    name: "date-1904",
    what: "the same trust in a 1904-date-system workbook (usable: same figures)",
    date1904: true,
  },
  {
    name: "rate-as-50",
    what: "the annual rate typed as 50 instead of 0.50%",
    edit: (t) => void (t.Rates[0]!["Annual rate"] = 50),
  },
  {
    name: "rate-above-cap",
    what: "an annual rate of 0.75%, above the 0.50% maximum (usable; a compliance error)",
    edit: (t) => void (t.Rates[0]!["Annual rate"] = 0.0075),
  },
  {
    name: "unknown-portfolio",
    what: 'NetAssets row 3 for portfolio "Gowth", not in Portfolios (usable; a compliance error)',
    edit: (t) => void (nav(t, 3).Portfolio = "Gowth"),
  },
  {
    name: "unknown-category",
    what: 'an expenditure in category "z", outside Plan §2 (a)–(i) (usable; a compliance error)',
    edit: (t) => void (t.Expenditures[0]!.Category = "z"),
  },
  {
    name: "merged-cells",
    what: "cells A4:A5 of the NetAssets table merged",
    workbook: (wb) => wb.getWorksheet("Net Assets")!.mergeCells("A4:A5"),
  },
  {
    name: "hidden-rows",
    what: "NetAssets rows 3–5 hidden (usable: hidden rows are data, read like any other — a filter never changes the figures)",
    workbook: (wb) =>
      [4, 5, 6].forEach((r) => void (wb.getWorksheet("Net Assets")!.getRow(r).hidden = true)),
  },
  {
    name: "renamed-header",
    what: 'the header "Class B net assets" renamed "Net assets"',
    workbook: (wb) => {
      const table = wb.getWorksheet("Net Assets")!.getTable("NetAssets") as unknown as {
        table: { columns: { name: string }[] };
      };
      table.table.columns[2]!.name = "Net assets";
      wb.getWorksheet("Net Assets")!.getCell(1, 3).value = "Net assets";
    },
  },
  {
    name: "formula-with-result",
    what: "net assets of rows 1–66 as formulas (=73000000*1) with the value Excel last calculated cached (usable: the cached value is read)",
    workbook: (wb) => {
      for (let row = 1; row <= 66; row += 1)
        navCell(wb, row, 3).value = {
          formula: "73000000*1",
          result: 73_000_000,
        } as ExcelJS.CellFormulaValue;
    },
  },
  {
    name: "formula-without-result",
    what: "the net assets of row 3 a formula no program has calculated (no cached value)",
    workbook: (wb) =>
      void (navCell(wb, 3, 3).value = { formula: "73000000*1" } as ExcelJS.CellFormulaValue),
  },
];

/** Builds the workbook of one case. */
export function fixtureWorkbook(fixture: FixtureCase): ExcelJS.Workbook {
  const trust = cleanTrust();
  fixture.edit?.(trust);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "rule12b1 scripts/makeFixtures.ts";
  workbook.created = FIXED;
  workbook.modified = FIXED;
  if (fixture.date1904) workbook.properties.date1904 = true;
  const shift = fixture.date1904 ? -1462 : 0;
  const arrays = Object.fromEntries(
    (Object.keys(trust) as TableName[]).map((name) => [
      name,
      trust[name].map((row) =>
        tableSpec(name).columns.map((c) =>
          c.kind === "date" && typeof row[c.header] === "number"
            ? (row[c.header] as number) + shift
            : (row[c.header] ?? null)
        )
      ),
    ])
  ) as Record<TableName, CellValue[][]>;
  writePlanTables(workbook, arrays);
  fixture.workbook?.(workbook);
  return workbook;
}

/** Writes every case (or `only`) as DIR/<name>.xlsx; returns the files. */
export async function makeFixtures(
  dir: string,
  only: readonly FixtureCase[] = CORPUS
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const fixture of only) {
    const file = path.join(dir, `${fixture.name}.xlsx`);
    await saveWorkbook(fixtureWorkbook(fixture), file, [], { entryDate: FIXED });
    files.set(fixture.name, file);
  }
  return files;
}

if (process.argv[1] && /makeFixtures\.ts$/.test(process.argv[1])) {
  const dir = process.argv[2] ?? "test/fixtures/corpus";
  void makeFixtures(dir).then((files) => console.log(`Wrote ${files.size} workbooks to ${dir}.`));
}
