/**
 * One journal entry of the month-end close (SPEC §7) and its parts: the kinds,
 * deterministic Journal IDs, balanced lines, and what an entry reads of a
 * portfolio's evaluation. `journal.ts` builds the month's entries from these.
 */
import type { AccrualResult } from "./accrual";
import type { CapTest } from "./cap";
import type { Day } from "./calendar";
import type { BillingPeriodRow } from "./carryforward";
import { type Decimal, sum, ZERO } from "./decimal";
import { exception, type PlanException } from "./exceptions";
import type { PayableLedger } from "./payable";
import type { PortfolioSettings } from "./plan";

export type JournalKind =
  | "accrual"
  | "true-up"
  | "reimbursement true-up"
  | "payment"
  | "excess over the cap"
  | "adjustment";

/** The short code of each kind in a Journal ID. */
export const KIND_CODES: Record<JournalKind, string> = {
  accrual: "ACC",
  "true-up": "TRU",
  "reimbursement true-up": "RTU",
  payment: "PAY",
  "excess over the cap": "EXC",
  adjustment: "ADJ",
};

export interface JournalLine {
  account: string;
  debit: Decimal;
  credit: Decimal;
}

/** One journal entry: balanced lines, an ID that is the same on every run, and where its figure came from. */
export interface Journal {
  /** `<portfolio>-<period or day>-<kind>`, e.g. "Growth-2026-11-ACC" (see `journalId`). */
  journalId: string;
  portfolio: string;
  kind: JournalKind;
  /** The month the entry belongs to, "2026-11". */
  period: string;
  date: Day;
  fundCode: string;
  classCode: string;
  description: string;
  /** The engine figure the amount is, in words an auditor can trace. */
  source: string;
  /** The figure, signed as the engine has it (a true-up is negative); the lines carry it positive. */
  amount: Decimal;
  lines: JournalLine[];
  /** For an adjustment: the Journal ID it corrects. */
  cites?: string;
}

/**
 * What the journal reads of one portfolio's evaluation: a `PortfolioEvaluation`
 * fits (named structurally, so this module does not import `evaluatePlan`).
 */
export interface JournalSource {
  settings: PortfolioSettings;
  accrual: Pick<AccrualResult, "months" | "runs"> | null;
  payable: PayableLedger | null;
  capTests: readonly CapTest[];
  carryforward: readonly BillingPeriodRow[];
  through: Day | null;
}

/** The portfolio as a Journal ID segment: letters and digits, runs of anything else one "-". `portfolioCode("Mid Cap")` → "Mid-Cap". */
export function portfolioCode(portfolio: string): string {
  return (
    portfolio
      .trim()
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "P"
  );
}

/**
 * Portfolios whose names give the same Journal ID segment ("Mid Cap" and
 * "Mid-Cap" both "Mid-Cap"; compared ignoring case, as a GL may): their
 * entries could not be told apart, and a posted row could be read back as the
 * other's (SPEC §7 "deterministic Journal IDs"). Each is a located error that
 * stops the journal; the accountant renames one in Portfolios.
 */
export function portfolioCodeClashes(
  portfolios: readonly Pick<PortfolioSettings, "portfolio" | "source">[]
): PlanException[] {
  const first = new Map<string, string>();
  const found: PlanException[] = [];
  for (const { portfolio, source } of portfolios) {
    const code = portfolioCode(portfolio);
    const earlier = first.get(code.toLowerCase());
    if (earlier === undefined) {
      first.set(code.toLowerCase(), portfolio);
      continue;
    }
    found.push(
      exception(
        "error",
        "journal-input",
        `Portfolios "${earlier}" and "${portfolio}" give the same Journal ID prefix "${code}" (an ID keeps only letters and digits, anything else becomes "-"), so their journal entries could not be told apart: rename one of them in Portfolios before writing a journal.`,
        { portfolio, ...(source ? { source: { ...source, column: "Portfolio" } } : {}) }
      )
    );
  }
  return found;
}

/**
 * A deterministic Journal ID: portfolio, period (a month "2026-11" or a day
 * "2026-12-05") and kind; `n` > 1 tells apart two payments on one day.
 *
 * @example journalId("Growth", "2026-11", "accrual") // → "Growth-2026-11-ACC"
 */
export function journalId(portfolio: string, period: string, kind: JournalKind, n = 1): string {
  return `${portfolioCode(portfolio)}-${period}-${KIND_CODES[kind]}${n > 1 ? `-${n}` : ""}`;
}

/** ".35%": a rate as the plan writes it (Plan §1 ".50%"). */
export function rateText(annualRate: Decimal): string {
  return `${annualRate
    .times(100)
    .toDecimalPlaces(4)
    .toString()
    .replace(/^0(?=\.)/, "")}%`;
}

/**
 * The two lines of a signed figure: a positive one debits `debit` and credits
 * `credit`, a negative one the other way round, so every entry balances.
 */
export function entryLines(amount: Decimal, debit: string, credit: string): JournalLine[] {
  const value = amount.abs();
  return amount.isNegative()
    ? [
        { account: credit, debit: value, credit: ZERO },
        { account: debit, debit: ZERO, credit: value },
      ]
    : [
        { account: debit, debit: value, credit: ZERO },
        { account: credit, debit: ZERO, credit: value },
      ];
}

/** Debits and credits of a journal (equal for every journal this module writes). */
export function journalTotals(journal: Pick<Journal, "lines">): {
  debit: Decimal;
  credit: Decimal;
} {
  return {
    debit: sum(journal.lines.map((l) => l.debit)),
    credit: sum(journal.lines.map((l) => l.credit)),
  };
}
