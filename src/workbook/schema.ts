/**
 * The workbook schema (SPEC §1): which sheets and Excel tables hold the plan,
 * their columns, kinds, defaults, validation lists and number formats. The
 * one place column names live — the task pane, the runner, `init` and the
 * tests all read them from here.
 */
import {
  CAP_BASES,
  DAY_COUNTS,
  GOVERNANCE_ACTIONS,
  NAV_TIMINGS,
  PAYMENT_FREQUENCIES,
  PLAN_TYPES,
  ROUNDINGS,
  WEEKEND_BOOKINGS,
} from "../engine/plan";
import { CATEGORY_LETTERS, categoryText } from "../engine/expenditures";

export type ColumnKind =
  "text" | "date" | "money" | "rate" | "count" | "shares" | "yesno" | "choice" | "month";

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** A blank cell is an error when required. */
  required: boolean;
  /** Allowed values for `choice` and `yesno` columns (matched ignoring case and surrounding spaces). */
  choices?: readonly string[];
  /**
   * The in-cell dropdown the adapters add (Excel data validation). For choice
   * columns it is `choices`; Category offers a–i but is read as text, so that
   * "(d)" is accepted and an unknown category becomes a Plan §2 finding rather
   * than an unreadable row.
   */
  validationList?: readonly string[];
  /** Value used when the cell is blank (as text, the way a person would type it). */
  defaultText?: string;
  /** Excel number format for the column. */
  numberFormat?: string;
  /** Short help shown as the data-validation input message. */
  help: string;
}

export interface TableSpec {
  name: TableName;
  sheet: string;
  /** Whether the workbook must have it for the plan to be evaluated. */
  required: boolean;
  columns: readonly ColumnSpec[];
}

export type TableName =
  | "Portfolios"
  | "Rates"
  | "Governance"
  | "Agreements"
  | "Expenditures"
  | "Payments"
  | "Reviews"
  | "Accounts"
  | "PostedJournals"
  | "NetAssets";

export const PLAN_SHEET = "Plan";
export const NET_ASSETS_SHEET = "Net Assets";

export const FORMATS = {
  date: "yyyy-mm-dd",
  money: "#,##0.00;[Red]-#,##0.00",
  rate: "0.00%",
  count: "0",
  shares: "#,##0.000",
  text: "@",
} as const;

const YES_NO = ["Yes", "No"] as const;

function column(
  header: string,
  kind: ColumnKind,
  required: boolean,
  help: string,
  extra: Partial<ColumnSpec> = {}
): ColumnSpec {
  const numberFormat =
    kind === "date"
      ? FORMATS.date
      : kind === "money"
        ? FORMATS.money
        : kind === "rate"
          ? FORMATS.rate
          : kind === "count" || kind === "month"
            ? FORMATS.count
            : kind === "shares"
              ? FORMATS.shares
              : undefined;
  const validationList = extra.validationList ?? extra.choices;
  return {
    header,
    kind,
    required,
    help,
    ...(numberFormat ? { numberFormat } : {}),
    ...(validationList ? { validationList } : {}),
    ...extra,
  };
}

function choice(header: string, choices: readonly string[], help: string): ColumnSpec {
  return column(header, "choice", false, help, { choices, defaultText: choices[0]! });
}

export const PORTFOLIOS: TableSpec = {
  name: "Portfolios",
  sheet: PLAN_SHEET,
  required: true,
  columns: [
    column("Portfolio", "text", true, "Portfolio name, unique."),
    column("Plan effective", "date", false, "Date the plan took effect for this portfolio."),
    column("Max annual rate", "rate", false, "Cap on the annual rate (Plan §1: .50%).", {
      defaultText: "0.50%",
    }),
    choice("Day count", DAY_COUNTS, "Basis days for the daily fee."),
    choice("NAV timing", NAV_TIMINGS, "Which day's net assets a day's fee uses."),
    choice(
      "Weekend booking",
      WEEKEND_BOOKINGS,
      "Forward: Friday books Fri–Sun. Catch-up: Monday books Sat–Mon."
    ),
    choice(
      "Rounding",
      ROUNDINGS,
      "Penny-true books the rounded running total; Daily rounds each day."
    ),
    choice(
      "Cap basis",
      CAP_BASES,
      "Net assets the cap is measured on: As accrued (the fee's own, default) or Same day (stricter)."
    ),
    choice("Plan type", PLAN_TYPES, "Compensation or reimbursement plan."),
    choice("Payment", PAYMENT_FREQUENCIES, "How often the fee is paid."),
    column(
      "Payment tolerance",
      "money",
      false,
      "Largest payment difference that is not an exception.",
      { defaultText: "1.00" }
    ),
    column("Fiscal year end", "month", false, "Month (1–12) the fiscal year ends.", {
      defaultText: "12",
    }),
  ],
};

export const RATES: TableSpec = {
  name: "Rates",
  sheet: PLAN_SHEET,
  required: true,
  columns: [
    column("Portfolio", "text", true, "Portfolio the rate applies to."),
    column("Effective", "date", true, "First day the rate applies."),
    column("Annual rate", "rate", true, "Annual rate, e.g. 0.25%."),
    column(
      "Board approval",
      "date",
      false,
      "Date of the Governance vote (Fee rate, Approval, Continuance or Amendment) that set this rate; in force from the later of this and Effective (Plan §1)."
    ),
    column(
      "Shareholder approval",
      "date",
      false,
      "Optional, for the record: a rate within the ceiling needs no shareholder vote (Plan §1, §8)."
    ),
  ],
};

export const GOVERNANCE: TableSpec = {
  name: "Governance",
  sheet: PLAN_SHEET,
  required: true,
  columns: [
    column("Date", "date", true, "Meeting date."),
    column(
      "Action",
      "choice",
      true,
      "Approval, Continuance, Amendment, Fee rate (a board vote setting the rate, Plan §1) or Termination.",
      { choices: GOVERNANCE_ACTIONS }
    ),
    column("Portfolio", "text", true, "A portfolio, or All."),
    column("Trustees for", "count", false, "Trustees voting for."),
    column("Trustees total", "count", false, "All trustees."),
    column("Independent for", "count", false, "Independent trustees voting for."),
    column("Independent total", "count", false, "All independent trustees."),
    column("In person", "yesno", false, "Votes cast in person (Plan §3).", { choices: YES_NO }),
    column("Shares for", "shares", false, "Class B shares voting for."),
    column("Shares present", "shares", false, "Class B shares present or by proxy."),
    column("Shares outstanding", "shares", false, "Class B shares outstanding."),
    column("Notes", "text", false, "What the vote was for (optional)."),
  ],
};

export const AGREEMENTS: TableSpec = {
  name: "Agreements",
  sheet: PLAN_SHEET,
  required: false,
  columns: [
    column("Agreement", "text", true, "Name of the agreement."),
    column("Counterparty", "text", false, "Other party."),
    column("Portfolio", "text", true, "A portfolio, or All."),
    column(
      "Approved",
      "date",
      false,
      "Date of the §3 vote (Approval, Continuance or Amendment) that approved it."
    ),
    column("In writing", "yesno", false, "Plan §7: must be in writing.", { choices: YES_NO }),
    column("Notice days", "count", false, "Days of notice to terminate (Plan §7(a): at most 60)."),
    column("Assigned", "date", false, "Date of any assignment (ends it, Plan §7(b))."),
    column("Terminated", "date", false, "Date it ended."),
  ],
};

export const EXPENDITURES: TableSpec = {
  name: "Expenditures",
  sheet: PLAN_SHEET,
  required: false,
  columns: [
    column("Date", "date", true, "Date incurred."),
    column("Portfolio", "text", true, "Portfolio charged."),
    column(
      "Category",
      "text",
      true,
      "Plan §2 category a–i, or Other (then state the distribution purpose in Description).",
      { validationList: CATEGORY_LETTERS.map(categoryText) }
    ),
    column("Amount", "money", true, "Amount spent."),
    column("Payee", "text", false, "Who was paid."),
    column("Description", "text", false, "Purpose, for the board report."),
    column(
      "Agreement",
      "text",
      false,
      "Agreement the payment is made under (optional; otherwise matched by Payee, Plan §7)."
    ),
  ],
};

export const PAYMENTS: TableSpec = {
  name: "Payments",
  sheet: PLAN_SHEET,
  required: false,
  columns: [
    column("Date", "date", true, "Payment date."),
    column("Portfolio", "text", true, "Portfolio paying."),
    column("Amount", "money", true, "Amount paid."),
    column("Reference", "text", false, "Wire or journal reference."),
    column(
      "Override reason",
      "text",
      false,
      'Why a payment that differs from its fee beyond the tolerance is accepted (optional; SPEC §2 "Payable").'
    ),
  ],
};

/**
 * Sign-off of each quarterly report (SPEC §5). Once "Board review" is filled
 * in, the next report run records the quarter's input fingerprint here and
 * later edits to that quarter are findings.
 */
export const REVIEWS: TableSpec = {
  name: "Reviews",
  sheet: PLAN_SHEET,
  required: false,
  columns: [
    column("Quarter", "text", true, "Quarter reviewed, e.g. 2026Q3."),
    column("Prepared by", "text", false, "Who prepared the report."),
    column("Reviewed by", "text", false, "Who reviewed it (e.g. the Treasurer)."),
    column("Board review", "date", false, "Date the board reviewed it; locks the quarter."),
    column(
      "Fingerprint",
      "text",
      false,
      "Written by rule12b1: the quarter's inputs when reviewed. Do not edit."
    ),
  ],
};

/**
 * General-ledger accounts for the journal entries (SPEC §1, §7): a
 * portfolio's own row, else the `All` row, else default account names.
 */
export const ACCOUNTS: TableSpec = {
  name: "Accounts",
  sheet: PLAN_SHEET,
  required: false,
  columns: [
    column(
      "Portfolio",
      "text",
      true,
      "A portfolio, or All for every portfolio without its own row."
    ),
    column(
      "Fund code",
      "text",
      false,
      "The fund's code in the general ledger (default: the portfolio's name)."
    ),
    column("Class code", "text", false, "The share class's code (default: B)."),
    column(
      "Expense account",
      "text",
      false,
      "Debited for the fee: 12b-1 distribution expense – Class B."
    ),
    column("Payable account", "text", false, "Credited for the fee: distribution fees payable."),
    column("Cash account", "text", false, "Credited when the fee is paid."),
    column(
      "Due from distributor account",
      "text",
      false,
      "Debited for fees above the maximum that were already paid (Plan §1 limit)."
    ),
  ],
};

/**
 * What `journal --post` (and the pane's Post) recorded (SPEC §7). Written by
 * rule12b1, one row per journal; "Check" seals the row so a hand edit is found.
 * (An Excel table name holds no spaces: the SPEC's "Posted journals" is `PostedJournals`.)
 */
export const POSTED_JOURNALS: TableSpec = {
  name: "PostedJournals",
  sheet: PLAN_SHEET,
  required: false,
  columns: [
    column("Journal ID", "text", true, "Written by rule12b1; do not edit."),
    column("Period", "text", true, "The month the journal belongs to, e.g. 2026-11.", {
      // Text, or Excel reads "2026-11" as a date.
      numberFormat: FORMATS.text,
    }),
    column("Account", "text", false, "The account debited."),
    column("Amount", "money", true, "The amount posted (a true-up is negative)."),
    column("Posted on", "date", false, "The day it was posted."),
    column("Check", "text", false, "Written by rule12b1: the row as posted. Do not edit."),
  ],
};

export const NET_ASSETS: TableSpec = {
  name: "NetAssets",
  sheet: NET_ASSETS_SHEET,
  required: true,
  columns: [
    column("Date", "date", true, "NAV date (business days)."),
    column("Portfolio", "text", true, "Portfolio."),
    column("Class B net assets", "money", true, "Class B net assets at the close."),
  ],
};

/** All plan tables, in the order `init` lays them out. */
export const TABLES: readonly TableSpec[] = [
  PORTFOLIOS,
  RATES,
  GOVERNANCE,
  AGREEMENTS,
  EXPENDITURES,
  PAYMENTS,
  REVIEWS,
  NET_ASSETS,
  // Added with the journal (SPEC §7), after NetAssets so existing workbooks' table parts keep their numbers.
  ACCOUNTS,
  POSTED_JOURNALS,
];

/** Header comparison per SPEC §1: case and surrounding spaces do not matter. */
export function normalizeHeader(header: unknown): string {
  return String(header ?? "")
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase();
}

export function tableSpec(name: TableName): TableSpec {
  const spec = TABLES.find((table) => table.name === name);
  if (!spec) throw new Error(`no table ${name} in the schema`);
  return spec;
}
