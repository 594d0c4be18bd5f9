/**
 * The plan model: typed records of the workbook's plan tables (SPEC §1), as
 * the engine sees them after the workbook layer has parsed the cells. Every
 * record keeps its `source` so findings can point back at the row.
 */
import type { Day } from "./calendar";
import { Decimal } from "./decimal";
import type { SourceRef } from "./exceptions";

export type DayCount = "Actual/Actual" | "Actual/365" | "Actual/360";
export type NavTiming = "Prior day" | "Same day";
export type WeekendBooking = "Forward" | "Catch-up";
export type Rounding = "Penny-true" | "Daily";
export type CapBasis = "Same day" | "As accrued";
export type PlanType = "Compensation" | "Reimbursement";
export type PaymentFrequency = "Monthly" | "Quarterly";
export type GovernanceActionKind =
  "Approval" | "Continuance" | "Amendment" | "Fee rate" | "Termination";

export const DAY_COUNTS: readonly DayCount[] = ["Actual/Actual", "Actual/365", "Actual/360"];
export const NAV_TIMINGS: readonly NavTiming[] = ["Prior day", "Same day"];
export const WEEKEND_BOOKINGS: readonly WeekendBooking[] = ["Forward", "Catch-up"];
export const ROUNDINGS: readonly Rounding[] = ["Penny-true", "Daily"];
/** `As accrued` first: the default (SPEC §2 "Cap"), and the first choice of the Set up plan list. */
export const CAP_BASES: readonly CapBasis[] = ["As accrued", "Same day"];
export const PLAN_TYPES: readonly PlanType[] = ["Compensation", "Reimbursement"];
export const PAYMENT_FREQUENCIES: readonly PaymentFrequency[] = ["Monthly", "Quarterly"];
export const GOVERNANCE_ACTIONS: readonly GovernanceActionKind[] = [
  "Approval",
  "Continuance",
  "Amendment",
  "Fee rate",
  "Termination",
];

/** "All" in the Governance table's Portfolio column applies an action to every portfolio. */
export const ALL_PORTFOLIOS = "All";

/** Plan §1: "an annual rate … not to exceed .50%". */
export const PLAN_MAX_ANNUAL_RATE = new Decimal("0.005");

/** Per-portfolio settings (table `Portfolios`). */
export interface PortfolioSettings {
  portfolio: string;
  planEffective: Day | null;
  maxAnnualRate: Decimal;
  dayCount: DayCount;
  navTiming: NavTiming;
  weekendBooking: WeekendBooking;
  rounding: Rounding;
  capBasis: CapBasis;
  planType: PlanType;
  payment: PaymentFrequency;
  paymentTolerance: Decimal;
  /** Month (1–12) in which the fiscal year ends; optional column "Fiscal year end", default 12. */
  fiscalYearEndMonth: number;
  source?: SourceRef;
}

/** The SPEC §1 defaults, for a portfolio named `portfolio`. */
export function defaultSettings(
  portfolio: string,
  overrides: Partial<PortfolioSettings> = {}
): PortfolioSettings {
  return {
    portfolio,
    planEffective: null,
    maxAnnualRate: PLAN_MAX_ANNUAL_RATE,
    dayCount: "Actual/Actual",
    navTiming: "Prior day",
    weekendBooking: "Forward",
    rounding: "Penny-true",
    capBasis: "As accrued",
    planType: "Compensation",
    payment: "Monthly",
    paymentTolerance: new Decimal("1.00"),
    fiscalYearEndMonth: 12,
    ...overrides,
  };
}

/**
 * A row of `Rates`: the annual rate in force from the later of `effective` and
 * `boardApproval`, if a passing board vote is recorded on `boardApproval` (Plan §1).
 */
export interface RateChange {
  portfolio: string;
  effective: Day;
  /** As a fraction: 0.0025 is 0.25%. */
  annualRate: Decimal;
  boardApproval: Day | null;
  /** Informational: a rise within the ceiling needs no shareholder vote (Plan §1, §8). */
  shareholderApproval: Day | null;
  source?: SourceRef;
}

/** A row of `Governance`. Counts are null when the cell is blank. */
export interface GovernanceAction {
  date: Day;
  action: GovernanceActionKind;
  /** A portfolio name or `ALL_PORTFOLIOS`. */
  portfolio: string;
  trusteesFor: number | null;
  trusteesTotal: number | null;
  independentFor: number | null;
  independentTotal: number | null;
  inPerson: boolean | null;
  sharesFor: Decimal | null;
  sharesPresent: Decimal | null;
  sharesOutstanding: Decimal | null;
  source?: SourceRef;
}

/** A row of `Agreements` (Plan §7). */
export interface Agreement {
  agreement: string;
  counterparty: string;
  portfolio: string;
  approved: Day | null;
  inWriting: boolean | null;
  noticeDays: number | null;
  assigned: Day | null;
  terminated: Day | null;
  source?: SourceRef;
}

/** A row of `Expenditures` (Plan §2). `category` is kept as typed so an unknown one can be reported. */
export interface Expenditure {
  date: Day;
  portfolio: string;
  category: string;
  amount: Decimal;
  payee: string;
  description: string;
  /** The agreement the payment is made under (optional column; blank → matched by payee, Plan §7). */
  agreement?: string;
  source?: SourceRef;
}

/** A row of `Payments`: fees paid to the distributor. */
export interface Payment {
  date: Day;
  portfolio: string;
  amount: Decimal;
  reference: string;
  /**
   * Why a payment that differs from its billing period's fee beyond the tolerance is accepted
   * (optional column): the difference is then a note quoting it, not an error (SPEC §2 "Payable").
   */
  overrideReason?: string;
  source?: SourceRef;
}

/** A struck NAV: the class's net assets at the close of `date`. */
export interface NetAssetsRow {
  date: Day;
  portfolio: string;
  netAssets: Decimal;
  /**
   * `netAssets` in whole cents, when the reader had them without decimal.js (a
   * cell that is the double nearest a whole number of cents): then it is
   * exactly `netAssets`, and the exact fast paths read it instead (issue 24).
   * Absent: read `netAssets`.
   */
  readonly netAssetsCents?: number;
  /** Read-only: the workbook layer's rows make it when asked (`CentsNetAssetsRow`). */
  readonly source?: SourceRef;
}

/** Which workbook columns hold a NAV row's date and net assets, so findings can name the cell. */
export interface NetAssetsColumns {
  date: string;
  netAssets: string;
}

/** Sign-off of a quarterly report; once `boardReview` is set the quarter is locked (SPEC §5). */
export interface QuarterSignOff {
  quarter: string;
  preparedBy: string;
  reviewedBy: string;
  boardReview: Day | null;
  /** Fingerprint of the quarter's inputs when it was reviewed (see `quarterFingerprint`). */
  fingerprint: string | null;
  source?: SourceRef;
}

/**
 * A row of `Accounts` (SPEC §1, §7): the general-ledger accounts a portfolio's
 * journal entries post to; `portfolio` is a name or `ALL_PORTFOLIOS`.
 */
export interface AccountsRow {
  portfolio: string;
  fundCode: string;
  classCode: string;
  expenseAccount: string;
  payableAccount: string;
  cashAccount: string;
  dueFromDistributorAccount: string;
  source?: SourceRef;
}

/**
 * A row of `Posted journals` (SPEC §7): what `--post` recorded. `check` is
 * rule12b1's seal over the row as posted, so a hand edit can be named.
 */
export interface PostedJournalRow {
  journalId: string;
  /** The billing month the journal belongs to, "2026-11". */
  period: string;
  account: string;
  amount: Decimal;
  postedOn: Day | null;
  check: string;
  source?: SourceRef;
}

/** Everything the engine knows about a trust's plan. */
export interface Plan {
  portfolios: PortfolioSettings[];
  rates: RateChange[];
  governance: GovernanceAction[];
  agreements: Agreement[];
  expenditures: Expenditure[];
  payments: Payment[];
  netAssets: NetAssetsRow[];
  /** Quarterly report sign-offs (table `Reviews`); optional. */
  reviews?: QuarterSignOff[];
  /** General-ledger accounts for journal entries (table `Accounts`); optional (SPEC §7). */
  accounts?: AccountsRow[];
  /** Journals already posted (table `Posted journals`); optional (SPEC §7). */
  postedJournals?: PostedJournalRow[];
  /** Set by the workbook layer: the NetAssets column headers, for located NAV findings. */
  netAssetsColumns?: NetAssetsColumns;
}

/** An empty plan, handy for tests and `init`. */
export function emptyPlan(): Plan {
  return {
    portfolios: [],
    rates: [],
    governance: [],
    agreements: [],
    expenditures: [],
    payments: [],
    netAssets: [],
    reviews: [],
  };
}
