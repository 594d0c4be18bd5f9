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
import { LayoutBuilder, sumDown } from "./layoutBuilder";
import type { AuditFacts } from "./auditTrail";
import {
  agreementsBlock,
  auditBlock,
  carryforwardBlock,
  exceptionsBlock,
  expendituresBlock,
  governanceBlock,
  n1aBlock,
  putHeader,
  section,
  signOffBlock,
} from "./reportBlocks";
import { REPORT_COLUMN_WIDTHS, REPORT_COLUMNS, STYLE } from "./reportStyles";
import type { SheetLayout } from "./sheetLayout";

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

const money = (value: { toNumber(): number }) => value.toNumber();

/** Fees and the cap, per portfolio and for the trust (Plan §1). Returns nothing; writes rows. */
function feesBlock(b: LayoutBuilder, report: QuarterlyReport): void {
  section(b, "1. Distribution fees and the .50% cap (Plan §1)");
  putHeader(b, [
    "Portfolio",
    "Days in effect",
    "Average daily net assets",
    "Rate(s)",
    "Fees accrued",
    "Fees paid",
    "Payable at quarter end",
    "Maximum allowable",
    "Headroom on accrued",
    "Headroom on paid",
    "Within cap?",
  ]);
  const first = b.row;
  for (const line of report.portfolios) {
    const row = b.put([line.portfolio]);
    b.set(row, 2, line.daysInEffect, STYLE.count);
    b.set(
      row,
      3,
      line.averageDailyNetAssets === null ? "not computed" : money(line.averageDailyNetAssets),
      line.averageDailyNetAssets === null ? STYLE.center : STYLE.money
    );
    if (line.annualRates.length === 1)
      b.set(row, 4, line.annualRates[0]!.toNumber(), { ...STYLE.rate, align: "center" });
    else
      b.set(
        row,
        4,
        line.annualRates.length === 0
          ? "none"
          : line.annualRates.map((r) => `${r.times(100).toFixed(3)}%`).join(" → "),
        { align: "center" }
      );
    [
      line.feesAccrued,
      line.feesPaid,
      line.payable,
      line.maximumAllowable,
      line.headroom,
      line.headroomPaid,
    ].forEach((value, i) => b.set(row, 5 + i, money(value), STYLE.money));
    b.set(
      row,
      11,
      line.breach ? "BREACH" : "Yes",
      line.breach ? { ...STYLE.error, align: "center" } : STYLE.center
    );
  }
  const last = b.row - 1;
  const t = report.trust;
  const row = b.put(["Trust"], STYLE.total);
  b.set(row, 2, null, STYLE.total);
  b.set(row, 3, sumDown(3, first, last, money(t.averageDailyNetAssets)), STYLE.moneyTotal);
  b.set(row, 4, null, STYLE.total);
  [t.feesAccrued, t.feesPaid, t.payable, t.maximumAllowable, t.headroom, t.headroomPaid].forEach(
    (value, i) => b.set(row, 5 + i, sumDown(5 + i, first, last, money(value)), STYLE.moneyTotal)
  );
  b.set(
    row,
    11,
    t.breach ? "BREACH" : "Yes",
    t.breach
      ? { ...STYLE.error, align: "center", border: "top" }
      : { ...STYLE.total, align: "center" }
  );
  const note = b.put(
    [
      "Maximum allowable = Σ over the quarter's in-effect days of net assets × max annual rate ÷ days in the year (SPEC §2). Headroom = maximum − fees (negative = over the cap; a breach is below −$0.005). Payable = accrued but unpaid at quarter end.",
    ],
    STYLE.note
  );
  b.merge(note, 1, note, REPORT_COLUMNS);
  b.height(note, 26);
}

/**
 * Lays out `report` as the sheet `12b-1 Report YYYY-Qn`.
 *
 * `reportLayout(quarterlyReport(plan, evaluation, parseQuarter("2026Q3")!, "2026-11-28 10:00 UTC")).sheetName`
 * → "12b-1 Report 2026-Q3"
 *
 * With `audit` (who, when, version, input workbook, NAV rows used — see
 * auditTrail.ts) the sheet ends with an audit-trail block.
 */
export function reportLayout(report: QuarterlyReport, audit?: AuditFacts): SheetLayout {
  const b = new LayoutBuilder();
  const { quarter } = report;
  b.put(
    [
      `Rule 12b-1 Class B Distribution Plan — quarterly report to the Board, ${quarter.label.replace("Q", " Q")}`,
    ],
    STYLE.title
  );
  b.height(1, 22);
  b.put(
    [
      `Quarter ${isoDate(quarter.start)} to ${isoDate(quarter.end)} · figures as of ${isoDate(report.asOf)} · prepared ${report.preparedAt} by rule12b1 (Plan §5; Rule 12b-1(b)(3)(ii))`,
    ],
    STYLE.subtitle
  );
  b.skip();
  feesBlock(b, report);
  b.skip();
  const categoryRows = expendituresBlock(b, report);
  b.skip();
  n1aBlock(b, report, categoryRows);
  b.skip();
  carryforwardBlock(b, report);
  b.skip();
  governanceBlock(b, report);
  b.skip();
  agreementsBlock(b, report);
  b.skip();
  exceptionsBlock(b, report);
  b.skip();
  signOffBlock(b, report);
  if (audit) {
    b.skip();
    auditBlock(b, audit);
  }
  return b.build(
    reportSheetName(quarter.label),
    [...REPORT_COLUMN_WIDTHS],
    {
      orientation: "landscape",
      fitToWidth: 1,
      repeatRows: [1, 2],
      header: `&L&8Rule 12b-1 Class B Distribution Plan&R&8${reportSheetName(quarter.label)}`,
      footer: `&L&8Prepared ${report.preparedAt}&C&8Page &P of &N&R&8Confidential — for the Board of Trustees`,
    },
    2
  );
}
