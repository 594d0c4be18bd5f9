/**
 * The accrual columns written beside the NetAssets table (SPEC §4.2; the
 * runner's `accrue`): Days · Rate · Daily fee · Month to date · Cap headroom,
 * plus an Accrual note saying why a row has no figures. Figures are the
 * engine's evaluation, aligned to the table's own row order.
 *
 * Cap headroom of a row = the month-to-date maximum allowable fee (SPEC §2
 * "Cap": Σ from the first of the row's month through the row's last covered
 * day of net assets × max annual rate ÷ days in the year, on in-effect days,
 * on the cap basis's net assets, rounded to cents once) minus the month to
 * date accrued. Negative = the month so far is over the cap. Carryforward
 * payments are not in it (they are paid monthly, not per NAV row); the
 * monthly cap test in `check` counts them.
 *
 * Our own columns are recognised on a re-run by a workbook-level defined
 * name, `ACCRUAL_COLUMNS_MARKER`, over their header cells: both ExcelJS and
 * office-js keep defined names, and co-authors see them in Name Manager.
 */
import { accrualRowColumns } from "../engine/accrualRowColumns";
import { monthEnd, monthStart } from "../engine/calendar";
import type { Decimal } from "../engine/decimal";
import type { PortfolioEvaluation } from "../engine/evaluatePlan";
import type { PlanException } from "../engine/exceptions";
import { maximumCentsBetween } from "../engine/maximumTable";
import type { Plan } from "../engine/plan";
import { type AuditFacts, auditNote } from "./auditTrail";
import { tableRowOf } from "./netAssetsRow";
import { FORMATS, NET_ASSETS } from "./schema";

export const ACCRUAL_HEADERS = [
  "Days",
  "Rate",
  "Daily fee",
  "Month to date",
  "Cap headroom",
  "Accrual note",
] as const;
export const ACCRUAL_FORMATS = [
  FORMATS.count,
  "0.000%",
  FORMATS.money,
  FORMATS.money,
  FORMATS.money,
  FORMATS.text,
] as const;

/** Defined name over the header cells of the accrual columns rule12b1 wrote. */
export const ACCRUAL_COLUMNS_MARKER = "rule12b1_AccrualColumns";

/**
 * The audit trail of the accrual columns (issue 6), as the note (cell
 * comment) each adapter puts on the first accrual header, "Days": who wrote
 * them, when, rule12b1's version, the input workbook and each portfolio's
 * NetAssets rows.
 *
 * `accrualAuditNote(facts)` → "Accrual columns written by rule12b1\nPrepared by: jdoe\n…"
 */
export function accrualAuditNote(facts: AuditFacts): string {
  return auditNote(facts, "Accrual columns written by rule12b1");
}

export type AccrualCell = number | string | null;

/** What the columns are written from: `evaluatePlan`'s or `evaluateAccruals`'s portfolios. */
export interface AccruedPortfolios {
  portfolios: readonly Pick<PortfolioEvaluation, "settings" | "series" | "accrual" | "maximums">[];
}

const key = (name: string) => name.trim().toLowerCase();

const BLANK_ROW: AccrualCell[] = Object.freeze([
  null,
  null,
  null,
  null,
  null,
  null,
]) as AccrualCell[];

const NO_DAYS =
  "No days accrued: plan not in effect, no approved rate, or after the accrual period.";

/**
 * The accrual columns of every NetAssets data row, a column at a time: the
 * five figures as numbers (NaN where a row has none; a rate of NaN is a blank
 * Rate), and the note of each row without figures. What `accrualColumns`
 * gives row by row, without an array of six cells a row held until it is
 * written: on a 91,300-row table those arrays and their numbers cost twice
 * the figures' own computing (bench/RESULTS.md (4j)). `accrualRow` reads a row.
 */
export interface AccrualFigures {
  days: Float64Array;
  rate: Float64Array;
  dailyFee: Float64Array;
  monthToDate: Float64Array;
  capHeadroom: Float64Array;
  /** Row index (0-based) → why the row has no figures. */
  notes: Map<number, string>;
}

/**
 * Row `index` (0-based) of `figures` as the six cells `accrualColumns` gives;
 * with `into`, written into that array (reused by a writer that makes each
 * row's text at once) rather than a new one.
 *
 * `accrualRow(figures, 0)` → `[3, 0.0025, 2068.49, 2068.49, 4249.5, ""]`
 */
export function accrualRow(
  figures: AccrualFigures,
  index: number,
  into?: AccrualCell[]
): readonly AccrualCell[] {
  const days = figures.days[index]!;
  if (Number.isNaN(days)) {
    const note = figures.notes.get(index);
    if (note === undefined) return BLANK_ROW;
    const row = into ?? [];
    row.length = 6;
    row.fill(null, 0, 5);
    row[5] = note;
    return row;
  }
  const rate = figures.rate[index]!;
  const row = into ?? [];
  row.length = 6;
  row[0] = days;
  row[1] = Number.isNaN(rate) ? null : rate;
  row[2] = figures.dailyFee[index]!;
  row[3] = figures.monthToDate[index]!;
  row[4] = figures.capHeadroom[index]!;
  row[5] = days === 0 ? NO_DAYS : "";
  return row;
}

/**
 * One row of six cells per NetAssets data row (`rowCount` rows, in table
 * order). Rows without figures get blanks and a reason in "Accrual note";
 * blank table rows stay blank.
 *
 * Growth at 0.25% on 101,000,000, a Friday row covering Fri–Sun in January 2025 (DOMAIN.md)
 * → `[3, 0.0025, 2068.49, 2068.49, <MTD maximum − 2068.49>, ""]`.
 */
export function accrualColumns(
  plan: Plan,
  evaluation: AccruedPortfolios,
  rowCount: number,
  readFindings: readonly PlanException[] = []
): AccrualCell[][] {
  const figures = accrualFigures(plan, evaluation, rowCount, readFindings);
  // Rows without figures or a note share one frozen blank row.
  return Array.from(
    { length: rowCount },
    (_, index) => accrualRow(figures, index) as AccrualCell[]
  );
}

/** `accrualColumns`, a column at a time (see `AccrualFigures`). */
export function accrualFigures(
  plan: Plan,
  evaluation: AccruedPortfolios,
  rowCount: number,
  readFindings: readonly PlanException[] = []
): AccrualFigures {
  const column = () => new Float64Array(rowCount).fill(Number.NaN);
  const figures: AccrualFigures = {
    days: column(),
    rate: column(),
    dailyFee: column(),
    monthToDate: column(),
    capHeadroom: column(),
    notes: new Map(),
  };
  // A row's figures, when it has them, are what it shows: a note is for a row without.
  const note = (row: number | undefined, text: string) => {
    if (row !== undefined && row >= 1 && row <= rowCount) figures.notes.set(row - 1, text);
  };
  for (const finding of readFindings) {
    if (finding.source?.table === NET_ASSETS.name && finding.source.row !== undefined)
      // The message names its column already ("Class B net assets holds text …").
      note(finding.source.row, `Not read: ${finding.message}`.replace(/\s+/g, " "));
  }
  const byName = new Map(evaluation.portfolios.map((p) => [key(p.settings.portfolio), p]));
  // A NAV row names its portfolio as the table holds it: one trim and lower-casing per spelling, not per row.
  const bySpelling = new Map<string, (typeof evaluation.portfolios)[number] | undefined>();
  // Rows come a portfolio at a time: the row before's spelling answers most rows without a lookup.
  let lastSpelling: string | null = null;
  let lastPortfolio: (typeof evaluation.portfolios)[number] | undefined;
  for (const row of plan.netAssets) {
    let portfolio = row.portfolio === lastSpelling ? lastPortfolio : bySpelling.get(row.portfolio);
    if (portfolio === undefined && !bySpelling.has(row.portfolio)) {
      portfolio = byName.get(key(row.portfolio));
      bySpelling.set(row.portfolio, portfolio);
    }
    lastSpelling = row.portfolio;
    lastPortfolio = portfolio;
    if (!portfolio)
      note(tableRowOf(row), `Portfolio "${row.portfolio}" is not in the Portfolios table.`);
    else if (!portfolio.series)
      note(
        tableRowOf(row),
        `Not computed: ${portfolio.settings.portfolio} has NAV rows with errors (see check).`
      );
    else if (!portfolio.accrual) note(tableRowOf(row), "Not computed.");
  }
  for (const portfolio of evaluation.portfolios) {
    const { accrual, series, maximums } = portfolio;
    if (!accrual || !series || !maximums) continue;
    // Numbers straight from the evaluation's columns (whole cents): no decimal per cell.
    const columns = accrualRowColumns(accrual);
    const rateNumbers = new Map<Decimal, number>();
    // The row before's month and rate: rows run in date order, a month and a rate at a time.
    let monthFirst = Number.POSITIVE_INFINITY;
    let monthLast = Number.NEGATIVE_INFINITY;
    let lastRate: Decimal | null = null;
    let lastRateNumber = 0;
    for (let rowIndex = 0; rowIndex < columns.days.length; rowIndex += 1) {
      const tableRow = tableRowOf(series[rowIndex]);
      if (tableRow === undefined || tableRow < 1 || tableRow > rowCount) continue;
      const firstDay = columns.firstDay[rowIndex]!;
      const lastDay = columns.lastDay[rowIndex]!;
      const last = lastDay >= firstDay ? lastDay : columns.date[rowIndex]!;
      if (last < monthFirst || last > monthLast) {
        monthFirst = monthStart(last);
        monthLast = monthEnd(last);
      }
      // The month-to-date maximum from the evaluation's one table of the series: O(log rows) a row.
      const maximumCents = maximumCentsBetween(maximums, monthFirst, last);
      const monthToDateCents = columns.monthToDateCents[rowIndex]!;
      const rate = columns.annualRate[rowIndex] ?? null;
      let rateNumber = Number.NaN;
      if (rate !== null) {
        if (rate !== lastRate) {
          lastRateNumber = rateNumbers.get(rate) ?? rate.toNumber();
          rateNumbers.set(rate, lastRateNumber);
          lastRate = rate;
        }
        rateNumber = lastRateNumber;
      }
      const at = tableRow - 1;
      figures.days[at] = columns.days[rowIndex]!;
      figures.rate[at] = rateNumber;
      // Whole cents, then one division: the double nearest each exact amount, as decimal.js's toNumber gives it.
      figures.dailyFee[at] = columns.bookedCents[rowIndex]! / 100;
      figures.monthToDate[at] = monthToDateCents / 100;
      figures.capHeadroom[at] = (maximumCents - monthToDateCents) / 100;
    }
  }
  return figures;
}
