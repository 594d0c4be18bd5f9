/**
 * "Live formulas" mode of Compute accruals (SPEC §4.2): which accrual columns
 * can be Excel formulas that stay right when someone edits a cell, and the
 * formulas themselves. Plain data in, plain data out (no office-js here).
 *
 * What is live, and why only that:
 * - **Month to date** = `SUMIFS(NetAssets[Daily fee], NetAssets[Portfolio], [@Portfolio],
 *   NetAssets[Date], ">="&DATE(y,m,1), NetAssets[Date], "<="&[@Date])`: the portfolio's own
 *   rows only, however the portfolios are interleaved in one long table, from the first of
 *   the month the row's Month to date belongs to (the month of its last covered day) through
 *   its own date. A row that covers days of two months (a Friday 31 January covering 1–2
 *   February) books part of its fee in each; the later rows of the new month add that part
 *   from a defined name whose comment says what it is (`…)+rule12b1_OpeningMTD_Growth_2025_02`;
 *   issue 23: `+5640.05` was an unexplained constant), so every formula gives the engine's
 *   figure to the cent when written.
 * - **Cap headroom** stays the engine's value: its month-to-date maximum depends on the cap
 *   basis, in-effect windows and the whole calendar (weekends carry the last NAV), which
 *   `RULE12B1.MAXFEE` over a FILTER of one portfolio's rows would not reproduce (it knows no
 *   in-effect windows and no per-portfolio cap basis); written as `=11280.10-[@[Month to date]]`
 *   it held a constant nobody could trace.
 * - **Days, Rate, Daily fee, Accrual note** stay values: they follow the rate schedule,
 *   in-effect windows, weekend booking and penny-true rounding of the plan tables.
 *   `RULE12B1.ACCRUAL` takes one rate and one portfolio's contiguous, sorted rows and spills
 *   a column; per row of a long table holding several portfolios it is not sound.
 * - A row stays values when its SUMIFS could not be trusted: its date is not a number (a
 *   text date is skipped by SUMIFS), or its portfolio name holds `*`, `?`, `~` (SUMIFS
 *   wildcards) or starts with `<`, `>`, `=` (read as a comparison).
 * - Tables over `LIVE_FORMULA_MAX_ROWS` rows get values: each SUMIFS scans the whole table,
 *   so n rows cost n² comparisons on every recalculation.
 */
import { accrualRowColumns } from "../engine/accrualRowColumns";
import { civilFromDay, monthStart, serialFromDay, type DateSystem } from "../engine/calendar";
import type { PlanEvaluation } from "../engine/evaluatePlan";
import type { AccrualCell } from "../workbook/accrualColumns";
import { tableRowOf } from "../workbook/netAssetsRow";
import { MONTH_NAMES as MONTHS } from "../engine/periods";

/** Above this many NetAssets rows, "Live formulas" writes values (and says so). */
export const LIVE_FORMULA_MAX_ROWS = 20_000;

/** Column indexes of the accrual block (Days · Rate · Daily fee · Month to date · Cap headroom · Accrual note). */
const MONTH_TO_DATE = 3;
const DAILY_FEE = 2;

/** A name as a structured-reference column specifier: `[Daily fee]`, with `'` before `[ ] # ' @`. */
export function columnSpecifier(header: string): string {
  return `[${header.replace(/(['[\]#@])/g, "'$1")}]`;
}

export interface LiveInput {
  /** The NetAssets table's name and its Date, Portfolio and accrual headers as they are in the workbook. */
  table: string;
  dateHeader: string;
  portfolioHeader: string;
  dailyFeeHeader: string;
  monthToDateHeader: string;
  /** The raw cells of the Date and Portfolio columns, one per table row (what SUMIFS will see). */
  dates: readonly unknown[];
  portfolios: readonly unknown[];
  dateSystem: DateSystem;
}

const cents = (value: number) => Math.round(value * 100);
const SAFE_CRITERION = /^(?![<>=])[^*?~]*$/;

/**
 * The accrual rows with Month to date replaced by formulas
 * where that is sound (see the module comment); everything else as given.
 * Returns how many rows got formulas.
 *
 * Growth, 3 Jan 2025 row → `=SUMIFS(NetAssets[Daily fee],NetAssets[Portfolio],[@Portfolio],NetAssets[Date],">="&DATE(2025,1,1),NetAssets[Date],"<="&[@Date])`
 */
export function liveAccrualRows(
  evaluation: PlanEvaluation,
  rows: readonly AccrualCell[][],
  input: LiveInput
): { rows: AccrualCell[][]; liveRows: number; openings: OpeningValue[] } {
  const out = rows.map((row) => [...row]);
  // The month each row's Month to date belongs to: the month of its last covered day (as accrualColumns).
  const monthOfRow = new Map<number, number>();
  for (const portfolio of evaluation.portfolios) {
    if (!portfolio.accrual || !portfolio.series) continue;
    // The row columns, not the rows: no decimals are made for this.
    const { date, firstDay, lastDay } = accrualRowColumns(portfolio.accrual);
    for (let rowIndex = 0; rowIndex < date.length; rowIndex += 1) {
      const tableRow = tableRowOf(portfolio.series[rowIndex]);
      if (tableRow === undefined || tableRow < 1 || tableRow > rows.length) continue;
      const last = lastDay[rowIndex]!;
      monthOfRow.set(
        tableRow - 1,
        monthStart(last >= firstDay[rowIndex]! ? last : date[rowIndex]!)
      );
    }
  }
  // What SUMIFS will add up, per portfolio (as Excel compares text: ignoring case), sorted by date, with running sums in cents.
  const groups = new Map<string, { serial: number; fee: number }[]>();
  rows.forEach((row, index) => {
    const serial = input.dates[index];
    const name = input.portfolios[index];
    const fee = row[DAILY_FEE];
    if (typeof serial !== "number" || typeof name !== "string" || typeof fee !== "number") return;
    const key = name.toLowerCase();
    // Appended in place: copying the list for every row made 20,000 rows 200 million copies.
    const list = groups.get(key);
    if (list) list.push({ serial, fee: cents(fee) });
    else groups.set(key, [{ serial, fee: cents(fee) }]);
  });
  const sums = new Map<string, { serials: number[]; running: number[] }>();
  for (const [key, list] of groups) {
    list.sort((a, b) => a.serial - b.serial);
    let total = 0;
    sums.set(key, {
      serials: list.map((e) => e.serial),
      running: list.map((e) => (total += e.fee)),
    });
  }
  /** Σ fees of `key` dated ≤ `serial`, in cents. */
  const upTo = (key: string, serial: number, inclusive: boolean) => {
    const group = sums.get(key);
    if (!group) return 0;
    let low = 0;
    let high = group.serials.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (inclusive ? group.serials[mid]! <= serial : group.serials[mid]! < serial) low = mid + 1;
      else high = mid;
    }
    return low === 0 ? 0 : group.running[low - 1]!;
  };

  const t = input.table;
  const fees = `${t}${columnSpecifier(input.dailyFeeHeader)}`;
  const portfolios = `${t}${columnSpecifier(input.portfolioHeader)}`;
  const dates = `${t}${columnSpecifier(input.dateHeader)}`;
  const thisPortfolio = `[@${columnSpecifier(input.portfolioHeader)}]`;
  const thisDate = `[@${columnSpecifier(input.dateHeader)}]`;
  let liveRows = 0;
  const openingNames = new Map<string, OpeningValue>();
  out.forEach((row, index) => {
    const monthToDate = row[MONTH_TO_DATE];
    const month = monthOfRow.get(index);
    const serial = input.dates[index];
    const name = input.portfolios[index];
    if (
      typeof monthToDate !== "number" ||
      month === undefined ||
      typeof serial !== "number" ||
      typeof name !== "string" ||
      !SAFE_CRITERION.test(name)
    )
      return;
    const key = name.toLowerCase();
    const from = serialFromDay(month, input.dateSystem);
    const summed = upTo(key, serial, true) - upTo(key, from, false);
    const carry = cents(monthToDate) - summed;
    const { year, month: monthNumber } = civilFromDay(month);
    let opening = "";
    if (carry !== 0) {
      const label = `${key}\u0000${year}-${monthNumber}`;
      let named = openingNames.get(label);
      if (!named) {
        named = {
          name: openingName(name, year, monthNumber, openingNames.size),
          value: carry / 100,
          comment: `${name}, ${MONTHS[monthNumber - 1]} ${year}: fees booked in this month by a NAV row dated in the month before (a row whose days run into this month). SUMIFS from the 1st does not see them, so they open the month to date.`,
        };
        openingNames.set(label, named);
      }
      opening = `+${named.name}`;
    }
    row[MONTH_TO_DATE] =
      `=SUMIFS(${fees},${portfolios},${thisPortfolio},${dates},">="&DATE(${year},${monthNumber},1),${dates},"<="&${thisDate})${opening}`;
    liveRows += 1;
  });
  return { rows: out, liveRows, openings: [...openingNames.values()] };
}

/** The prefix of the defined names that hold an opening month to date. */
export const OPENING_NAME_PREFIX = "rule12b1_OpeningMTD_";

/**
 * A defined name for a portfolio's opening month to date: letters, digits and underscores
 * only (Excel's rule), made unique by a number when two portfolios' names read the same.
 * `openingName("Mid Cap", 2025, 2, 0)` → "rule12b1_OpeningMTD_Mid_Cap_2025_02".
 */
export function openingName(portfolio: string, year: number, month: number, taken: number): string {
  const base = `${OPENING_NAME_PREFIX}${portfolio.replace(/[^A-Za-z0-9_]/g, "_")}_${year}_${String(month).padStart(2, "0")}`;
  return taken > 0 && base.length > 200 ? `${base.slice(0, 200)}_${taken}` : base;
}

/** A month's opening month to date as a labelled defined name (SPEC §4: no unexplained constants). */
export interface OpeningValue {
  name: string;
  /** The amount, in dollars and cents. */
  value: number;
  /** What it is, as the name's comment (Name Manager shows it). */
  comment: string;
}
