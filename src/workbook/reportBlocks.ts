/**
 * The money blocks of the quarterly report below the fee table (SPEC §5):
 * expenditures by category with a chart, the Form N-1A Item 19(g) lines per
 * portfolio with fees paid and the difference, and the carryforward.
 */
import { CATEGORY_LETTERS, type CategoryLetter, categoryLabel } from "../engine/expenditures";
import type { QuarterlyReport } from "../engine/quarterlyReport";
import { type LayoutBuilder, sumAcross, sumDown, wrappedHeight } from "./layoutBuilder";
import { FEES_PAID_COLUMN, REPORT_COLUMN_WIDTHS, REPORT_COLUMNS, STYLE } from "./reportStyles";
import { blockRow, type BlockSpec, startBlock } from "./reportTable";
import { moneyText, quarterText } from "./reportWords";
import { address } from "./sheetLayout";

const money = (value: { toNumber(): number }) => value.toNumber();
const widthOf = (left: number, right: number) =>
  REPORT_COLUMN_WIDTHS.slice(left - 1, right).reduce((a, b) => a + b, 0);

/** Where the category rows landed, for the Item 19(g) block's formulas. */
export interface CategoryRows {
  /** Row of category (a); (b)–(i) follow. */
  first: number;
  /** Column of each portfolio, then the trust's. */
  columns: number[];
}

const CHART_ROWS = 16;

/**
 * Expenditures under the plan by category (a)–(i) per portfolio with row and
 * column totals (Plan §2, §5), amounts made while the plan was not in effect
 * listed apart, then a bar chart of the trust totals beside the plan's
 * wording of each category.
 */
export function expendituresBlock(b: LayoutBuilder, report: QuarterlyReport): CategoryRows {
  const portfolios = report.expenditures;
  const trustColumn = portfolios.length + 2;
  const spec: BlockSpec = {
    title: "2. Amounts expended under the plan and their purposes, by Plan §2 category",
    header: ["Category (Plan §2)", ...portfolios.map((line) => line.portfolio), "Trust"],
  };
  const outside = !report.expenditureTotals.notUnderPlan.isZero();
  startBlock(b, spec, 15 * (report.categories.length + (outside ? 3 : 1)));
  const first = b.row;
  for (const category of report.categories) {
    const row = b.put([
      category.letter === "other"
        ? category.shortLabel
        : `${categoryLabel(category.letter)} ${category.shortLabel}`,
    ]);
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
  const total = b.put(["Total under the plan"], STYLE.total);
  portfolios.forEach((line, i) =>
    b.set(total, 2 + i, sumDown(2 + i, first, last, money(line.total)), STYLE.moneyTotal)
  );
  b.set(
    total,
    trustColumn,
    sumDown(trustColumn, first, last, money(report.expenditureTotals.total)),
    STYLE.moneyTotal
  );
  if (outside) {
    const row = b.put(["Not under the plan (made while it was not in effect)"], STYLE.note);
    portfolios.forEach((line, i) => b.set(row, 2 + i, money(line.notUnderPlan), STYLE.money));
    b.set(row, trustColumn, money(report.expenditureTotals.notUnderPlan), STYLE.money);
    const why = b.put(
      [
        "Expenditures dated before a portfolio's approval, while its plan had lapsed or after its termination are not amounts expended under the plan: they are left out of the totals, the carryforward and Item 19(g) (Plan §1, §4, §6).",
      ],
      STYLE.note
    );
    b.merge(why, 1, why, REPORT_COLUMNS);
  }
  const headerRow = first - 1;
  if (REPORT_COLUMNS - trustColumn >= 4) chartBeside(b, report, headerRow, b.row - 1, trustColumn);
  else chartWithWording(b, report, first, last, trustColumn);
  return { first, columns: [...portfolios.map((_, i) => 2 + i), trustColumn] };
}

const chartTitle = (report: QuarterlyReport) =>
  `Expenditures under the plan by category, ${quarterText(report.quarter.label)} (trust total)`;

/**
 * The chart to the right of the category table (five portfolios or fewer
 * leave four columns free), then the plan's wording of each category across
 * the page: the block stays compact enough to share a page with the fee table.
 */
function chartBeside(
  b: LayoutBuilder,
  report: QuarterlyReport,
  top: number,
  bottom: number,
  trustColumn: number
): void {
  const first = top + 1;
  b.charts.push({
    title: chartTitle(report),
    firstRow: first,
    lastRow: first + report.categories.length - 1,
    categoryColumn: 1,
    valueColumn: trustColumn,
    anchor: {
      row: top,
      column: trustColumn + 1,
      columns: REPORT_COLUMNS - trustColumn,
      rows: bottom - top + 1,
    },
  });
  const wording = report.categories.map((category) => {
    const text = `${categoryLabel(category.letter)} ${category.planWording}`;
    // 8-point text: about 1.4 characters of the 10-point column width.
    return {
      text,
      height: Math.max(12, wrappedHeight(text, widthOf(1, REPORT_COLUMNS) * 1.4) - 3),
    };
  });
  b.skip();
  b.keep(15 * 2 + wording.reduce((sum, w) => sum + w.height, 0));
  const note = b.put(
    [
      "Chart (right): the quarter's expenditures under the plan by category, trust total (the Trust column). What each category covers, in the plan's words (Plan §2):",
    ],
    STYLE.note
  );
  b.merge(note, 1, note, REPORT_COLUMNS);
  for (const { text, height } of wording) {
    const row = b.put([text], { size: 8, wrap: true, color: "FF404040" });
    b.merge(row, 1, row, REPORT_COLUMNS);
    b.height(row, height);
  }
}

function chartWithWording(
  b: LayoutBuilder,
  report: QuarterlyReport,
  first: number,
  last: number,
  trustColumn: number
): void {
  const wording = CATEGORY_LETTERS.map((letter) => {
    const category = report.categories.find((c) => c.letter === letter)!;
    const text = `${categoryLabel(letter)} ${category.planWording}`;
    return { text, height: Math.max(15, wrappedHeight(text, widthOf(7, REPORT_COLUMNS) * 1.15)) };
  });
  // The chart covers CHART_ROWS rows; the wording rows set the height of the first ten of them.
  const height =
    15 +
    wording.reduce((sum, w) => sum + w.height, 0) +
    15 * (CHART_ROWS - 1 - wording.length) +
    15;
  b.skip();
  b.keep(height);
  const chartTop = b.row;
  b.charts.push({
    title: chartTitle(report),
    firstRow: first,
    lastRow: last,
    categoryColumn: 1,
    valueColumn: trustColumn,
    anchor: { row: chartTop, column: 1, columns: 6, rows: CHART_ROWS },
  });
  b.set(chartTop, 7, "What each category covers (Plan §2 wording)", { ...STYLE.headerLeft });
  b.merge(chartTop, 7, chartTop, REPORT_COLUMNS);
  wording.forEach(({ text, height: rowHeight }, i) => {
    const row = chartTop + 1 + i;
    b.set(row, 7, text, { size: 8, wrap: true });
    b.merge(row, 7, row, REPORT_COLUMNS);
    b.height(row, rowHeight);
  });
  b.row = chartTop + CHART_ROWS;
  const note = b.put(
    [
      "Chart: the quarter's expenditures under the plan by category, trust total (the Trust column of the table above).",
    ],
    STYLE.note
  );
  b.merge(note, 1, note, 6);
}

/**
 * Characters of 10-point text a wrapped label cell of `width` holds on a line:
 * Calibri averages about 1.3 characters per unit of Excel's column width
 * (measured on the printed page); a lower factor made rows a line too tall
 * and left uneven gaps in the Item 19(g) table.
 */
export const LABEL_CHARACTERS_PER_WIDTH = 1.3;

/** An Item 19(g) line's label: the line and the plan categories it gathers. */
export function itemNineteenLabel(line: string, letters: readonly CategoryLetter[]): string {
  return `${line} — ${letters.length ? letters.map(categoryLabel).join(", ") : "none"}`;
}

/**
 * The difference between amounts expended and fees paid as two rows, each
 * named for its sign (SPEC §5, 2026-12-06), so no cell is a bare negative:
 * expenses above fees are borne by the distributor (carried forward under a
 * reimbursement plan); fees above expenses are the distributor's margin.
 */
export const DIFFERENCE_ROWS = [
  { label: "Expenses above fees: carried forward", sign: 1 },
  { label: "Fees above expenses", sign: -1 },
] as const;

/** `MAX(0,B20-B21)`: the part of the difference with `sign`, as a live formula. */
export function differenceFormula(expended: string, paid: string, sign: 1 | -1): string {
  return sign === 1 ? `MAX(0,${expended}-${paid})` : `MAX(0,${paid}-${expended})`;
}

/** The part of `difference` (expended − paid) with `sign`, never below zero. */
export function differencePart(difference: number, sign: 1 | -1): number {
  return Math.max(0, sign * difference);
}

/**
 * Form N-1A Item 19(g) per portfolio and for the trust: each disclosure line
 * a live sum of the category cells mapped to it, the amounts expended, the
 * fees paid under the plan (the fee table's cell) and the difference, named
 * for its sign.
 */
export function itemNineteenBlock(
  b: LayoutBuilder,
  report: QuarterlyReport,
  categoryRows: CategoryRows,
  feeRows: Map<string, number>
): void {
  const columns = report.itemNineteen;
  const spec: BlockSpec = {
    title: "3. Form N-1A Item 19(g): amounts by disclosure line, fees paid and the difference",
    header: ["Item 19(g) line (Plan §2 categories)", ...columns.map((c) => c.portfolio)],
  };
  const lines = columns[0]?.lines ?? [];
  const labels = lines.map(({ line }) =>
    itemNineteenLabel(
      line,
      report.categories.filter((c) => c.n1aLine === line).map((c) => c.letter)
    )
  );
  const labelWidth = REPORT_COLUMN_WIDTHS[0]! * LABEL_CHARACTERS_PER_WIDTH;
  const heights = labels.map((label) => wrappedHeight(label, labelWidth));
  const differenceHeights = DIFFERENCE_ROWS.map(({ label }) => wrappedHeight(label, labelWidth));
  startBlock(
    b,
    spec,
    heights.reduce((a, h) => a + h, 0) + 15 * 2 + differenceHeights.reduce((a, h) => a + h, 0) + 30
  );
  const first = b.row;
  lines.forEach(({ line }, index) => {
    const row = b.put([labels[index]!], STYLE.wrap);
    b.height(row, heights[index]!);
    const letters = report.categories.filter((c) => c.n1aLine === line).map((c) => c.letter);
    columns.forEach((column, i) => {
      const at = categoryRows.columns[i]!;
      const refs = letters.map((letter: CategoryLetter) =>
        address(categoryRows.first + CATEGORY_LETTERS.indexOf(letter), at)
      );
      const amount = money(column.lines[index]!.amount);
      b.set(
        row,
        2 + i,
        refs.length ? { formula: refs.join("+"), result: amount } : amount,
        STYLE.money
      );
    });
  });
  const last = b.row - 1;
  const expended = b.put(["Amounts expended under the plan"], STYLE.total);
  columns.forEach((column, i) =>
    b.set(expended, 2 + i, sumDown(2 + i, first, last, money(column.expended)), STYLE.moneyTotal)
  );
  const paid = b.put(["Fees paid under the plan (table 1)"]);
  // The fee table's trust row sits right below its last portfolio.
  const feesTotalRow = [...feeRows.values()].reduce((a, b) => Math.max(a, b), 0) + 1;
  columns.forEach((column, i) => {
    const feeRow = feeRows.get(column.portfolio);
    const ref = address(feeRow ?? feesTotalRow, FEES_PAID_COLUMN);
    b.set(paid, 2 + i, { formula: ref, result: money(column.feesPaid) }, STYLE.money);
  });
  DIFFERENCE_ROWS.forEach(({ label, sign }, index) => {
    blockRow(b, spec, differenceHeights[index]!);
    const row = b.put([label], { ...STYLE.total, wrap: true });
    b.height(row, differenceHeights[index]!);
    const portfolios = columns.slice(0, -1);
    portfolios.forEach((column, i) =>
      b.set(
        row,
        2 + i,
        {
          formula: differenceFormula(address(expended, 2 + i), address(paid, 2 + i), sign),
          result: differencePart(money(column.difference), sign),
        },
        STYLE.moneyTotal
      )
    );
    // The trust adds its portfolios' parts: one portfolio's shortfall never nets another's excess.
    const parts = portfolios.reduce((a, c) => a + differencePart(money(c.difference), sign), 0);
    b.set(
      row,
      2 + portfolios.length,
      portfolios.length
        ? sumAcross(row, 2, 1 + portfolios.length, Math.round(parts * 100) / 100)
        : 0,
      STYLE.moneyTotal
    );
  });
  const trust = columns.at(-1);
  if (trust) {
    const text = `Difference = amounts expended − fees paid, shown on the row its sign belongs to: expenses above the fees are borne by the distributor (under a reimbursement plan, carried forward, block 4); fees above the expenses are what the distributor kept beyond its expenses. The Trust column adds the portfolios' rows, so one portfolio's excess never offsets another's shortfall. Trust: expended ${moneyText(trust.expended)}, fees paid ${moneyText(trust.feesPaid)}. Four quarters of this table add up to the fiscal year's SAI table (sheet "12b-1 SAI FY…").`;
    const note = b.put([text], STYLE.note);
    b.merge(note, 1, note, REPORT_COLUMNS);
    b.height(note, wrappedHeight(text, widthOf(1, REPORT_COLUMNS) * 1.15));
  }
}

/** Unreimbursed distribution expenses carried forward (Plan §1; N-1A Item 19(g)); it reconciles across. */
export function carryforwardBlock(b: LayoutBuilder, report: QuarterlyReport): void {
  const spec: BlockSpec = {
    title: "4. Carryforward of unreimbursed distribution expenses (Plan §1)",
    header: [
      "Portfolio",
      "Plan type",
      "Opening",
      "Incurred under the plan (a)–(i)",
      "Fees earned (paid or payable)",
      "Of which still payable",
      "Fees beyond expenses",
      "Closing",
      "Closing as % of Class B net assets",
    ],
  };
  const lines = report.carryforward;
  startBlock(b, spec, 15 * (lines.length + 2) + 26);
  const first = b.row;
  for (const line of lines) {
    const row = b.put([line.portfolio, line.planType]);
    [
      line.opening,
      line.incurred,
      line.feesEarned,
      line.payable,
      line.beyondExpenses,
      line.closing,
    ].forEach((value, i) => b.set(row, 3 + i, money(value), STYLE.money));
    b.set(
      row,
      9,
      line.closingPercentOfNetAssets === null ? "n/a" : line.closingPercentOfNetAssets.toNumber(),
      STYLE.percent
    );
  }
  if (lines.length === 0) b.put(["No fees or expenditures recorded."], STYLE.note);
  else {
    const total = b.put(["Trust"], STYLE.total);
    const picks = [
      (l: (typeof lines)[number]) => l.opening,
      (l: (typeof lines)[number]) => l.incurred,
      (l: (typeof lines)[number]) => l.feesEarned,
      (l: (typeof lines)[number]) => l.payable,
      (l: (typeof lines)[number]) => l.beyondExpenses,
      (l: (typeof lines)[number]) => l.closing,
    ];
    picks.forEach((pick, i) => {
      const result = lines.reduce((sum, l) => sum.plus(pick(l)), lines[0]!.opening.times(0));
      b.set(total, 3 + i, sumDown(3 + i, first, total - 1, money(result)), STYLE.moneyTotal);
    });
  }
  const note = b.put(
    [
      "Opening + incurred − fees earned + fees beyond expenses = closing. Fees earned are the fees accrued for the quarter's billing periods (trued up for a reimbursement plan), paid or still payable, so the closing balance does not depend on whether the last wire has gone out; the part not yet paid is shown beside them (the payments themselves are in table 1). The closing balance never goes below zero, so fees beyond all unreimbursed expenses show apart (Plan §1).",
    ],
    STYLE.note
  );
  b.merge(note, 1, note, REPORT_COLUMNS);
  b.height(note, 26);
}
