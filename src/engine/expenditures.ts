/**
 * The expenditure register (Plan §2, §5): the nine categories (a)–(i) the
 * Distribution Fee may be spent on, their Form N-1A Item 19(g) disclosure
 * lines, and the per-period summary the quarterly report shows.
 */
import { type Day, isoDate } from "./calendar";
import { type Decimal, ZERO } from "./decimal";
import { exception, type PlanException } from "./exceptions";
import { formatMoney } from "./money";
import type { Expenditure } from "./plan";

/**
 * A Plan §2 category: (a)–(i), or `other` — an activity or expense outside the list whose
 * Description states its distribution purpose (§2 "any activities or expenses primarily
 * intended to result in the sale of Class B shares …, including but not limited to").
 */
export type CategoryLetter = "a" | "b" | "c" | "d" | "e" | "f" | "g" | "h" | "i" | "other";

/** Categories in plan order, `other` last. `CATEGORY_LETTERS[0]` → "a". */
export const CATEGORY_LETTERS: readonly CategoryLetter[] = [
  "a",
  "b",
  "c",
  "d",
  "e",
  "f",
  "g",
  "h",
  "i",
  "other",
];

/** How a category is written in the workbook's Category column: "a" … "i", "Other". */
export function categoryText(letter: CategoryLetter): string {
  return letter === "other" ? "Other" : letter;
}

/** How a category is named in a sentence or a label: "(c)", "Other". */
export function categoryLabel(letter: CategoryLetter): string {
  return letter === "other" ? "Other" : `(${letter})`;
}

// An explicit phrase of purpose naming Class B shares (SPEC §2 "Eligible expenses"): a verb of
// purpose ("to promote/sell/distribute/market/advertise", "promoting", "for the sale of") or a noun
// of it followed by "of" ("distribution of", "sale of", "promotion of"), then "Class B" later in
// the same clause. A keyword alone ("Sales tax", "Transfer agent fees, Class B") states nothing.
const PURPOSE_PHRASE =
  /\b(?:to\s+(?:promote|sell|distribute|market|advertise)|promot(?:e|es|ing)|selling|marketing|advertising|(?:distribution|sale|sales|promotion|marketing|advertising)\s+of)\b[^.;]*?\bclass\s+b\b/i;

// A negation anywhere refuses the row: "Not related to the sale of Class B shares" states the opposite.
const NEGATION =
  /\b(?:not|no|non|unrelated|never|without|neither|nor|except|excluding|other\s+than)\b|n't\b/i;

/**
 * Whether an `Other` expenditure's Description states its distribution purpose (SPEC §2
 * "Eligible expenses"). Read conservatively, since the plan pays only for what is "primarily
 * intended to result in the sale of Class B shares" (Plan §2): the Description must hold an
 * explicit phrase of purpose that names Class B shares — "to promote Class B sales", "to sell
 * Class B shares", "distribution of Class B shares", "sale of Class B shares", "promoting Class
 * B shares" — in one clause, and no negation ("not", "no", "unrelated", "other than" …). A
 * keyword alone is not a purpose: "Sales tax on office lease", "Transfer agent fees, Class B",
 * "Money market sweep fees" and "Not related to sales" are refused, as are "Misc." and
 * "Conference".
 *
 * @example statesDistributionPurpose("Booth at the broker-dealer conference to promote Class B sales") // true
 * @example statesDistributionPurpose("Transfer agent fees, Class B") // false
 * @example statesDistributionPurpose("Not related to the sale of Class B shares") // false
 */
export function statesDistributionPurpose(description: string): boolean {
  return PURPOSE_PHRASE.test(description) && !NEGATION.test(description);
}

/** Form N-1A Item 19(g) lines, in the form's order (the SAI's 12b-1 table). `N1A_LINES[0]` → "Advertising". */
export const N1A_LINES = [
  "Advertising",
  "Printing and mailing of prospectuses to other than current shareholders",
  "Compensation to underwriters",
  "Compensation to broker-dealers",
  "Compensation to sales personnel",
  "Interest, carrying, or other financing charges",
  "Other",
] as const;
export type N1aLine = (typeof N1A_LINES)[number];

export interface ExpenseCategory {
  letter: CategoryLetter;
  /** The plan's own words for the category (Plan §2), whitespace normalized. */
  planWording: string;
  /** A few words for column headers. */
  shortLabel: string;
  /** Where the category is disclosed in the Item 19(g) table. */
  n1aLine: N1aLine;
}

/**
 * Plan §2 (a)–(i). Item 19(g) mapping, as a fund accountant would disclose it:
 * - (a) the Class B Distributor is the Trust's principal underwriter, so pay and overhead of its
 *   distribution staff are "compensation to underwriters";
 * - (b) prospectuses/SAIs/reports for *prospective* purchasers are exactly "printing and mailing of
 *   prospectuses to other than current shareholders";
 * - (c) payments to intermediaries and broker-dealers → "compensation to broker-dealers";
 * - (d) advertisements, sales literature and promotional material → "advertising";
 * - (h) compensating sales personnel for allocating contract values → "compensation to sales personnel";
 * - (e) seminars and sales meetings, (f) explanations to existing contract owners (not prospective,
 *   so not line 2), (g) training (not compensation) and (i) account servicing (a service fee, which
 *   FINRA keeps apart from sales charges) fit no specific line → "other".
 * Nothing maps to "interest, carrying, or other financing charges": the plan pays no interest on
 * carried-forward amounts. The line stays in the table so the SAI shows it as zero.
 *
 * @example EXPENSE_CATEGORIES.h.n1aLine // → "Compensation to sales personnel"
 */
export const EXPENSE_CATEGORIES: Readonly<Record<CategoryLetter, Readonly<ExpenseCategory>>> = {
  a: {
    letter: "a",
    planWording:
      "compensation to and expenses, including overhead and telephone expenses, of employees of the Class B Distributor that engage in the distribution of the Class B shares",
    shortLabel: "Distributor staff",
    n1aLine: "Compensation to underwriters",
  },
  b: {
    letter: "b",
    planWording:
      'printing and mailing of prospectuses, statements of additional information, and reports for prospective purchases of variable annuity or variable life insurance contracts ("Variable Contracts") investing indirectly in Class B shares',
    shortLabel: "Prospectus printing & mailing",
    n1aLine: "Printing and mailing of prospectuses to other than current shareholders",
  },
  c: {
    letter: "c",
    planWording:
      "compensation to financial intermediaries and broker-dealers to pay or reimburse them for their services or expenses in connection with the distribution of Variable Contracts investing indirectly in Class B shares",
    shortLabel: "Intermediaries & broker-dealers",
    n1aLine: "Compensation to broker-dealers",
  },
  d: {
    letter: "d",
    planWording:
      "expenses relating to the development, preparation, printing, and mailing of Trust advertisements, sales literature, and other promotional materials describing and/or relating to the Trust",
    shortLabel: "Advertising & sales literature",
    n1aLine: "Advertising",
  },
  e: {
    letter: "e",
    planWording:
      "expenses of holding seminars and sales meetings designed to promote the distribution of the Class B shares",
    shortLabel: "Seminars & sales meetings",
    n1aLine: "Other",
  },
  f: {
    letter: "f",
    planWording:
      "expenses of obtaining the information and providing explanations to Variable Contract owners regarding Trust investment objectives and policies and other information about the Trust and its Portfolios, including the performance of the Portfolios",
    shortLabel: "Contract owner information",
    n1aLine: "Other",
  },
  g: {
    letter: "g",
    planWording: "expenses of training sales personnel regarding the Trust",
    shortLabel: "Sales training",
    n1aLine: "Other",
  },
  h: {
    letter: "h",
    planWording:
      "expenses of compensating sales personnel in connection with the allocation of cash values and premiums of the Variable Contracts to the Trust",
    shortLabel: "Sales personnel compensation",
    n1aLine: "Compensation to sales personnel",
  },
  i: {
    letter: "i",
    planWording:
      "expenses of personal services and/or maintenance of Variable Contract accounts with respect to Class B shares attributable to such accounts",
    shortLabel: "Account servicing",
    n1aLine: "Other",
  },
  other: {
    letter: "other",
    planWording:
      'activities or expenses outside (a)–(i) primarily intended to result in the sale of Class B shares (the list is "including but not limited to"), each with its distribution purpose stated in its Description',
    shortLabel: "Other (purpose stated)",
    n1aLine: "Other",
  },
};

// One letter a–i, bare, in parentheses, or followed by ")" or "." — how people type list labels.
const CATEGORY_PATTERN = /^(?:\(\s*([a-i])\s*\)|([a-i])\s*[).]?)$/i;

/**
 * The category typed in a cell, or null when it is neither one of (a)–(i) nor `Other`.
 * Whether an `Other` row is under the plan also depends on its Description
 * (see `statesDistributionPurpose`).
 *
 * @example normalizeCategory(" (B) ") // → "b"
 * @example normalizeCategory(" other ") // → "other"
 * @example normalizeCategory("j") // → null
 */
export function normalizeCategory(text: string): CategoryLetter | null {
  if (text.trim().toLowerCase() === "other") return "other";
  const match = CATEGORY_PATTERN.exec(text.trim());
  const letter = match?.[1] ?? match?.[2];
  return letter ? (letter.toLowerCase() as CategoryLetter) : null;
}

export interface ExpenditureSummary {
  /** Per known portfolio (its spelling in `knownPortfolios`), every category, zero when nothing was spent. */
  byPortfolio: Map<string, Record<CategoryLetter, Decimal>>;
  totalByCategory: Record<CategoryLetter, Decimal>;
  total: Decimal;
  byN1aLine: Record<N1aLine, Decimal>;
  exceptions: PlanException[];
}

/**
 * Sums the expenditures dated inside `period` (inclusive) by portfolio, by
 * category and by Item 19(g) line (Plan §5 report). Rows outside the period
 * are ignored entirely. In the period:
 * - a category neither (a)–(i) nor Other → 'expenditure-category' error, amount not counted;
 * - Other whose Description states no distribution purpose → not counted (listed apart by
 *   `eligibleExpenses`, with its warning);
 * - a portfolio not in `knownPortfolios` → 'unknown-portfolio' error, amount not counted;
 * - a negative amount → 'expenditure-negative' warning, counted (a credit or reversal).
 *
 * @example
 * summarizeExpenditures([{ date: day("2026-07-15"), portfolio: "Growth", category: "(c)", amount: new Decimal("1200.00"), … }],
 *   { start: day("2026-07-01"), end: day("2026-09-30") }, ["Growth"])
 * // → total 1200.00, totalByCategory.c 1200.00, byN1aLine["Compensation to broker-dealers"] 1200.00
 */
export function summarizeExpenditures(
  expenditures: readonly Expenditure[],
  period: { start: Day; end: Day },
  knownPortfolios: readonly string[]
): ExpenditureSummary {
  const byPortfolio = new Map<string, Record<CategoryLetter, Decimal>>();
  const canonical = new Map<string, string>();
  for (const name of knownPortfolios) {
    const key = name.trim().toLowerCase();
    if (canonical.has(key)) continue;
    canonical.set(key, name);
    byPortfolio.set(name, zeroByCategory());
  }
  const totalByCategory = zeroByCategory();
  const byN1aLine = Object.fromEntries(N1A_LINES.map((line) => [line, ZERO])) as Record<
    N1aLine,
    Decimal
  >;
  const exceptions: PlanException[] = [];
  let total = ZERO;

  for (const row of expenditures) {
    if (row.date < period.start || row.date > period.end) continue;
    const where = { portfolio: row.portfolio, date: row.date, source: row.source };
    const what = `Expenditure of ${formatMoney(row.amount)} on ${isoDate(row.date)} for ${row.portfolio}${row.payee ? ` to ${row.payee}` : ""}`;
    const letter = normalizeCategory(row.category);
    const portfolio = canonical.get(row.portfolio.trim().toLowerCase());

    if (letter === null) {
      exceptions.push(
        exception(
          "error",
          "expenditure-category",
          `${what} has category "${row.category}", which is neither one of Plan §2 (a)–(i) nor Other (an expense primarily intended to result in the sale of Class B shares, its purpose stated in the Description); it is not counted in any category until it is classified.`,
          where
        )
      );
    }
    if (portfolio === undefined) {
      exceptions.push(
        exception(
          "error",
          "unknown-portfolio",
          `${what} names portfolio "${row.portfolio}", which is not in the Portfolios table; it is not counted (a trust-wide expense must be allocated to portfolios).`,
          where
        )
      );
    }
    if (row.amount.isNegative() && !row.amount.isZero()) {
      // Reversals and credits are real bookings: counted, but flagged for review.
      exceptions.push(
        exception(
          "warning",
          "expenditure-negative",
          `${what} is negative; it is counted as a credit or reversal.`,
          where
        )
      );
    }
    if (letter === null || portfolio === undefined) continue;
    // `Other` without a stated purpose is listed apart with a warning (see `eligibleExpenses`).
    if (letter === "other" && !statesDistributionPurpose(row.description)) continue;

    const portfolioTotals = byPortfolio.get(portfolio) as Record<CategoryLetter, Decimal>;
    portfolioTotals[letter] = portfolioTotals[letter].plus(row.amount);
    totalByCategory[letter] = totalByCategory[letter].plus(row.amount);
    const line = EXPENSE_CATEGORIES[letter].n1aLine;
    byN1aLine[line] = byN1aLine[line].plus(row.amount);
    total = total.plus(row.amount);
  }
  return { byPortfolio, totalByCategory, total, byN1aLine, exceptions };
}

/** A fresh record of zeros for the nine categories. */
function zeroByCategory(): Record<CategoryLetter, Decimal> {
  return Object.fromEntries(CATEGORY_LETTERS.map((letter) => [letter, ZERO])) as Record<
    CategoryLetter,
    Decimal
  >;
}
