/**
 * The quarterly report sheet of SPEC §5 (Plan §5) as a `SheetLayout`: every
 * figure is the engine's `QuarterlyReport`; this module only places it.
 * Totals are `SUM` formulas over the rows above (with the engine's total as
 * the cached result), so the sheet stays live when someone edits a figure,
 * and user text (portfolio names, payees, agreement names) is `text`, never
 * a formula. Both adapters — the runner and the task pane — write it.
 */
import { isoDate } from "../engine/calendar";
import type { QuarterlyReport } from "../engine/quarterlyReport";
import { capMeasureSentence } from "../engine/reportFigures";
import type { AuditFacts } from "./auditTrail";
import { LayoutBuilder, sumDown } from "./layoutBuilder";
import { carryforwardBlock, expendituresBlock, itemNineteenBlock } from "./reportBlocks";
import {
  agreementsBlock,
  auditBlock,
  exceptionsBlock,
  governanceBlock,
  signOffBlock,
} from "./reportRegisters";
import { REPORT_COLUMN_WIDTHS, REPORT_COLUMNS, REPORT_PAGE_HEIGHT, STYLE } from "./reportStyles";
import { blockRow, type BlockSpec, startBlock } from "./reportTable";
import { headerFooterText, quarterText, sizedSection } from "./reportWords";
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

/** Fees and the cap, per portfolio and for the trust (Plan §1). Returns the row of each portfolio. */
function feesBlock(b: LayoutBuilder, report: QuarterlyReport): FeeRows {
  const spec: BlockSpec = {
    title: "1. Distribution fees and the .50% cap (Plan §1)",
    header: [
      "Portfolio",
      "Days in effect",
      "Average daily net assets",
      "Rate(s)",
      "Fees accrued",
      "Fees paid",
      report.preliminary ? `Payable at ${isoDate(report.period.end)}` : "Payable at quarter end",
      "Maximum allowable",
      "Headroom on accrued",
      "Headroom on paid",
      "Within cap?",
    ],
  };
  startBlock(b, spec, 15 * (report.portfolios.length + 1) + 40);
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
    [line.feesAccrued, line.feesPaid, line.payable, line.maximumAllowable].forEach((value, i) =>
      b.set(row, 5 + i, money(value), STYLE.money)
    );
    if (none) {
      b.set(row, 9, DASH, STYLE.center);
      b.set(row, 10, DASH, STYLE.center);
      b.set(row, 11, "Not in effect", STYLE.center);
    } else {
      b.set(row, 9, money(line.headroom), STYLE.money);
      b.set(row, 10, money(line.headroomPaid), STYLE.money);
      b.set(
        row,
        11,
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
  [t.feesAccrued, t.feesPaid, t.payable, t.maximumAllowable].forEach((value, i) =>
    b.set(row, 5 + i, sumDown(5 + i, first, last, money(value)), STYLE.moneyTotal)
  );
  // The cap is per portfolio: one portfolio's room never offsets another's breach.
  b.set(row, 9, DASH, { ...STYLE.total, align: "center" });
  b.set(row, 10, DASH, { ...STYLE.total, align: "center" });
  b.set(
    row,
    11,
    report.nothingToCheck
      ? "Nothing to check"
      : t.portfoliosInBreach === 0
        ? "None in breach"
        : `${t.portfoliosInBreach} in breach`,
    t.portfoliosInBreach
      ? { ...STYLE.error, align: "center", border: "top" }
      : { ...STYLE.total, align: "center" }
  );
  const note = b.put(
    [
      "Average daily net assets are the cap's own measure over each portfolio's in-effect days, so maximum allowable = average × max annual rate × days in effect ÷ days in the year (Plan §1). Headroom = maximum − fees (negative = over the cap; a breach is more than half a cent over). The cap is per portfolio, so the trust row gives totals and the number of portfolios in breach, not a combined headroom; its days are portfolio-days in effect and its average counts only portfolios in effect (§1, partial plan). Fees paid = payments recorded for the period. " +
        capMeasureSentence(report.portfolios),
    ],
    STYLE.note
  );
  b.merge(note, 1, note, REPORT_COLUMNS);
  b.height(note, 40);
  return rows;
}

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
    footer: `&L${sizedSection(8, `Prepared ${report.preparedAt}`)}&C&8Page &P of &N&R&8${headerFooterText("Confidential — for the Board of Trustees")}`,
  };
}

/**
 * Lays out `report` as the sheet `12b-1 Report YYYY-Qn`.
 *
 * `reportLayout(quarterlyReport(plan, parseQuarter("2026Q3")!, { asOf, preparedAt })).sheetName`
 * → "12b-1 Report 2026-Q3"
 *
 * With `audit` (who, when, version, input workbook, NAV rows used — see
 * auditTrail.ts) the sheet ends with an audit-trail block.
 */
export function reportLayout(report: QuarterlyReport, audit?: AuditFacts): SheetLayout {
  const b = new LayoutBuilder(REPORT_PAGE_HEIGHT);
  const { quarter, period } = report;
  const title = `Rule 12b-1 Class B Distribution Plan — quarterly report to the Board, ${quarterText(quarter.label)}`;
  // SPEC §2 "Nothing to check is not compliance": an empty plan's report says so on its first line.
  const empty = report.nothingToCheck ? ` — ${report.nothingToCheck.message}` : "";
  b.put([`${report.preliminary ? `PRELIMINARY — ${title}` : title}${empty}`], STYLE.title);
  b.height(1, 22);
  b.put(
    [
      report.preliminary
        ? `PRELIMINARY: the quarter has not ended; figures run from ${isoDate(period.start)} to ${isoDate(period.end)} only (the quarter ends ${isoDate(quarter.end)}) · prepared ${report.preparedAt} by rule12b1 (Plan §5)`
        : `Quarter ${isoDate(quarter.start)} to ${isoDate(quarter.end)}, as it stood on its last day; payments recorded through ${isoDate(report.asOf)} · prepared ${report.preparedAt} by rule12b1 (Plan §5; Rule 12b-1(b)(3)(ii))`,
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
  const preparer = report.signOff?.preparedBy.trim() || audit?.preparedBy || "";
  signOffBlock(b, report, preparer);
  if (audit) {
    b.skip();
    auditBlock(b, audit, preparer);
  }
  return b.build(reportSheetName(quarter.label), [...REPORT_COLUMN_WIDTHS], printSetup(report), 2);
}
