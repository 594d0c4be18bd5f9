/**
 * The annual SAI table (SPEC §5 "The annual table"; Form N-1A Item 19(g)) as
 * the sheet `12b-1 SAI FYyyyy`: one column per portfolio (its own fiscal
 * year), rows for the fees paid, the seven disclosure lines, the amounts
 * expended, the difference, and the carryforward at the year end.
 */
import { isoDate } from "../engine/calendar";
import type { AnnualTable } from "../engine/annualTable";
import { EXPENSE_CATEGORIES, CATEGORY_LETTERS, categoryLabel } from "../engine/expenditures";
import { LayoutBuilder, sumDown, wrappedHeight } from "./layoutBuilder";
import { REPORT_COLUMN_WIDTHS, REPORT_COLUMNS, REPORT_PAGE_HEIGHT, STYLE } from "./reportStyles";
import { startBlock } from "./reportTable";
import { headerFooterText, sizedSection } from "./reportWords";
import type { SheetLayout } from "./sheetLayout";
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

/**
 * Lays out the table. `annualLayout(annualTable(plan, 2026, options)).sheetName` → "12b-1 SAI FY2026".
 */
export function annualLayout(table: AnnualTable): SheetLayout {
  const b = new LayoutBuilder(REPORT_PAGE_HEIGHT);
  const title = `Rule 12b-1 Class B Distribution Plan — Form N-1A Item 19(g) table, ${table.label}`;
  b.put([table.preliminary ? `PRELIMINARY — ${title}` : title], STYLE.title);
  b.height(1, 22);
  b.put(
    [
      `Each portfolio's fiscal year ending in ${table.year}${table.preliminary ? `, through ${isoDate(table.asOf)} only (PRELIMINARY: not every fiscal year has ended)` : ""} · payments recorded through ${isoDate(table.asOf)} · prepared ${table.preparedAt} by rule12b1`,
    ],
    table.preliminary ? { ...STYLE.subtitle, ...STYLE.error, italic: true } : STYLE.subtitle
  );
  b.skip();
  const lines = table.lines;
  const sameYear = lines.every(
    (l) => l.period.start === lines[0]?.period.start && l.period.end === lines[0]?.period.end
  );
  const columns = lines.length + (sameYear ? 1 : 0);
  startBlock(
    b,
    {
      title: "Distribution fees paid and amounts spent under the plan, by Item 19(g) line",
      header: ["", ...lines.map((l) => l.portfolio), ...(sameYear ? ["Trust"] : [])],
    },
    15 * 16
  );
  const trustColumn = lines.length + 2;
  const label = (text: string, style = {}) => {
    const row = b.put([text], { ...STYLE.wrap, ...style });
    b.height(row, wrappedHeight(text, REPORT_COLUMN_WIDTHS[0]!));
    return row;
  };
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
    const row = label(
      `${line} — ${letters.length ? letters.map(categoryLabel).join(", ") : "none"}`
    );
    lines.forEach((l, i) => b.set(row, 2 + i, money(l.lines[index]!.amount), STYLE.money));
  });
  const last = b.row - 1;
  const expended = label("Amounts expended under the plan", STYLE.total);
  lines.forEach((l, i) =>
    b.set(expended, 2 + i, sumDown(2 + i, first, last, money(l.expended)), STYLE.moneyTotal)
  );
  const difference = label("Difference: borne by the distributor (negative: fees beyond expenses)");
  lines.forEach((l, i) =>
    b.set(
      difference,
      2 + i,
      {
        formula: `${address(expended, 2 + i)}-${address(paid, 2 + i)}`,
        result: money(l.difference),
      },
      STYLE.money
    )
  );
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
  if (sameYear)
    for (const row of [
      paid,
      ...Array.from({ length: last - first + 1 }, (_, i) => first + i),
      expended,
      difference,
      carried,
    ]) {
      const values = lines.map((l) =>
        row === paid
          ? l.feesPaid
          : row === expended
            ? l.expended
            : row === difference
              ? l.difference
              : row === carried
                ? l.carryforward
                : l.lines[row - first]!.amount
      );
      const result = values.reduce((a, v) => a + money(v), 0);
      b.set(
        row,
        trustColumn,
        {
          formula: `SUM(${address(row, 2)}:${address(row, trustColumn - 1)})`,
          result: Math.round(result * 100) / 100,
        },
        row === paid || row === expended ? STYLE.moneyTotal : STYLE.money
      );
    }
  b.skip();
  const note = b.put(
    [
      "Built from the same figures as the quarterly reports: where a fiscal year is four calendar quarters, each line is the sum of its four quarterly Item 19(g) tables and the carryforward is the last quarter's closing balance (Plan §1, §5).",
    ],
    STYLE.note
  );
  b.merge(note, 1, note, Math.max(columns + 1, REPORT_COLUMNS));
  b.height(note, 26);
  return b.build(
    annualSheetName(table.year),
    [...REPORT_COLUMN_WIDTHS],
    {
      orientation: "landscape",
      fitToWidth: 1,
      repeatRows: [1, 2],
      header: `&L${sizedSection(8, "Rule 12b-1 Class B Distribution Plan")}${table.preliminary ? `&C&12PRELIMINARY` : ""}&R${sizedSection(8, `12b-1 SAI table, ${table.label}`)}`,
      footer: `&L${sizedSection(8, `Prepared ${table.preparedAt}`)}&C&8Page &P of &N&R&8${headerFooterText("Confidential — for the Board of Trustees")}`,
    },
    2
  );
}
