/**
 * Turns parsed table rows into the engine's plan records (SPEC §1), one builder per table.
 * Blank optional settings take the plan's defaults here, so the engine never sees a blank.
 */
import { type Decimal } from "../engine/decimal";
import { exception, type PlanException } from "../engine/exceptions";
import {
  type AccountsRow,
  type Agreement,
  defaultSettings,
  type Expenditure,
  type GovernanceAction,
  type GovernanceActionKind,
  type Payment,
  type PortfolioSettings,
  type PostedJournalRow,
  type QuarterSignOff,
  type RateChange,
} from "../engine/plan";
import type { RowValues, TableRow } from "./tableRows";
import { nameKey, visibleName } from "./portfolioNames";

const text = (values: RowValues, header: string) =>
  (values.get(header) as string | null | undefined) ?? "";
const get = <T>(values: RowValues, header: string) => (values.get(header) ?? null) as T | null;

/**
 * The `Portfolios` rows as settings, defaults filled in; a name that appears twice (ignoring
 * case) is a finding and its second row is left out.
 *
 * `portfoliosFrom([{ values: Map { "Portfolio" → "Growth" }, source }], [])` →
 * `[{ portfolio: "Growth", maxAnnualRate: 0.005, dayCount: "Actual/Actual", … }]`.
 */
export function portfoliosFrom(
  rows: readonly TableRow[],
  exceptions: PlanException[]
): PortfolioSettings[] {
  const portfolios: PortfolioSettings[] = [];
  // The portfolios read so far by name key: one look-up a row, not a scan (issue 22 item 6).
  const byKey = new Map<string, PortfolioSettings>();
  for (const { values, source } of rows) {
    const name = text(values, "Portfolio");
    const twin = byKey.get(nameKey(name));
    if (twin) {
      const spellings =
        twin.portfolio.trim().toLowerCase() === name.trim().toLowerCase()
          ? ""
          : ` (spelled "${visibleName(twin.portfolio)}" and "${visibleName(name)}", which differ only by spaces or Unicode form)`;
      exceptions.push(
        exception(
          "error",
          "input",
          `Portfolio "${name}" appears twice${spellings}; names must be unique.`,
          { source: { ...source, column: "Portfolio" } }
        )
      );
      continue;
    }
    const defaults = defaultSettings(name);
    const settings: PortfolioSettings = {
      portfolio: name,
      planEffective: get(values, "Plan effective"),
      maxAnnualRate: get<Decimal>(values, "Max annual rate") ?? defaults.maxAnnualRate,
      dayCount: get(values, "Day count") ?? defaults.dayCount,
      navTiming: get(values, "NAV timing") ?? defaults.navTiming,
      weekendBooking: get(values, "Weekend booking") ?? defaults.weekendBooking,
      rounding: get(values, "Rounding") ?? defaults.rounding,
      capBasis: get(values, "Cap basis") ?? defaults.capBasis,
      planType: get(values, "Plan type") ?? defaults.planType,
      payment: get(values, "Payment") ?? defaults.payment,
      paymentTolerance: get<Decimal>(values, "Payment tolerance") ?? defaults.paymentTolerance,
      fiscalYearEndMonth: get<number>(values, "Fiscal year end") ?? defaults.fiscalYearEndMonth,
      source,
    };
    portfolios.push(settings);
    byKey.set(nameKey(name), settings);
  }
  return portfolios;
}

/** The `Rates` rows. */
export function ratesFrom(rows: readonly TableRow[]): RateChange[] {
  return rows.map(({ values, source }) => ({
    portfolio: text(values, "Portfolio"),
    effective: get<number>(values, "Effective")!,
    annualRate: get<Decimal>(values, "Annual rate")!,
    boardApproval: get(values, "Board approval"),
    shareholderApproval: get(values, "Shareholder approval"),
    source,
  }));
}

/** The `Governance` rows (votes as recorded; the engine tests them). */
export function governanceFrom(rows: readonly TableRow[]): GovernanceAction[] {
  return rows.map(({ values, source }) => ({
    date: get<number>(values, "Date")!,
    action: get<GovernanceActionKind>(values, "Action")!,
    portfolio: text(values, "Portfolio"),
    trusteesFor: get(values, "Trustees for"),
    trusteesTotal: get(values, "Trustees total"),
    independentFor: get(values, "Independent for"),
    independentTotal: get(values, "Independent total"),
    inPerson: get(values, "In person"),
    sharesFor: get(values, "Shares for"),
    sharesPresent: get(values, "Shares present"),
    sharesOutstanding: get(values, "Shares outstanding"),
    source,
  }));
}

/** The `Agreements` rows. */
export function agreementsFrom(rows: readonly TableRow[]): Agreement[] {
  return rows.map(({ values, source }) => ({
    agreement: text(values, "Agreement"),
    counterparty: text(values, "Counterparty"),
    portfolio: text(values, "Portfolio"),
    approved: get(values, "Approved"),
    inWriting: get(values, "In writing"),
    noticeDays: get(values, "Notice days"),
    assigned: get(values, "Assigned"),
    terminated: get(values, "Terminated"),
    source,
  }));
}

/** The `Expenditures` rows. */
export function expendituresFrom(rows: readonly TableRow[]): Expenditure[] {
  return rows.map(({ values, source }) => {
    const agreement = text(values, "Agreement").trim();
    return {
      date: get<number>(values, "Date")!,
      portfolio: text(values, "Portfolio"),
      category: text(values, "Category"),
      amount: get<Decimal>(values, "Amount")!,
      payee: text(values, "Payee"),
      description: text(values, "Description"),
      // Optional column: blank means "the agreement with the payee" (Plan §7).
      ...(agreement ? { agreement } : {}),
      source,
    };
  });
}

/** The `Payments` rows. */
export function paymentsFrom(rows: readonly TableRow[]): Payment[] {
  return rows.map(({ values, source }) => {
    const overrideReason = text(values, "Override reason").trim();
    return {
      date: get<number>(values, "Date")!,
      portfolio: text(values, "Portfolio"),
      amount: get<Decimal>(values, "Amount")!,
      reference: text(values, "Reference"),
      // Optional column: a reason turns a difference beyond the tolerance into a note (SPEC §2 "Payable").
      ...(overrideReason ? { overrideReason } : {}),
      source,
    };
  });
}

/** The `Reviews` rows: each quarter's sign-off and the fingerprint taken at board review. */
export function reviewsFrom(rows: readonly TableRow[]): QuarterSignOff[] {
  return rows.map(({ values, source }) => ({
    quarter: text(values, "Quarter"),
    preparedBy: text(values, "Prepared by"),
    reviewedBy: text(values, "Reviewed by"),
    boardReview: get(values, "Board review"),
    fingerprint: get(values, "Fingerprint"),
    source,
  }));
}

/** The `Accounts` rows (SPEC §7); their findings (unknown portfolio, twice, an empty account) come from the engine's `accountsFindings`. */
export function accountsFrom(rows: readonly TableRow[]): AccountsRow[] {
  return rows.map(({ values, source }) => ({
    portfolio: text(values, "Portfolio"),
    fundCode: text(values, "Fund code"),
    classCode: text(values, "Class code"),
    expenseAccount: text(values, "Expense account"),
    payableAccount: text(values, "Payable account"),
    cashAccount: text(values, "Cash account"),
    dueFromDistributorAccount: text(values, "Due from distributor account"),
    source,
  }));
}

/** The `PostedJournals` rows as posted (the engine checks each row's seal). */
export function postedJournalsFrom(rows: readonly TableRow[]): PostedJournalRow[] {
  return rows.map(({ values, source }) => ({
    journalId: text(values, "Journal ID"),
    period: text(values, "Period"),
    account: text(values, "Account"),
    amount: get<Decimal>(values, "Amount")!,
    postedOn: get(values, "Posted on"),
    check: text(values, "Check"),
    source,
  }));
}
