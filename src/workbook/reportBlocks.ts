/**
 * The blocks of the quarterly report below the fee table (SPEC §5):
 * expenditures by category with a chart, the Form N-1A Item 19(g) mapping,
 * carryforward, governance, agreements, exceptions and sign-off lines.
 */
import { type Day, isoDate } from "../engine/calendar";
import { describeSource, RULES } from "../engine/exceptions";
import { CATEGORY_LETTERS } from "../engine/expenditures";
import type { QuarterlyReport } from "../engine/quarterlyReport";
import { type LayoutBuilder, sumAcross, sumDown, wrappedHeight } from "./layoutBuilder";
import { REPORT_COLUMN_WIDTHS, REPORT_COLUMNS, STYLE } from "./reportStyles";
import { address, type CellStyle } from "./sheetLayout";
import { type AuditFacts, auditLines } from "./auditTrail";

const money = (value: { toNumber(): number }) => value.toNumber();
const dateOrBlank = (d: Day | null) => (d === null ? null : { date: d });
const widthOf = (left: number, right: number) =>
  REPORT_COLUMN_WIDTHS.slice(left - 1, right).reduce((a, b) => a + b, 0);

/** A header row: wrapped, shaded, tall enough for two lines. Returns its row. */
export function putHeader(
  b: LayoutBuilder,
  values: readonly string[],
  style: CellStyle = STYLE.header
): number {
  const row = b.put(values, style);
  b.style(row, 1, row, 1, { align: "left" });
  b.height(row, 28);
  return row;
}

/** A coloured band with the block's title across the page. */
export function section(b: LayoutBuilder, title: string): void {
  const row = b.put([title, ...Array<string>(REPORT_COLUMNS - 1).fill("")], STYLE.section);
  b.height(row, 18);
}

/** Where the category rows landed, for the N-1A block's formulas. */
export interface CategoryRows {
  first: number;
  trustColumn: number;
}

/**
 * Expenditures by category (a)–(i) per portfolio with row and column totals
 * (Plan §2, §5), a bar chart of the trust totals, and the plan's wording of
 * each category.
 */
export function expendituresBlock(b: LayoutBuilder, report: QuarterlyReport): CategoryRows {
  section(b, "2. Amounts expended and their purposes, by Plan §2 category");
  // Portfolios beyond nine would not fit one page wide: their columns still follow, the page just scales.
  const portfolios = report.expenditures;
  const trustColumn = portfolios.length + 2;
  putHeader(b, ["Category (Plan §2)", ...portfolios.map((line) => line.portfolio), "Trust"]);
  const first = b.row;
  for (const category of report.categories) {
    const row = b.put([`(${category.letter}) ${category.shortLabel}`]);
    portfolios.forEach((line, i) =>
      b.set(row, 2 + i, money(line.amounts[category.letter]), STYLE.money)
    );
    b.set(
      row,
      trustColumn,
      sumAcross(row, 2, trustColumn - 1, money(report.expenditureTotals.amounts[category.letter])),
      STYLE.money
    );
  }
  const last = b.row - 1;
  const total = b.put(["Total"], STYLE.total);
  portfolios.forEach((line, i) =>
    b.set(total, 2 + i, sumDown(2 + i, first, last, money(line.total)), STYLE.moneyTotal)
  );
  b.set(
    total,
    trustColumn,
    sumDown(trustColumn, first, last, money(report.expenditureTotals.total)),
    STYLE.moneyTotal
  );

  b.skip();
  const chartTop = b.row;
  b.charts.push({
    title: `Expenditures by category, ${report.quarter.label} (trust total)`,
    firstRow: first,
    lastRow: last,
    categoryColumn: 1,
    valueColumn: trustColumn,
    anchor: { row: chartTop, column: 1, columns: 6, rows: 16 },
  });
  // The chart sits over A–F; the plan's wording of each category runs beside it.
  b.set(chartTop, 7, "What each category covers (Plan §2 wording)", { ...STYLE.headerLeft });
  b.merge(chartTop, 7, chartTop, REPORT_COLUMNS);
  CATEGORY_LETTERS.forEach((letter, i) => {
    const category = report.categories.find((c) => c.letter === letter)!;
    const row = chartTop + 1 + i;
    const text = `(${letter}) ${category.planWording}`;
    b.set(row, 7, text, { size: 8, wrap: true });
    b.merge(row, 7, row, REPORT_COLUMNS);
  });
  b.row = chartTop + 16;
  const note = b.put(
    [
      "Chart: expenditures of the quarter by category, trust total (column " +
        address(first, trustColumn).replace(/\d+/, "") +
        " above).",
    ],
    STYLE.note
  );
  b.merge(note, 1, note, 6);
  // Rows next to the chart carry the wording: give them the height their text needs.
  CATEGORY_LETTERS.forEach((letter, i) => {
    const category = report.categories.find((c) => c.letter === letter)!;
    b.height(
      chartTop + 1 + i,
      Math.max(
        15,
        wrappedHeight(`(${letter}) ${category.planWording}`, widthOf(7, REPORT_COLUMNS) * 1.15)
      )
    );
  });
  return { first, trustColumn };
}

/** Form N-1A Item 19(g) lines, each a live sum of the categories mapped to it. */
export function n1aBlock(
  b: LayoutBuilder,
  report: QuarterlyReport,
  categoryRows: CategoryRows
): void {
  section(b, "3. Form N-1A Item 19(g) disclosure lines (four quarters add up to the SAI table)");
  putHeader(b, ["Item 19(g) line", "Amount", "Categories"], STYLE.headerLeft);
  b.merge(b.row - 1, 3, b.row - 1, REPORT_COLUMNS);
  const first = b.row;
  for (const { line, amount } of report.n1a) {
    const letters = report.categories.filter((c) => c.n1aLine === line).map((c) => c.letter);
    const refs = letters.map((letter) =>
      address(categoryRows.first + CATEGORY_LETTERS.indexOf(letter), categoryRows.trustColumn)
    );
    const row = b.put([line], STYLE.wrap);
    b.height(row, wrappedHeight(line, REPORT_COLUMN_WIDTHS[0]!));
    b.set(
      row,
      2,
      refs.length ? { formula: refs.join("+"), result: money(amount) } : money(amount),
      STYLE.money
    );
    b.set(
      row,
      3,
      letters.length
        ? letters.map((l) => `(${l})`).join(", ")
        : "none: the plan pays no interest on carryforward",
      { indent: 1 }
    );
    b.merge(row, 3, row, REPORT_COLUMNS);
  }
  const total = b.put(["Total"], STYLE.total);
  b.set(
    total,
    2,
    sumDown(2, first, b.row - 2, money(report.expenditureTotals.total)),
    STYLE.moneyTotal
  );
}

/** Unreimbursed distribution expenses carried forward (Plan §1; N-1A Item 19(g)). */
export function carryforwardBlock(b: LayoutBuilder, report: QuarterlyReport): void {
  section(b, "4. Carryforward of unreimbursed distribution expenses (Plan §1)");
  putHeader(b, [
    "Portfolio",
    "Plan type",
    "Opening",
    "Incurred (a)–(i)",
    "Paid",
    "Closing",
    "Closing as % of Class B net assets",
  ]);
  const first = b.row;
  for (const line of report.carryforward) {
    const row = b.put([line.portfolio, line.planType]);
    [line.opening, line.incurred, line.paid, line.closing].forEach((value, i) =>
      b.set(row, 3 + i, money(value), STYLE.money)
    );
    b.set(
      row,
      7,
      line.closingPercentOfNetAssets === null ? "n/a" : line.closingPercentOfNetAssets.toNumber(),
      STYLE.percent
    );
  }
  if (report.carryforward.length === 0) b.put(["No fees or expenditures recorded."], STYLE.note);
  else {
    const total = b.put(["Trust"], STYLE.total);
    for (let column = 3; column <= 6; column += 1) {
      const pick = [
        (l: (typeof report.carryforward)[number]) => l.opening,
        (l: (typeof report.carryforward)[number]) => l.incurred,
        (l: (typeof report.carryforward)[number]) => l.paid,
        (l: (typeof report.carryforward)[number]) => l.closing,
      ][column - 3]!;
      const result = report.carryforward.reduce((sum, l) => sum + money(pick(l)), 0);
      b.set(
        total,
        column,
        sumDown(column, first, total - 1, Math.round(result * 100) / 100),
        STYLE.moneyTotal
      );
    }
  }
}

/** Approval, continuance, lapse and termination per portfolio (Plan §3, §4, §6). */
export function governanceBlock(b: LayoutBuilder, report: QuarterlyReport): void {
  section(b, "5. Governance: approval, continuance and termination (Plan §3, §4, §6)");
  putHeader(b, [
    "Portfolio",
    "In effect at quarter end",
    "Last approval or continuance",
    "Lapses on",
    "Days left (as of report date)",
    "Terminations",
  ]);
  for (const line of report.governance) {
    const row = b.put([line.portfolio, line.inEffectAtQuarterEnd ? "Yes" : "No"], {}, 1);
    b.style(
      row,
      2,
      row,
      2,
      line.inEffectAtQuarterEnd ? STYLE.center : { ...STYLE.error, align: "center" }
    );
    b.set(row, 3, dateOrBlank(line.lastApprovalOrContinuance), STYLE.date);
    b.set(row, 4, dateOrBlank(line.lapseDate), STYLE.date);
    if (line.daysLeft !== null)
      b.set(
        row,
        5,
        line.daysLeft,
        line.daysLeft < 0
          ? { ...STYLE.error, align: "center" }
          : line.daysLeft <= 60
            ? { ...STYLE.warning, align: "center" }
            : STYLE.count
      );
    b.set(
      row,
      6,
      line.terminations.length ? line.terminations.map(isoDate).join(", ") : "—",
      STYLE.center
    );
  }
}

/** The agreements register with its Plan §7 findings. */
export function agreementsBlock(b: LayoutBuilder, report: QuarterlyReport): void {
  section(b, "6. Agreements related to the plan (Plan §7)");
  putHeader(b, [
    "Agreement",
    "Counterparty",
    "Portfolio",
    "Approved",
    "In writing",
    "Notice days",
    "Assigned",
    "Terminated",
    "Active at quarter end",
    "Findings",
  ]);
  b.merge(b.row - 1, 10, b.row - 1, REPORT_COLUMNS);
  if (report.agreements.length === 0) b.put(["No agreements recorded."], STYLE.note);
  for (const line of report.agreements) {
    const a = line.agreement;
    const findings = line.findings.join(" ") || "None.";
    const row = b.put([a.agreement, a.counterparty, a.portfolio], STYLE.wrap);
    b.set(row, 4, dateOrBlank(a.approved), STYLE.date);
    b.set(row, 5, a.inWriting === null ? "?" : a.inWriting ? "Yes" : "No", STYLE.center);
    b.set(row, 6, a.noticeDays, STYLE.count);
    b.set(row, 7, dateOrBlank(a.assigned), STYLE.date);
    b.set(row, 8, dateOrBlank(a.terminated), STYLE.date);
    b.set(row, 9, line.activeAtQuarterEnd ? "Yes" : "No", STYLE.center);
    b.set(
      row,
      10,
      findings,
      line.findings.length ? { ...STYLE.wrap, color: "FFC00000" } : STYLE.wrap
    );
    b.merge(row, 10, row, REPORT_COLUMNS);
    b.height(
      row,
      Math.max(
        wrappedHeight(findings, widthOf(10, REPORT_COLUMNS)),
        wrappedHeight(a.agreement, REPORT_COLUMN_WIDTHS[0]!),
        wrappedHeight(a.counterparty, REPORT_COLUMN_WIDTHS[1]!),
        wrappedHeight(a.portfolio, REPORT_COLUMN_WIDTHS[2]!)
      )
    );
  }
}

/** Every finding of the quarter and the plan's standing, errors first. */
export function exceptionsBlock(b: LayoutBuilder, report: QuarterlyReport): void {
  const errors = report.exceptions.filter((e) => e.severity === "error").length;
  section(
    b,
    `7. Exceptions (${errors} error${errors === 1 ? "" : "s"}, ${report.exceptions.length - errors} other)`
  );
  putHeader(b, ["Rule", "Severity", "Plan section", "Portfolio", "Date", "Finding"]);
  b.merge(b.row - 1, 6, b.row - 1, REPORT_COLUMNS);
  if (report.exceptions.length === 0) b.put(["None: no exceptions for the quarter."], STYLE.note);
  for (const e of report.exceptions) {
    const where = e.source ? ` [${describeSource(e.source)}]` : "";
    const text = e.message + where;
    const row = b.put(
      [
        RULES[e.rule].title,
        e.severity.toUpperCase(),
        RULES[e.rule].section,
        e.portfolio ?? "Trust",
      ],
      STYLE.wrap
    );
    b.style(row, 2, row, 2, { ...STYLE[e.severity], align: "center" });
    b.style(row, 3, row, 4, STYLE.center);
    b.set(row, 5, dateOrBlank(e.date), STYLE.date);
    b.set(row, 6, text, STYLE.wrap);
    b.merge(row, 6, row, REPORT_COLUMNS);
    b.height(
      row,
      Math.max(
        wrappedHeight(text, widthOf(6, REPORT_COLUMNS)),
        wrappedHeight(RULES[e.rule].title, REPORT_COLUMN_WIDTHS[0]!)
      )
    );
  }
}

/** Prepared by / reviewed by / board review date lines (SPEC §5), filled from the Reviews table when present. */
export function signOffBlock(b: LayoutBuilder, report: QuarterlyReport): void {
  section(b, "8. Sign-off");
  const signOff = report.signOff;
  const line = (label: string, value: string | { date: Day } | null) => {
    b.skip();
    const row = b.put([label]);
    b.set(row, 2, value ?? "", { ...STYLE.signature, align: "left" });
    b.merge(row, 2, row, 5);
    b.set(row, 6, "Date", { align: "right" });
    b.set(row, 7, "", STYLE.signature);
    b.merge(row, 7, row, 8);
  };
  line("Prepared by (Treasurer's office)", signOff?.preparedBy || null);
  line("Reviewed by", signOff?.reviewedBy || null);
  line("Reviewed by the Board on", signOff?.boardReview ? { date: signOff.boardReview } : null);
  b.skip();
  const locked = signOff?.boardReview
    ? `Board review recorded on ${isoDate(signOff.boardReview)}: the quarter is locked; later edits to its NAV rows, rates or expenditures are reported as exceptions (Rule 12b-1(f): kept six years).`
    : "Once the Board review date is entered in the Reviews table, the quarter is locked: later edits to its inputs are reported as exceptions.";
  const row = b.put([locked], STYLE.note);
  b.merge(row, 1, row, REPORT_COLUMNS);
  b.height(row, 26);
  const print = b.put([`Input fingerprint: ${report.fingerprint}`], { ...STYLE.note, wrap: false });
  b.merge(print, 1, print, REPORT_COLUMNS);
}

/**
 * The audit trail (issue 6): who prepared the sheet, when, with which
 * rule12b1 version, from which workbook, and the NetAssets rows behind each
 * portfolio's figures. Every value is text (never a formula), whatever it starts with.
 */
export function auditBlock(b: LayoutBuilder, facts: AuditFacts): void {
  section(b, "9. Audit trail");
  for (const [label, value] of auditLines(facts)) {
    const row = b.put([label]);
    b.set(row, 2, value);
    b.merge(row, 2, row, REPORT_COLUMNS);
  }
}
