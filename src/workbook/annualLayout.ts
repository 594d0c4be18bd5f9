/**
 * The annual SAI table (SPEC §5 "The annual table"; Form N-1A Item 19(g)) as
 * the sheet `12b-1 SAI FYyyyy`: one column per portfolio (its own fiscal
 * year), rows for the fees paid, the seven disclosure lines, the amounts
 * expended, the difference, and the carryforward at the year end.
 */
import type { AnnualTable } from "../engine/annualTable";
import { EXPENSE_CATEGORIES, CATEGORY_LETTERS } from "../engine/expenditures";
import { LayoutBuilder, sumDown, wrappedHeight } from "./layoutBuilder";
import {
  DIFFERENCE_ROWS,
  differenceFormula,
  differencePart,
  itemNineteenLabel,
  LABEL_CHARACTERS_PER_WIDTH,
} from "./reportBlocks";
import { REPORT_PAGE_HEIGHT, STYLE } from "./reportStyles";
import { startBlock } from "./reportTable";
import { headerFooterText, longDate, preparedAtText, sizedSection } from "./reportWords";
import type { CellStyle, SheetLayout } from "./sheetLayout";
import { address } from "./sheetLayout";

/** `annualSheetName(2026)` → "12b-1 SAI FY2026". */
export function annualSheetName(year: number): string {
  return `12b-1 SAI FY${year}`;
}

/** True for a sheet name this module writes. */
export function isAnnualSheet(name: string): boolean {
  return /^12b-1 SAI FY\d{4}$/.test(name);
}

const money = (value: { toNumber(): number }) => value.toNumber();

/** The label column: wide enough that every row's label is one line, so the rows are even. */
const LABEL_WIDTH = 62;
const FIGURE_WIDTH = 17;

/**
 * Lays out the table: a band and a note exactly as wide as the table (one
 * label column, a column per portfolio, the trust's), every label on one
 * line, dates in words, the difference on the row its sign belongs to.
 *
 * `annualLayout(annualTable(plan, 2026, options)).sheetName` → "12b-1 SAI FY2026".
 */
export function annualLayout(table: AnnualTable): SheetLayout {
  const b = new LayoutBuilder(REPORT_PAGE_HEIGHT);
  const lines = table.lines;
  const sameYear = lines.every(
    (l) => l.period.start === lines[0]?.period.start && l.period.end === lines[0]?.period.end
  );
  const columns = 1 + lines.length + (sameYear ? 1 : 0);
  const widths = [LABEL_WIDTH, ...Array<number>(columns - 1).fill(FIGURE_WIDTH)];
  const across = (text: string, style: CellStyle) => {
    const row = b.put([text], style);
    b.merge(row, 1, row, columns);
    const characters = widths.reduce((a, w) => a + w, 0) * LABEL_CHARACTERS_PER_WIDTH;
    b.height(row, wrappedHeight(text, characters));
    return row;
  };
  const title = `Rule 12b-1 Class B Distribution Plan — Form N-1A Item 19(g) table, ${table.label}`;
  b.put([table.preliminary ? `PRELIMINARY — ${title}` : title], STYLE.title);
  b.height(1, 22);
  across(
    `Each portfolio's fiscal year ending in ${table.year}${table.preliminary ? `, through ${longDate(table.asOf)} only (PRELIMINARY: not every fiscal year has ended)` : ""} · payments recorded through ${longDate(table.asOf)} · prepared ${preparedAtText(table.preparedAt)}`,
    table.preliminary
      ? { ...STYLE.subtitle, ...STYLE.error, italic: true, wrap: true }
      : { ...STYLE.subtitle, wrap: true }
  );
  b.skip();
  startBlock(
    b,
    {
      title: "Distribution fees paid and amounts spent under the plan, by Item 19(g) line",
      header: ["", ...lines.map((l) => l.portfolio), ...(sameYear ? ["Trust"] : [])],
      width: columns,
    },
    15 * 17
  );
  const trustColumn = lines.length + 2;
  const label = (text: string, style = {}) => b.put([text], { ...STYLE.wrap, ...style });
  const from = label("Fiscal year from");
  lines.forEach((l, i) => b.set(from, 2 + i, { date: l.period.start }, STYLE.date));
  const to = label(table.preliminary ? "to (or the as-of date)" : "to");
  lines.forEach((l, i) => b.set(to, 2 + i, { date: l.period.end }, STYLE.date));
  const type = label("Plan type");
  lines.forEach((l, i) => b.set(type, 2 + i, l.planType, STYLE.center));
  const paid = label("Fees paid under the plan", STYLE.total);
  lines.forEach((l, i) => b.set(paid, 2 + i, money(l.feesPaid), STYLE.moneyTotal));
  const first = b.row;
  (lines[0]?.lines ?? []).forEach(({ line }, index) => {
    const letters = CATEGORY_LETTERS.filter((l) => EXPENSE_CATEGORIES[l].n1aLine === line);
    const row = label(itemNineteenLabel(line, letters));
    lines.forEach((l, i) => b.set(row, 2 + i, money(l.lines[index]!.amount), STYLE.money));
  });
  const last = b.row - 1;
  const expended = label("Amounts expended under the plan", STYLE.total);
  lines.forEach((l, i) =>
    b.set(expended, 2 + i, sumDown(2 + i, first, last, money(l.expended)), STYLE.moneyTotal)
  );
  const differences = DIFFERENCE_ROWS.map(({ label: text, sign }) => {
    const row = label(text);
    lines.forEach((l, i) =>
      b.set(
        row,
        2 + i,
        {
          formula: differenceFormula(address(expended, 2 + i), address(paid, 2 + i), sign),
          result: differencePart(money(l.difference), sign),
        },
        STYLE.money
      )
    );
    return { row, sign };
  });
  const carried = label("Unreimbursed expenses carried forward at the year end");
  lines.forEach((l, i) => b.set(carried, 2 + i, money(l.carryforward), STYLE.money));
  // SPEC §2: the carryforward deducts fees earned, paid or payable; the part not yet paid shows beside it.
  const stillPayable = label("… after fees earned but still payable (not yet paid)");
  lines.forEach((l, i) => b.set(stillPayable, 2 + i, money(l.carryforwardPayable), STYLE.money));
  const percent = label("… as % of Class B net assets on the year's last day");
  lines.forEach((l, i) =>
    b.set(
      percent,
      2 + i,
      l.carryforwardPercentOfNetAssets === null
        ? "n/a"
        : l.carryforwardPercentOfNetAssets.toNumber(),
      STYLE.percent
    )
  );
  if (sameYear) {
    const totals: { row: number; value: number; total: boolean }[] = [
      { row: paid, value: sumOf(lines.map((l) => money(l.feesPaid))), total: true },
      ...Array.from({ length: last - first + 1 }, (_, index) => ({
        row: first + index,
        value: sumOf(lines.map((l) => money(l.lines[index]!.amount))),
        total: false,
      })),
      { row: expended, value: sumOf(lines.map((l) => money(l.expended))), total: true },
      ...differences.map(({ row, sign }) => ({
        row,
        value: sumOf(lines.map((l) => differencePart(money(l.difference), sign))),
        total: false,
      })),
      { row: carried, value: sumOf(lines.map((l) => money(l.carryforward))), total: false },
    ];
    for (const { row, value, total } of totals)
      b.set(
        row,
        trustColumn,
        { formula: `SUM(${address(row, 2)}:${address(row, trustColumn - 1)})`, result: value },
        total ? STYLE.moneyTotal : STYLE.money
      );
  }
  b.skip();
  across(
    "Built from the same figures as the quarterly reports: where a fiscal year is four calendar quarters, each line is the sum of its four quarterly Item 19(g) tables and the carryforward is the last quarter's closing balance (Plan §1, §5). The difference between amounts expended and fees paid is on the row its sign belongs to: expenses above the fees are borne by the distributor (carried forward under a reimbursement plan); fees above the expenses are what the distributor kept beyond them.",
    STYLE.note
  );
  return b.build(
    annualSheetName(table.year),
    widths,
    {
      orientation: "landscape",
      fitToWidth: 1,
      repeatRows: [1, 2],
      header: `&L${sizedSection(8, "Rule 12b-1 Class B Distribution Plan")}${table.preliminary ? `&C&12PRELIMINARY` : ""}&R${sizedSection(8, `12b-1 SAI table, ${table.label}`)}`,
      footer: `&L${sizedSection(8, `Prepared ${preparedAtText(table.preparedAt)}`)}&C&8Page &P of &N&R&8${headerFooterText("Confidential — for the Board of Trustees")}`,
    },
    2
  );
}

/** A sum of cent amounts, to the cent (binary floating point drifts past the second decimal). */
function sumOf(values: readonly number[]): number {
  return Math.round(values.reduce((a, v) => a + v, 0) * 100) / 100;
}
