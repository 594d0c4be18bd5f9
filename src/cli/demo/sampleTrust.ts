/**
 * The demo's sample trust: five portfolios, business-day NAVs from the end of
 * 2022 to November 2026, rates, governance, agreements, expenditures and
 * payments — seeded, so every run writes the same workbook — with something
 * for every check to find:
 * - Growth: a rate rise mid-quarter (17 Aug 2026) with shareholder approval (Plan §8).
 * - Income: a reimbursement plan spending more than the fee → carryforward; one payment off by $250.
 * - Mid Cap: .50% on Actual/365 — over the cap in leap-year 2024 — and prior-day NAVs in a
 *   falling market (Aug–Sep 2026) against a same-day cap: a breach in 2026 Q3.
 * - International: continuance missed in June 2025 → plan lapsed until re-approved in September.
 * - Small Cap: terminated by a §2(a)(42) vote of its Class B holders on 15 May 2026; paid quarterly.
 * - Agreements: a selling agreement on 90 days' notice (Plan §7(a): at most 60), a servicing
 *   agreement still active after its assignment (Plan §7(b)).
 */
import { type Day, day, serialFromDay } from "../../engine/calendar";
import { evaluatePlan } from "../../engine/evaluatePlan";
import type { CellValue } from "../../workbook/cells";
import { readPlan, type TableData } from "../../workbook/readPlan";
import { TABLES, type TableName, tableSpec } from "../../workbook/schema";
import { businessDays } from "./marketHolidays";
import { type Random, seededRandom } from "./seededRandom";

export type Row = Record<string, CellValue>;
export type SampleRows = Record<TableName, Row[]>;

export const SAMPLE_SEED = 20261128;
/** The demo's fixed report date: its figures do not depend on the day it is run. */
export const SAMPLE_AS_OF = "2026-11-28";

const s = (iso: string) => serialFromDay(day(iso));
const cents = (value: number) => Math.round(value * 100) / 100;

const PORTFOLIOS: Row[] = [
  { Portfolio: "Growth Portfolio", "Plan effective": s("2022-06-15") },
  {
    Portfolio: "Income Portfolio",
    "Plan effective": s("2022-06-15"),
    "Plan type": "Reimbursement",
  },
  { Portfolio: "Mid Cap Portfolio", "Plan effective": s("2022-06-15"), "Day count": "Actual/365" },
  {
    Portfolio: "International Portfolio",
    "Plan effective": s("2022-06-15"),
    "Weekend booking": "Catch-up",
    Rounding: "Daily",
  },
  { Portfolio: "Small Cap Portfolio", "Plan effective": s("2022-06-15"), Payment: "Quarterly" },
];

const board = {
  "Trustees for": 8,
  "Trustees total": 9,
  "Independent for": 6,
  "Independent total": 6,
  "In person": "Yes",
};

function rates(): Row[] {
  const row = (
    portfolio: string,
    effective: string,
    rate: number,
    approval: string,
    shareholders?: string
  ): Row => ({
    Portfolio: portfolio,
    Effective: s(effective),
    "Annual rate": rate,
    "Board approval": s(approval),
    ...(shareholders ? { "Shareholder approval": s(shareholders) } : {}),
  });
  return [
    row("Growth Portfolio", "2022-06-15", 0.0025, "2022-06-15"),
    row("Growth Portfolio", "2026-08-17", 0.0035, "2026-08-05", "2026-08-12"),
    row("Income Portfolio", "2022-06-15", 0.0025, "2022-06-15"),
    row("Mid Cap Portfolio", "2022-06-15", 0.005, "2022-06-15"),
    row("International Portfolio", "2022-06-15", 0.0025, "2022-06-15"),
    row("Small Cap Portfolio", "2022-06-15", 0.0025, "2022-06-15"),
  ];
}

function governance(): Row[] {
  const vote = (date: string, action: string, portfolio: string, extra: Row = board): Row => ({
    Date: s(date),
    Action: action,
    Portfolio: portfolio,
    ...extra,
  });
  const continuing = [
    "Growth Portfolio",
    "Income Portfolio",
    "Mid Cap Portfolio",
    "Small Cap Portfolio",
  ];
  return [
    vote("2022-06-15", "Approval", "All"),
    vote("2023-06-14", "Continuance", "All"),
    vote("2024-06-12", "Continuance", "All"),
    // June 2025: International was left off the continuance by mistake → lapsed 12 Jun 2025.
    ...continuing.map((p) => vote("2025-06-11", "Continuance", p)),
    vote("2025-09-18", "Approval", "International Portfolio"),
    vote("2026-05-15", "Termination", "Small Cap Portfolio", {
      "Shares for": 6_100_000,
      "Shares present": 8_000_000,
      "Shares outstanding": 12_000_000,
    }),
    vote("2026-06-10", "Continuance", "All"),
    vote("2026-08-05", "Amendment", "Growth Portfolio"),
  ];
}

const AGREEMENTS: Row[] = [
  {
    Agreement: "Class B Distribution Agreement",
    Counterparty: "Acme Fund Distributors, Inc.",
    Portfolio: "All",
    Approved: s("2022-06-15"),
    "In writing": "Yes",
    "Notice days": 60,
  },
  {
    Agreement: "Selling Agreement",
    Counterparty: "Summit Securities LLC",
    Portfolio: "Growth Portfolio",
    Approved: s("2023-03-08"),
    "In writing": "Yes",
    "Notice days": 90,
  },
  {
    Agreement: "Contract Owner Servicing Agreement",
    Counterparty: "Harbor Life Insurance Co.",
    Portfolio: "All",
    Approved: s("2022-09-14"),
    "In writing": "Yes",
    "Notice days": 30,
    Assigned: s("2026-03-31"),
  },
];

const PAYEES: Record<string, [string, string][]> = {
  a: [["Acme Fund Distributors, Inc.", "Wholesaler salaries and telephone, allocated"]],
  b: [["Lakeside Printing Co.", "Prospectus and SAI printing for prospective contract buyers"]],
  c: [
    ["Summit Securities LLC", "Broker-dealer distribution payments"],
    ["Harbor Life Insurance Co.", "Intermediary distribution compensation"],
  ],
  d: [["Brightline Creative", "Sales literature and Trust advertising"]],
  e: [["Grand Hotel Events", "Regional sales meeting"]],
  f: [
    [
      "Acme Fund Distributors, Inc.",
      "- Contract owner explanation mailing (leading dash kept as text)",
    ],
  ],
  g: [["Learning Path LLC", "Wholesaler training on Class B features"]],
  h: [["Harbor Life Insurance Co.", "Sales personnel allocation compensation"]],
  i: [["=Harbor Life Service Center", "Contract account maintenance (payee typed with '=')"]],
};

function expenditures(random: Random): Row[] {
  const rows: Row[] = [];
  const scale: Record<string, number> = {
    "Growth Portfolio": 1.6,
    "Income Portfolio": 1.3,
    "Mid Cap Portfolio": 0.6,
    "International Portfolio": 0.8,
    "Small Cap Portfolio": 0.3,
  };
  for (let year = 2023; year <= 2026; year += 1) {
    for (let quarter = 1; quarter <= 4; quarter += 1) {
      if (year === 2026 && quarter === 4) break;
      for (const portfolio of Object.keys(scale)) {
        if (portfolio === "Small Cap Portfolio" && (year > 2026 || (year === 2026 && quarter > 2)))
          continue;
        for (const letter of "abcdefghi") {
          if (random.next() < 0.25) continue;
          const month = (quarter - 1) * 3 + random.between(1, 3);
          const [payee, description] =
            PAYEES[letter]![random.between(0, PAYEES[letter]!.length - 1)]!;
          const amount = cents(
            (2_000 + random.next() * 38_000) * scale[portfolio]! * (letter === "c" ? 3 : 1)
          );
          rows.push({
            Date: s(
              `${year}-${String(month).padStart(2, "0")}-${String(random.between(3, 26)).padStart(2, "0")}`
            ),
            Portfolio: portfolio,
            Category: letter,
            Amount: amount,
            Payee: payee,
            Description: description,
          });
        }
      }
    }
  }
  // Every category has an amount in the report quarter for Growth, so the chart has nine bars.
  for (const letter of "abcdefghi") {
    const [payee, description] = PAYEES[letter]![0]!;
    rows.push({
      Date: s("2026-09-15"),
      Portfolio: "Growth Portfolio",
      Category: letter,
      Amount: cents(1_500 + random.next() * 9_000),
      Payee: payee,
      Description: description,
    });
  }
  return rows.sort((a, b) => (a.Date as number) - (b.Date as number));
}

function netAssets(random: Random): Row[] {
  const start: Record<string, number> = {
    "Growth Portfolio": 412_000_000,
    "Income Portfolio": 188_000_000,
    "Mid Cap Portfolio": 95_000_000,
    "International Portfolio": 140_000_000,
    "Small Cap Portfolio": 61_000_000,
  };
  const days = businessDays(day("2022-12-30"), day("2026-11-27"));
  const rows: Row[] = [];
  for (const [portfolio, first] of Object.entries(start)) {
    let level = first;
    for (const d of days) {
      const falling =
        portfolio === "Mid Cap Portfolio" && d >= day("2026-08-03") && d <= day("2026-09-25");
      level *= 1 + (falling ? -0.0045 : 0.00025) + random.normal() * (falling ? 0.002 : 0.007);
      rows.push({
        Date: serialFromDay(d),
        Portfolio: portfolio,
        "Class B net assets": cents(level),
      });
    }
  }
  return rows;
}

function arrays(name: TableName, rows: Row[]): CellValue[][] {
  return rows.map((row) => tableSpec(name).columns.map((c) => row[c.header] ?? null));
}

function tableData(rows: SampleRows): TableData[] {
  return TABLES.map((spec) => ({
    sheet: spec.sheet,
    name: spec.name,
    headers: spec.columns.map((c) => c.header),
    rows: arrays(spec.name, rows[spec.name]),
  }));
}

/** Payments of every settled period, paid on the fifth business day after it; Income's August 2026 is $250 short. */
function payments(rows: SampleRows, asOf: Day): Row[] {
  const read = readPlan({ tables: tableData(rows), dateSystem: "1900" });
  const evaluation = evaluatePlan(read.plan, { asOf });
  const out: Row[] = [];
  const paydays = businessDays(day("2023-01-01"), asOf);
  for (const portfolio of evaluation.portfolios) {
    for (const settlement of portfolio.payable?.settlements ?? []) {
      const payday = paydays.filter((d) => d > settlement.period.end)[4];
      if (payday === undefined || payday > asOf || settlement.due.isZero()) continue;
      const short =
        portfolio.settings.portfolio === "Income Portfolio" && settlement.period.label === "2026-08"
          ? 250
          : 0;
      out.push({
        Date: serialFromDay(payday),
        Portfolio: portfolio.settings.portfolio,
        Amount: cents(settlement.due.toNumber() - short),
        Reference: `Wire ${settlement.period.label}`,
      });
    }
  }
  return out.sort((a, b) => (a.Date as number) - (b.Date as number));
}

/**
 * The sample trust as rows per table (cells in schema column order; dates as 1900-system serials).
 *
 * `sampleTrust().NetAssets.length` → about 5 × 980 business days.
 */
export function sampleTrust(seed = SAMPLE_SEED): Record<TableName, CellValue[][]> {
  const random = seededRandom(seed);
  const rows: SampleRows = {
    Portfolios: PORTFOLIOS,
    Rates: rates(),
    Governance: governance(),
    Agreements: AGREEMENTS,
    Expenditures: expenditures(random),
    Payments: [],
    Reviews: [
      {
        Quarter: "2026Q2",
        "Prepared by": "J. Alvarez, Assistant Treasurer",
        "Reviewed by": "M. Chen, Treasurer",
        "Board review": s("2026-09-16"),
      },
      {
        Quarter: "2026Q3",
        "Prepared by": "J. Alvarez, Assistant Treasurer",
        "Reviewed by": "M. Chen, Treasurer",
      },
    ],
    NetAssets: netAssets(random),
  };
  rows.Payments = payments(rows, day(SAMPLE_AS_OF));
  return Object.fromEntries(
    TABLES.map((spec) => [spec.name, arrays(spec.name, rows[spec.name])])
  ) as Record<TableName, CellValue[][]>;
}
