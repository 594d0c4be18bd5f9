/**
 * The quarterly report (SPEC §5) as a grid for the Excel adapter: rows of
 * cells (numbers, text, `=SUM` formulas), number formats, bold rows and the
 * chart's source block. Layout only: every figure is the engine's
 * `QuarterlyReport`. Stands in until the adapter-neutral
 * `src/workbook/reportLayout.ts` lands; both adapters should then share it.
 */
import { isoDate } from "../engine/calendar";
import type { QuarterlyReport } from "../engine/quarterlyReport";
import { describeSource } from "../engine/exceptions";
import { columnLetters } from "../workbook/cells";
import { FORMATS } from "../workbook/schema";
import { asText } from "./payload";

export type ReportCell = number | string | null;

export interface ReportGrid {
  /** Sheet name, `12b-1 Report YYYY-Qn`. */
  sheetName: string;
  rows: ReportCell[][];
  /** Number format per [row, column], for the cells that need one. */
  formats: { row: number; column: number; rows: number; format: string }[];
  boldRows: number[];
  /** 0-based rows of the chart's source (category labels in column A, amounts in B). */
  chart: { firstRow: number; rows: number; title: string };
  columnWidths: number[];
}

/** `12b-1 Report 2026-Q3` for quarter label 2026Q3. */
export function reportSheetName(quarterLabel: string): string {
  return `12b-1 Report ${quarterLabel.replace("Q", "-Q")}`;
}

const money = (value: { toNumber(): number }) => value.toNumber();

/** Lays out `report`; user text goes through `asText` so it is never taken for a formula. */
export function reportGrid(report: QuarterlyReport): ReportGrid {
  const rows: ReportCell[][] = [];
  const formats: ReportGrid["formats"] = [];
  const boldRows: number[] = [];
  const add = (cells: ReportCell[], bold = false) => {
    if (bold) boldRows.push(rows.length);
    rows.push(cells);
    return rows.length - 1;
  };
  const sumOf = (column: number, first: number, last: number) => `=SUM(${columnLetters(column + 1)}${first + 1}:${columnLetters(column + 1)}${last + 1})`;

  add([`Rule 12b-1 Class B Distribution Plan — quarterly report ${report.quarter.label} (Plan §5)`], true);
  add([`Quarter ${isoDate(report.quarter.start)} to ${isoDate(report.quarter.end)} · prepared ${report.preparedAt}`]);
  add([]);

  add(["Fees and the cap", "Days in effect", "Average daily net assets", "Rate(s)", "Fees accrued", "Fees paid", "Payable", "Maximum allowable", "Headroom"], true);
  const firstLine = rows.length;
  for (const line of report.portfolios) {
    add([
      asText(line.portfolio),
      line.daysInEffect,
      line.averageDailyNetAssets === null ? null : money(line.averageDailyNetAssets),
      line.annualRates.map((r) => `${r.times(100).toFixed(2)}%`).join(", "),
      money(line.feesAccrued),
      money(line.feesPaid),
      money(line.payable),
      money(line.maximumAllowable),
      money(line.headroom),
    ]);
  }
  const lastLine = rows.length - 1;
  const total = add(["Trust", null, sumOf(2, firstLine, lastLine), null, ...[4, 5, 6, 7, 8].map((c) => sumOf(c, firstLine, lastLine))], true);
  formats.push({ row: firstLine, column: 2, rows: total - firstLine + 1, format: FORMATS.money });
  for (const c of [4, 5, 6, 7, 8]) formats.push({ row: firstLine, column: c, rows: total - firstLine + 1, format: FORMATS.money });
  add([]);

  add(["Expenditures by category (Plan §2)", "Trust", ...report.expenditures.map((e) => asText(e.portfolio))], true);
  const firstCategory = rows.length;
  for (const category of report.categories) {
    const amounts = report.expenditures.map((e) => money(e.amounts[category.letter]));
    add([`(${category.letter}) ${category.shortLabel}`, money(report.expenditureTotals.amounts[category.letter]), ...amounts]);
  }
  const lastCategory = rows.length - 1;
  const categoryTotal = add(["Total", ...Array.from({ length: report.expenditures.length + 1 }, (_, i) => sumOf(i + 1, firstCategory, lastCategory))], true);
  for (let c = 1; c <= report.expenditures.length + 1; c += 1) formats.push({ row: firstCategory, column: c, rows: categoryTotal - firstCategory + 1, format: FORMATS.money });
  add([]);

  add(["Form N-1A Item 19(g) line", "Amount"], true);
  const firstN1a = rows.length;
  for (const line of report.n1a) add([line.line, money(line.amount)]);
  const n1aTotal = add(["Total", sumOf(1, firstN1a, rows.length - 1)], true);
  formats.push({ row: firstN1a, column: 1, rows: n1aTotal - firstN1a + 1, format: FORMATS.money });
  add([]);

  add(["Carryforward", "Opening", "Incurred", "Paid", "Closing"], true);
  const firstCarry = rows.length;
  for (const line of report.carryforward) add([asText(line.portfolio), money(line.opening), money(line.incurred), money(line.paid), money(line.closing)]);
  if (report.carryforward.length) formats.push({ row: firstCarry, column: 1, rows: report.carryforward.length, format: FORMATS.money });
  for (const c of [2, 3, 4]) if (report.carryforward.length) formats.push({ row: firstCarry, column: c, rows: report.carryforward.length, format: FORMATS.money });
  add([]);

  add(["Governance (Plan §3, §4, §6)", "In effect at quarter end", "Last approval or continuance", "Lapse date", "Days left", "Terminations"], true);
  for (const line of report.governance) {
    add([
      asText(line.portfolio),
      line.inEffectAtQuarterEnd ? "Yes" : "No",
      line.lastApprovalOrContinuance === null ? null : isoDate(line.lastApprovalOrContinuance),
      line.lapseDate === null ? null : isoDate(line.lapseDate),
      line.daysLeft,
      line.terminations.map(isoDate).join(", "),
    ]);
  }
  add([]);

  add(["Agreements (Plan §7)", "Counterparty", "Portfolio", "Active at quarter end", "Findings"], true);
  for (const line of report.agreements) {
    add([asText(line.agreement.agreement), asText(line.agreement.counterparty), asText(line.agreement.portfolio), line.activeAtQuarterEnd ? "Yes" : "No", asText(line.findings.join(" "))]);
  }
  add([]);

  add(["Exceptions", "Severity", "Rule", "Where"], true);
  if (report.exceptions.length === 0) add(["None."]);
  for (const e of report.exceptions) add([asText(e.message), e.severity, e.rule, e.source ? describeSource(e.source) : ""]);
  add([]);

  const signOff = report.signOff;
  add(["Sign-off"], true);
  add(["Prepared by", asText(signOff?.preparedBy ?? "")]);
  add(["Reviewed by", asText(signOff?.reviewedBy ?? "")]);
  add(["Board review date", signOff?.boardReview == null ? "" : isoDate(signOff.boardReview)]);

  const width = Math.max(...rows.map((r) => r.length));
  const padded = rows.map((r) => [...r, ...Array<ReportCell>(width - r.length).fill(null)]);
  return {
    sheetName: reportSheetName(report.quarter.label),
    rows: padded,
    formats,
    boldRows,
    chart: { firstRow: firstCategory, rows: lastCategory - firstCategory + 1, title: `Expenditures by category, ${report.quarter.label}` },
    columnWidths: [260, ...Array<number>(width - 1).fill(110)],
  };
}
