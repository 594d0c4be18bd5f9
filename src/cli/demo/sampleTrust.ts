/**
 * The demo's sample trust: five portfolios, business-day NAVs from the end of
 * 2022 to November 2026, rates, governance, agreements, expenditures and
 * payments — seeded, so every run writes the same workbook — with something
 * for every check to find, and every rate and agreement backed by a passing vote:
 * - Growth: the board raises the rate within .50% mid-quarter (.25% → .35% from 17 Aug 2026) by a
 *   Fee rate vote of 5 Aug 2026, no shareholder vote needed (Plan §1): accrued.
 * - Income: a reimbursement plan spending more than the fee → carryforward; one payment off by
 *   $250; a Max annual rate of .75% whose §8 Amendment failed its Class B vote (4,000,000 for of
 *   6,000,000 present, 10,000,000 outstanding): an error, and its ceiling stays .50% (Plan §8).
 * - Mid Cap: accrues on Actual/360 — 365/360 of its rate every day (366/360 in 2024). At .49%
 *   that stays within the .50% cap; the board's move to the full .50% from 1 Jul 2026 (at the
 *   June 2026 continuance) puts every day since over it, measured on the net assets the fee
 *   accrued on (Cap basis `As accrued`, the default): a real breach from July 2026, 2026 Q3
 *   included. Its falling market of Aug–Sep 2026 is no breach of its own on that measure (it would
 *   be on the stricter `Same day` basis). One broker paid with no agreement (Plan §7).
 * - International: continuance missed in June 2025 → plan lapsed until re-approved in September.
 * - Small Cap: terminated by a §2(a)(42) vote of its Class B holders on 15 May 2026; paid quarterly.
 * - Agreements: a selling agreement on 90 days' notice (Plan §7(a): at most 60), a servicing
 *   agreement still active after its assignment (Plan §7(b)); servicing is paid to the assignee
 *   only under its own agreement, approved at the June 2026 continuance.
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
    // Raised by an amendment whose Class B vote failed (see governance): the ceiling stays .50%.
    "Max annual rate": 0.0075,
    "Plan type": "Reimbursement",
  },
  // Actual/360: 365/360 of the rate every day, so .50% breaches the .50% cap (SPEC §2 "Daily fee").
  { Portfolio: "Mid Cap Portfolio", "Plan effective": s("2022-06-15"), "Day count": "Actual/360" },
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
    // A board rise within the .50% ceiling: its Fee rate vote is enough (Plan §1).
    row("Growth Portfolio", "2026-08-17", 0.0035, "2026-08-05"),
    row("Income Portfolio", "2022-06-15", 0.0025, "2022-06-15"),
    row("Mid Cap Portfolio", "2022-06-15", 0.0049, "2022-06-15"),
    // To the full .50% at the June 2026 continuance: on Actual/360 that is over the cap (365/360 × .50%).
    row("Mid Cap Portfolio", "2026-07-01", 0.005, "2026-06-10"),
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
    // Income's ceiling to .75%: the board voted for it, its Class B holders did not (DOMAIN §8 example).
    vote("2026-03-11", "Amendment", "Income Portfolio", {
      ...board,
      "Shares for": 4_000_000,
      "Shares present": 6_000_000,
      "Shares outstanding": 10_000_000,
      Notes: "Max annual rate to 0.75%",
    }),
    vote("2026-06-10", "Continuance", "All", {
      ...board,
      Notes: "Also approves the servicing agreement with the assignee",
    }),
    vote("2026-08-05", "Fee rate", "Growth Portfolio", {
      ...board,
      Notes: "Rate to 0.35% from 2026-08-17",
    }),
  ];
}

/** Approved with the plan on 15 Jun 2022 ("together with any related agreements", Plan §3) unless noted. */
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
    Approved: s("2022-06-15"),
    "In writing": "Yes",
    "Notice days": 90,
  },
  {
    Agreement: "Dealer Agreement",
    Counterparty: "Keystone Brokerage LLC",
    Portfolio: "All",
    Approved: s("2022-06-15"),
    "In writing": "Yes",
    "Notice days": 60,
  },
  {
    Agreement: "Contract Owner Servicing Agreement",
    Counterparty: "Harbor Life Insurance Co.",
    Portfolio: "All",
    Approved: s("2022-06-15"),
    "In writing": "Yes",
    "Notice days": 30,
    Assigned: s("2026-03-31"),
  },
  {
    Agreement: "Servicing Agreement (assignee)",
    Counterparty: "=Harbor Life Service Center",
    Portfolio: "All",
    Approved: s("2026-06-10"),
    "In writing": "Yes",
    "Notice days": 30,
  },
];

/** Small Cap's termination by its Class B holders (Plan §6). */
const TERMINATED = s("2026-05-15");

/** The assignment of Harbor's servicing agreement (Plan §7(b)) and the assignee's own agreement. */
const ASSIGNED = s("2026-03-31");
const ASSIGNEE_APPROVED = s("2026-06-10");

const PAYEES: Record<string, [string, string][]> = {
  a: [["Acme Fund Distributors, Inc.", "Wholesaler salaries and telephone, allocated"]],
  b: [["Lakeside Printing Co.", "Prospectus and SAI printing for prospective contract buyers"]],
  c: [
    ["Summit Securities LLC", "Broker-dealer distribution payments"],
    ["Keystone Brokerage LLC", "Intermediary distribution compensation"],
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
  i: [["Harbor Life Insurance Co.", "Contract account maintenance"]],
};

/**
 * Who is paid: Summit's selling agreement is for Growth only, so other portfolios pay their
 * broker-dealers through Keystone; Harbor's servicing (h, i) goes to its assignee from the
 * assignee's own agreement on (the payee typed with '=', written back as text), and nothing is
 * paid for it between the assignment and that approval.
 */
function payeeFor(
  letter: string,
  portfolio: string,
  date: number,
  pick: [string, string]
): [string, string] | null {
  if (letter === "c") return portfolio === "Growth Portfolio" ? PAYEES.c![0]! : PAYEES.c![1]!;
  if (letter !== "h" && letter !== "i") return pick;
  if (date < ASSIGNED) return pick;
  if (date < ASSIGNEE_APPROVED) return null;
  return ["=Harbor Life Service Center", `${pick[1]} (payee typed with '=')`];
}

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
          const pick = PAYEES[letter]![random.between(0, PAYEES[letter]!.length - 1)]!;
          const amount = cents(
            (2_000 + random.next() * 38_000) * scale[portfolio]! * (letter === "c" ? 3 : 1)
          );
          const date = s(
            `${year}-${String(month).padStart(2, "0")}-${String(random.between(3, 26)).padStart(2, "0")}`
          );
          const payee = payeeFor(letter, portfolio, date, pick);
          // Small Cap's spending stops with its termination; International's lapse keeps its
          // spending (expenses outside the plan, on purpose).
          if (payee === null || (portfolio === "Small Cap Portfolio" && date >= TERMINATED))
            continue;
          const [payeeName, description] = payee;
          rows.push({
            Date: date,
            Portfolio: portfolio,
            Category: letter,
            Amount: amount,
            Payee: payeeName,
            Description: description,
          });
        }
      }
    }
  }
  // A broker paid for Mid Cap with no agreement at all (Plan §7): the one payee finding.
  rows.push({
    Date: s("2026-09-10"),
    Portfolio: "Mid Cap Portfolio",
    Category: "c",
    Amount: 18_250,
    Payee: "Northwind Brokerage",
    Description: "Distribution payment, no selling agreement on file",
  });
  // Every category has an amount in the report quarter for Growth, so the chart has nine bars.
  for (const letter of "abcdefghi") {
    const [payee, description] = payeeFor(
      letter,
      "Growth Portfolio",
      s("2026-09-15"),
      PAYEES[letter]![0]!
    )!;
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
      const noise = random.normal();
      // Mid Cap falls through Aug–Sep 2026 and otherwise never falls: on prior-day NAVs a same-day
      // cap would breach there; its breaches come from its Actual/360 day count.
      const step =
        portfolio !== "Mid Cap Portfolio"
          ? 0.00025 + noise * 0.007
          : falling
            ? -0.0045 + noise * 0.002
            : 0.0003 + Math.abs(noise) * 0.0006;
      level *= 1 + step;
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
 * The board's quarterly reviews before 2026 Q2 (Plan §5: the trustees review
 * the written report at least quarterly), each on the 16th of the last month
 * of the following quarter — except 2025 Q3, left unrecorded so the sample has
 * one missed review to find (`quarterly-review-missing`).
 */
function earlierReviews(): Row[] {
  const reviews: Row[] = [];
  for (let year = 2022; year <= 2026; year += 1)
    for (let quarter = 1; quarter <= 4; quarter += 1) {
      if ((year === 2022 && quarter === 1) || (year === 2026 && quarter > 1)) continue;
      if (year === 2025 && quarter === 3) continue;
      const reviewYear = quarter === 4 ? year + 1 : year;
      const reviewMonth = quarter === 4 ? 3 : quarter * 3 + 3;
      reviews.push({
        Quarter: `${year}Q${quarter}`,
        "Prepared by": "J. Alvarez, Assistant Treasurer",
        "Reviewed by": "M. Chen, Treasurer",
        "Board review": s(`${reviewYear}-${String(reviewMonth).padStart(2, "0")}-16`),
      });
    }
  return reviews;
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
      ...earlierReviews(),
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
    // The journal's accounts (SPEC §7): one row for every portfolio, in the fund's chart of accounts.
    Accounts: [
      {
        Portfolio: "All",
        "Class code": "B",
        "Expense account": "5120-B 12b-1 distribution expense – Class B",
        "Payable account": "2140 Distribution fees payable",
        "Cash account": "1010 Cash – custody",
        "Due from distributor account": "1250 Due from distributor",
      },
    ],
    PostedJournals: [],
    NetAssets: netAssets(random),
  };
  rows.Payments = payments(rows, day(SAMPLE_AS_OF));
  return Object.fromEntries(
    TABLES.map((spec) => [spec.name, arrays(spec.name, rows[spec.name])])
  ) as Record<TableName, CellValue[][]>;
}
