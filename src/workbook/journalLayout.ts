/**
 * The month's journal as the sheet `12b-1 Journal 2026-11` (SPEC §7), laid
 * out once for both adapters (the runner's ExcelJS writer and the pane's
 * office-js writer): the entries line by line per portfolio, the adjustments
 * of posted journals, then the control totals that tie the journal to the
 * report — accrual and true-up entries = fees accrued, payment entries =
 * payments of the month, and the payable's roll-forward (opening + accrued −
 * excess − paid = closing, an Excel formula).
 */
import { isoDate } from "../engine/calendar";
import type { Journal } from "../engine/journal";
import type { AdjustedMonthJournal } from "../engine/journalAdjustments";
import { periodName } from "../engine/periods";
import { LayoutBuilder, sumDown } from "./layoutBuilder";
import { STYLE } from "./reportStyles";
import { headerFooterText, sizedSection } from "./reportWords";
import { address, type SheetLayout } from "./sheetLayout";

/** `journalSheetName("2026-11")` → "12b-1 Journal 2026-11". */
export function journalSheetName(month: string): string {
  return `12b-1 Journal ${month}`;
}

/** True for a sheet name this module writes (re-running replaces only these, never a person's sheet). */
export function isJournalSheet(name: string): boolean {
  return /^12b-1 Journal \d{4}-\d{2}$/.test(name);
}

/** The entry columns, shared with the runner's CSV (SPEC §7 "flat CSV for GL import"). */
export const JOURNAL_COLUMNS = [
  "Journal ID",
  "Date",
  "Fund",
  "Class",
  "Account",
  "Debit",
  "Credit",
  "Description",
  "Source",
  "Cites",
] as const;

const WIDTHS = [30, 12, 12, 7, 40, 15, 15, 70, 40, 24];
const DEBIT = 6;
const CREDIT = 7;

/** The rows of one journal: one per line, every row with its ID, date, fund and class (a GL import reads each line alone). */
export function journalRows(journal: Journal): (string | number | { date: number })[][] {
  return journal.lines.map((line) => [
    journal.journalId,
    { date: journal.date },
    journal.fundCode,
    journal.classCode,
    line.account,
    line.debit.toNumber(),
    line.credit.toNumber(),
    journal.description,
    journal.source,
    journal.cites ?? "",
  ]);
}

function putJournals(b: LayoutBuilder, journals: readonly Journal[]): void {
  const first = b.row;
  for (const journal of journals)
    for (const row of journalRows(journal)) {
      const r = b.put(row.map((cell) => (typeof cell === "string" ? { text: cell } : cell)));
      b.style(r, 2, r, 2, STYLE.date);
      b.style(r, DEBIT, r, CREDIT, STYLE.money);
    }
  const last = b.row - 1;
  const debit = journals.reduce(
    (t, j) => t + j.lines.reduce((s, l) => s + l.debit.toNumber(), 0),
    0
  );
  const credit = journals.reduce(
    (t, j) => t + j.lines.reduce((s, l) => s + l.credit.toNumber(), 0),
    0
  );
  const total = b.put(["Total"], STYLE.total);
  b.set(total, DEBIT, sumDown(DEBIT, first, last, Math.round(debit * 100) / 100), STYLE.moneyTotal);
  b.set(
    total,
    CREDIT,
    sumDown(CREDIT, first, last, Math.round(credit * 100) / 100),
    STYLE.moneyTotal
  );
}

/** Context the sheet states under its title. */
export interface JournalSheetContext {
  /** "2026-12-02 14:05 UTC" */
  preparedAt: string;
  asOf: number;
}

/**
 * Lays out the month's journal. `journalLayout(journal, { preparedAt, asOf }).sheetName` → "12b-1 Journal 2026-11".
 */
export function journalLayout(
  journal: AdjustedMonthJournal,
  context: JournalSheetContext
): SheetLayout {
  const b = new LayoutBuilder();
  const title = `Rule 12b-1 Class B Distribution Plan — journal entries, ${periodName(journal.month)}`;
  b.put([journal.preliminary ? `PRELIMINARY — ${title}` : title], STYLE.title);
  b.height(1, 22);
  b.put(
    [
      `${journal.preliminary ? `Through ${isoDate(journal.through)} only (the month has not ended) · ` : ""}${journal.byDay ? "One accrual entry per day · " : ""}figures as of ${isoDate(context.asOf)} · prepared ${context.preparedAt} by rule12b1`,
    ],
    journal.preliminary ? { ...STYLE.subtitle, ...STYLE.error, italic: true } : STYLE.subtitle
  );
  b.skip();

  for (const portfolio of journal.portfolios) {
    const band = b.put(
      [`${portfolio.portfolio}: entries of ${periodName(journal.month)}`],
      STYLE.section
    );
    b.style(band, 1, band, JOURNAL_COLUMNS.length, STYLE.section);
    b.put([...JOURNAL_COLUMNS], STYLE.headerLeft);
    if (portfolio.journals.length === 0) b.put(["No entries this month."], STYLE.note);
    else putJournals(b, portfolio.journals);
    if (portfolio.adjustments.length > 0) {
      b.put(
        ["Adjustments of journals already posted (the posted amounts are not changed; SPEC §7):"],
        { ...STYLE.subtitle, bold: true }
      );
      putJournals(b, portfolio.adjustments);
    }
    if (portfolio.pending.length > 0 && portfolio.pendingIn !== null) {
      b.put(
        [
          `Changes since this month was posted, pending: entered in ${portfolio.pendingIn}'s journal when it is posted (not posted or exported from here; SPEC §7):`,
        ],
        { ...STYLE.subtitle, bold: true }
      );
      putJournals(b, portfolio.pending);
    }
    b.skip();
  }

  const band = b.put(["Control totals: the journal ties to the report"], STYLE.section);
  b.style(band, 1, band, JOURNAL_COLUMNS.length, STYLE.section);
  b.put(
    [
      "Portfolio",
      "Fees accrued (report)",
      "Accrual and true-up entries",
      "Payments of the month",
      "Payment entries",
      "Payable at the start",
      "+ accrued",
      "− excess over the cap",
      "− paid",
      "= payable at the end",
    ],
    STYLE.header
  );
  for (const { portfolio, control: c } of journal.portfolios) {
    const r = b.row;
    const figures = [
      c.feesAccrued,
      c.accrualEntries,
      c.paymentsInMonth,
      c.paymentEntries,
      c.opening,
      c.feesAccrued,
      c.excessToPayable,
      c.paymentsInMonth,
    ].map((v) => v.toNumber());
    b.put([portfolio, ...figures], STYLE.money);
    b.set(
      r,
      10,
      {
        formula: `${address(r, 6)}+${address(r, 7)}-${address(r, 8)}-${address(r, 9)}`,
        result: c.closing.toNumber(),
      },
      STYLE.moneyTotal
    );
  }
  b.skip();
  for (const note of [
    "Accrual: Dr 12b-1 distribution expense – Class B / Cr distribution fees payable (Plan §1: accrued daily). True-up: the same accounts, reversed when negative. Payment: Dr payable / Cr cash, on the payment's date. Excess over the cap: fees above the month's maximum allowable are not borne by the fund (Plan §1 limit): Dr payable, or due from the distributor for the part already paid / Cr expense.",
    ...journal.notes,
  ]) {
    const r = b.put([note], STYLE.note);
    b.merge(r, 1, r, JOURNAL_COLUMNS.length);
    b.height(r, 28);
  }
  return b.build(
    journalSheetName(journal.month.label),
    WIDTHS,
    {
      orientation: "landscape",
      fitToWidth: 1,
      repeatRows: [1, 2],
      header: `&L${sizedSection(8, "Rule 12b-1 Class B Distribution Plan")}${journal.preliminary ? "&C&12PRELIMINARY" : ""}&R${sizedSection(8, `Journal entries, ${periodName(journal.month)}`)}`,
      footer: `&L${sizedSection(8, `Prepared ${context.preparedAt}`)}&C&8Page &P of &N&R&8${headerFooterText("rule12b1")}`,
    },
    2
  );
}
