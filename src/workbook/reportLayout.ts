/**
 * The quarterly report sheet of SPEC §5 (Plan §5) as a `SheetLayout`: every
 * figure is the engine's `QuarterlyReport`; this module only places it.
 * Totals are `SUM` formulas over the rows above (with the engine's total as
 * the cached result), so the sheet stays live when someone edits a figure,
 * and user text (portfolio names, payees, agreement names) is `text`, never
 * a formula. Both adapters — the runner and the task pane — write it.
 */
import { isoDate } from "../engine/calendar";
import { periodName } from "../engine/periods";
import type { PortfolioQuarterLine, QuarterlyReport } from "../engine/quarterlyReport";
import { capMeasureSentence } from "../engine/reportFigures";
import { type AuditFacts, namedPreparer } from "./auditTrail";
import { LayoutBuilder, sumDown, wrappedHeight } from "./layoutBuilder";
import { carryforwardBlock, expendituresBlock, itemNineteenBlock } from "./reportBlocks";
import { agreementsBlock, exceptionsBlock, governanceBlock, signOffBlock } from "./reportRegisters";
import { REPORT_COLUMN_WIDTHS, REPORT_COLUMNS, REPORT_PAGE_HEIGHT, STYLE } from "./reportStyles";
import { blockRow, type BlockSpec, startBlock } from "./reportTable";
import {
  headerFooterText,
  longDate,
  preparedAtText,
  quarterText,
  shortDate,
  sizedSection,
} from "./reportWords";
import type { PrintSetup, SheetLayout } from "./sheetLayout";

/** Prefix every report sheet name starts with; `isReportSheet` tells our sheets apart on re-run. */
export const REPORT_SHEET_PREFIX = "12b-1 Report ";

/** `reportSheetName("2026Q3")` → "12b-1 Report 2026-Q3". */
export function reportSheetName(quarterLabel: string): string {
  return `${REPORT_SHEET_PREFIX}${quarterLabel.replace("Q", "-Q")}`;
}

/** True for a sheet name this module writes: `isReportSheet("12b-1 Report 2026-Q3")` → true. */
export function isReportSheet(name: string): boolean {
  return /^12b-1 Report \d{4}-Q[1-4]$/.test(name);
}

/**
 * Why a report of `quarter` as of `asOf` is refused, or null: a quarter not
 * begun, or not ended unless a preliminary report is asked for (SPEC §5).
 * Both adapters say the same sentence.
 *
 * `unfinishedQuarter(parseQuarter("2026Q4")!, day("2026-11-28"), false)` → "2026 Q4 has not ended on 2026-11-28 …"
 */
export function unfinishedQuarter(
  quarter: { label: string; start: number; end: number },
  asOf: number,
  preliminary: boolean
): string | null {
  const name = quarterText(quarter.label);
  if (quarter.start > asOf)
    return `${name} has not begun on ${isoDate(asOf)}: there is nothing to report yet.`;
  if (quarter.end > asOf && !preliminary)
    return `${name} has not ended on ${isoDate(asOf)} (it ends ${isoDate(quarter.end)}): ask for a preliminary report to see it so far, marked PRELIMINARY on every page.`;
  return null;
}

const money = (value: { toNumber(): number }) => value.toNumber();
const DASH = "—";

/** Row of the fees block per portfolio (for the Item 19(g) block's references). */
export type FeeRows = Map<string, number>;

/** A rate as the plan writes it: 0.005 → ".50%", 0.0075 → ".75%", 0.0125 → "1.25%". */
function planRate(rate: { toNumber(): number }): string {
  return `${(rate.toNumber() * 100).toFixed(2).replace(/^0\./, ".")}%`;
}

/** The ceiling(s) a portfolio's maximum used: ".50%", or ".50% to 2 Aug 2026, then .75%". */
function ceilingText(line: PortfolioQuarterLine): string {
  const [first, second] = line.ceilingSpans;
  if (!first) return DASH;
  if (!second || second.from === null) return planRate(first.maxAnnualRate);
  return `${planRate(first.maxAnnualRate)} to ${shortDate(second.from - 1)}, then ${planRate(second.maxAnnualRate)}`;
}

/**
 * The footnote to "Payable at quarter end" (SPEC §5, 2026-12-06): which
 * billing periods make it up and when they were paid, portfolios with the
 * same story said together.
 */
export function payableFootnote(report: QuarterlyReport): string {
  const end = longDate(report.period.end);
  const stories = new Map<string, string[]>();
  for (const line of report.portfolios) {
    if (line.payableBillingPeriods.length === 0) continue;
    const story = line.payableBillingPeriods
      .map(({ period, paidOn }) => {
        const name = periodName(period);
        return `${name}'s fee${paidOn === null ? ", not yet paid in full" : `, paid ${longDate(paidOn)}`}`;
      })
      .join("; ");
    const names = stories.get(story);
    if (names) names.push(line.portfolio);
    else stories.set(story, [line.portfolio]);
  }
  const head = `¹ Payable at ${end}: fees accrued by that day and not yet paid on it. The fee is accrued daily and paid after each billing period ends (Plan §1: monthly, or as the Board sets), so the last period's fee is still payable when the quarter closes.`;
  if (stories.size === 0) return `${head} Nothing was payable on ${end}.`;
  const parts = [...stories].map(([story, names]) => {
    const who =
      names.length <= 4 ? names.join(", ") : `${names.length.toLocaleString("en-US")} portfolios`;
    return `${who}: ${story}.`;
  });
  return `${head} ${parts.join(" ")} Fees paid counts every payment for the quarter's billing periods recorded through ${longDate(report.asOf)}, so it includes those made after ${end}.`;
}

/** Fees and the cap, per portfolio and for the trust (Plan §1). Returns the row of each portfolio. */
function feesBlock(b: LayoutBuilder, report: QuarterlyReport): FeeRows {
  const spec: BlockSpec = {
    title: "1. Distribution fees and the cap (Plan §1, §8)",
    header: [
      "Portfolio",
      "Days in effect",
      "Average daily net assets",
      "Rate(s)",
      "Ceiling (max annual rate)",
      "Fees accrued",
      "Fees paid",
      `Payable at ${report.preliminary ? shortDate(report.period.end) : "quarter end"} ¹`,
      "Maximum allowable",
      "Headroom on accrued",
      "Headroom on paid",
      "Within cap?",
    ],
  };
  const footnote = payableFootnote(report);
  // The cap's measure and ceilings are said once, after the note (SPEC §2 "Cap basis").
  const noteText = `${NOTE_TEXT} ${capMeasureSentence(report.portfolios)}`;
  const noteHeight = wrappedHeight(noteText, NOTE_WIDTH) + wrappedHeight(footnote, NOTE_WIDTH);
  startBlock(b, spec, 15 * (report.portfolios.length + 1) + noteHeight);
  const rows: FeeRows = new Map();
  const first = b.row;
  for (const line of report.portfolios) {
    blockRow(b, spec, 15);
    const row = b.put([line.portfolio]);
    rows.set(line.portfolio, row);
    const none = line.daysInEffect === 0;
    b.set(row, 2, line.daysInEffect, STYLE.count);
    b.set(
      row,
      3,
      line.averageDailyNetAssets === null ? DASH : money(line.averageDailyNetAssets),
      line.averageDailyNetAssets === null ? STYLE.center : STYLE.money
    );
    if (none || line.annualRates.length === 0) b.set(row, 4, DASH, STYLE.center);
    else if (line.annualRates.length === 1)
      b.set(row, 4, line.annualRates[0]!.toNumber(), { ...STYLE.rate, align: "center" });
    else
      b.set(row, 4, line.annualRates.map((r) => `${r.times(100).toFixed(3)}%`).join(" → "), {
        align: "center",
      });
    b.set(row, 5, none ? DASH : ceilingText(line), STYLE.center);
    [line.feesAccrued, line.feesPaid, line.payable, line.maximumAllowable].forEach((value, i) =>
      b.set(row, 6 + i, money(value), STYLE.money)
    );
    if (none) {
      b.set(row, 10, DASH, STYLE.center);
      b.set(row, 11, DASH, STYLE.center);
      b.set(row, 12, "Not in effect", STYLE.center);
    } else {
      b.set(row, 10, money(line.headroom), STYLE.money);
      b.set(row, 11, money(line.headroomPaid), STYLE.money);
      b.set(
        row,
        12,
        line.breach ? "BREACH" : "Yes",
        line.breach ? { ...STYLE.error, align: "center" } : STYLE.center
      );
    }
  }
  const last = b.row - 1;
  const t = report.trust;
  const row = b.put(["Trust"], STYLE.total);
  b.set(row, 2, t.portfolioDays, { ...STYLE.count, ...STYLE.total });
  b.set(row, 3, money(t.averageDailyNetAssets), STYLE.moneyTotal);
  b.set(row, 4, null, STYLE.total);
  b.set(row, 5, null, STYLE.total);
  [t.feesAccrued, t.feesPaid, t.payable, t.maximumAllowable].forEach((value, i) =>
    b.set(row, 6 + i, sumDown(6 + i, first, last, money(value)), STYLE.moneyTotal)
  );
  // The cap is per portfolio: one portfolio's room never offsets another's breach.
  b.set(row, 10, DASH, { ...STYLE.total, align: "center" });
  b.set(row, 11, DASH, { ...STYLE.total, align: "center" });
  b.set(
    row,
    12,
    report.nothingToCheck
      ? "Nothing to check"
      : t.portfoliosInBreach === 0
        ? "None in breach"
        : `${t.portfoliosInBreach} in breach`,
    t.portfoliosInBreach
      ? { ...STYLE.error, align: "center", border: "top" }
      : { ...STYLE.total, align: "center" }
  );
  for (const text of [noteText, footnote]) {
    const note = b.put([text], STYLE.note);
    b.merge(note, 1, note, REPORT_COLUMNS);
    b.height(note, wrappedHeight(text, NOTE_WIDTH));
  }
  return rows;
}

const NOTE_TEXT =
  "Average daily net assets are the cap's own measure over each portfolio's in-effect days, so maximum allowable = average × ceiling × days in effect ÷ days in the year (Plan §1). The ceiling is the plan's .50%, or a higher one approved under Plan §8 (a Class B shareholder vote and a Board vote). Headroom = maximum − fees (negative = over the cap; a breach is more than half a cent over). The cap is per portfolio, so the trust row gives totals and the number of portfolios in breach, not a combined headroom; its days are portfolio-days in effect and its average counts only portfolios in effect (§1, partial plan). Fees paid = payments recorded for the quarter's billing periods.";
/** Characters of 9-point italic note text across the page (10-point widths × 1.15). */
const NOTE_WIDTH = REPORT_COLUMN_WIDTHS.reduce((a, w) => a + w, 0) * 1.15;

/** The report's print setup: landscape, one page wide, titles repeated, header and footer in Excel's codes. */
function printSetup(report: QuarterlyReport): PrintSetup {
  const quarter = quarterText(report.quarter.label);
  const right = `12b-1 report, ${quarter}${report.preliminary ? " — PRELIMINARY" : ""}`;
  return {
    orientation: "landscape",
    fitToWidth: 1,
    repeatRows: [1, 2],
    header: `&L${sizedSection(8, "Rule 12b-1 Class B Distribution Plan")}${
      report.preliminary ? `&C&"-,Bold"&12PRELIMINARY` : ""
    }&R${sizedSection(8, right)}`,
    footer: `&L${sizedSection(8, `Prepared ${preparedAtText(report.preparedAt)}`)}&C&8Page &P of &N&R&8${headerFooterText("Confidential — for the Board of Trustees")}`,
  };
}

/**
 * Lays out `report` as the sheet `12b-1 Report YYYY-Qn`: the board's pages,
 * nothing else (SPEC §5, 2026-12-06). The input fingerprint and the run's
 * details are on the audit trail sheet (reportAuditTrail.ts), not here.
 *
 * `reportLayout(quarterlyReport(plan, parseQuarter("2026Q3")!, { asOf, preparedAt })).sheetName`
 * → "12b-1 Report 2026-Q3"
 *
 * `audit` gives the preparer's name for the sign-off when the Reviews table
 * has none — the pane's "Prepared by" or the runner's `--prepared-by`, never
 * the operating-system account a run happened under (`namedPreparer`).
 */
export function reportLayout(report: QuarterlyReport, audit?: AuditFacts): SheetLayout {
  const b = new LayoutBuilder(REPORT_PAGE_HEIGHT);
  const { quarter, period } = report;
  const title = `Rule 12b-1 Class B Distribution Plan — quarterly report to the Board, ${quarterText(quarter.label)}`;
  // SPEC §2 "Nothing to check is not compliance": an empty plan's report says so on its first line.
  const empty = report.nothingToCheck ? ` — ${report.nothingToCheck.message}` : "";
  b.put([`${report.preliminary ? `PRELIMINARY — ${title}` : title}${empty}`], STYLE.title);
  b.height(1, 22);
  const prepared = preparedAtText(report.preparedAt);
  b.put(
    [
      report.preliminary
        ? `PRELIMINARY: the quarter has not ended; figures run from ${longDate(period.start)} to ${longDate(period.end)} only (the quarter ends ${longDate(quarter.end)}) · prepared ${prepared} (Plan §5)`
        : `The quarter from ${longDate(quarter.start)} to ${longDate(quarter.end)}, as it stood on its last day; payments recorded through ${longDate(report.asOf)} · prepared ${prepared} (Plan §5; Rule 12b-1(b)(3)(ii))`,
    ],
    report.preliminary ? { ...STYLE.subtitle, ...STYLE.error, italic: true } : STYLE.subtitle
  );
  b.skip();
  const feeRows = feesBlock(b, report);
  b.skip();
  const categoryRows = expendituresBlock(b, report);
  b.skip();
  itemNineteenBlock(b, report, categoryRows, feeRows);
  b.skip();
  carryforwardBlock(b, report);
  b.skip();
  governanceBlock(b, report);
  b.skip();
  agreementsBlock(b, report);
  b.skip();
  exceptionsBlock(b, report);
  b.skip();
  const preparer = report.signOff?.preparedBy.trim() || (audit ? namedPreparer(audit) : "");
  signOffBlock(b, report, preparer);
  return b.build(reportSheetName(quarter.label), [...REPORT_COLUMN_WIDTHS], printSetup(report), 2);
}
