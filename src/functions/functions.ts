/**
 * The `=RULE12B1.…` worksheet functions (SPEC §3). Each body is one line of
 * shape: coerce the arguments by the metadata table → call the engine → map
 * the result (`runFunction`). This module has no side effects and no UI
 * imports: the build (custom-functions-metadata-plugin) appends the
 * `CustomFunctions.associate` calls and generates `functions.json` from the
 * JSDoc below, which is the help Excel shows while typing a formula.
 */
import { accrueColumns } from "../engine/accrualFast";
import { averageDailyNetAssets } from "../engine/averageDailyNetAssets";
import { capTest, maximumByMonths } from "../engine/cap";
import { isoDate } from "../engine/calendar";
import { type Decimal, roundCents, sum, ZERO } from "../engine/decimal";
import { lapseDate } from "../engine/governance";
import { majorityVote } from "../engine/majority";
import { customPeriod } from "../engine/periods";
import { type NavTiming, PLAN_MAX_ANNUAL_RATE } from "../engine/plan";
import {
  carryforwardBalances,
  feeForDays,
  inEffectOn,
  seriesFromNavColumns,
} from "../engine/worksheetHelpers";
import { CellError, toCustomFunctionsError } from "./cellError";
import { MESSAGES } from "./messages";
import { FUNCTIONS } from "./metadata";
import { navPeriod, navRows } from "./navRows";
import {
  functionExcelRun,
  hostHasEntityValues,
  standingEntity,
  todayOnThisMachine,
  workbookStanding,
} from "./planStatus";
import { standingLine } from "./portfolioStanding";
import { daysInEffectBetween } from "./daysInEffect";
import { effectiveAnnualRate, periodFees } from "./periodFees";
import { ratesFrom } from "./rateScheduleArgument";
import { centsColumnResult, numberResult, serialResult } from "./results";
import { runFunction } from "./runFunction";

/* eslint-disable @typescript-eslint/no-explicit-any -- Excel passes ranges of numbers, text, blanks and errors; the metadata table coerces them. */

/**
 * The Distribution Fee booked on each NAV row (SPEC §2): each row books the calendar days it covers (Forward booking: a Friday row covers Friday to Sunday), every day figured on the net assets of the latest NAV before it (navTiming "Prior day") at the rate in force that day, penny-true (each month's rows add up to its exact total rounded to the cent). One result per row, spilled; rows with a blank date show nothing.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#accrual
 * @param dates NAV dates, one column, oldest first (blank rows are skipped).
 * @param netAssets Class B net assets on each NAV date, same height as dates.
 * @param annualRate Annual fee rate, e.g. 0.25%, or a rate schedule: two columns, effective date and annual rate.
 * @param [dayCount] "Actual/Actual" (default: days in the calendar year), "Actual/365" or "Actual/360".
 * @param [navTiming] "Prior day" (default: the NAV struck before the day) or "Same day" (the NAV on or before the day).
 * @param [periodEnd] Last day to accrue through: the last row then covers the days after its date up to here. Left out, the last row covers only its own date.
 * @param [weekendBooking] "Forward" (default: a Friday row books Friday to Sunday) or "Catch-up" (a Monday row books Saturday to Monday).
 * @param [rounding] "Penny-true" (default: the month's running total rounded) or "Daily" (each day's fee rounded; the month-end true-up is not in the rows).
 * @returns The fee booked on each row, in dollars and cents.
 */
export function accrual(
  dates: any[][],
  netAssets: any[][],
  annualRate: any[][],
  dayCount?: any,
  navTiming?: any,
  periodEnd?: any,
  weekendBooking?: any,
  rounding?: any
): any[][] {
  return runFunction(
    FUNCTIONS.ACCRUAL,
    [dates, netAssets, annualRate, dayCount, navTiming, periodEnd, weekendBooking, rounding],
    (a) => {
      const rows = navRows(a.dates, a.netAssets);
      if (rows instanceof CellError) return rows;
      const result = accrueColumns({
        dates: rows.dates,
        netAssetsCents: rows.netAssetsCents,
        rates: ratesFrom(a.annualRate, rows.dates[0]),
        settings: {
          dayCount: a.dayCount,
          navTiming: a.navTiming,
          weekendBooking: a.weekendBooking,
          rounding: a.rounding,
        },
        periodEnd: a.periodEnd,
      });
      return centsColumnResult(a.dates.length, rows.sheetRow, result.bookedCents);
    }
  );
}

/**
 * The Distribution Fee for a period by the plan's rules (SPEC §2): every day from "from" to "to" accrues net assets × the rate in force ÷ days in the year on the NAV the day uses. A whole month, quarter or year is what its months booked, penny-true (the cap test's figure); any other span is its exact accrual rounded to the cent once.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#fees
 * @param dates NAV dates, one column, oldest first (blank rows are skipped).
 * @param netAssets Class B net assets on each NAV date, same height as dates.
 * @param rates Annual fee rate, e.g. 0.25%, or a rate schedule: two columns, effective date and annual rate.
 * @param [from] First day of the period (default: the first NAV date).
 * @param [to] Last day of the period (default: the last NAV date); the last NAV carries to it over a long weekend (4 days at most: a period the NAVs do not reach is #N/A).
 * @param [dayCount] "Actual/Actual" (default), "Actual/365" or "Actual/360".
 * @param [navTiming] "Prior day" (default) or "Same day".
 * @returns The fee for the period, in dollars and cents.
 */
export function fees(
  dates: any[][],
  netAssets: any[][],
  rates: any[][],
  from?: any,
  to?: any,
  dayCount?: any,
  navTiming?: any
): number {
  return runFunction(
    FUNCTIONS.FEES,
    [dates, netAssets, rates, from, to, dayCount, navTiming],
    (a) => {
      const rows = navRows(a.dates, a.netAssets);
      if (rows instanceof CellError) return rows;
      const period = navPeriod(rows, a.from, a.to);
      if (period instanceof CellError) return period;
      const settings = { dayCount: a.dayCount, navTiming: a.navTiming };
      return numberResult(periodFees(rows, a.rates, period, settings));
    }
  );
}

/**
 * The annual rate the fees of a period come to: fees ÷ (average daily net assets × days ÷ days in the year), each day ÷ its own year's 365 or 366 as the cap counts. Compare it with the plan's .50% (Plan §1). Format the cell as a percentage.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#effectiverate
 * @param dates NAV dates, one column, oldest first (blank rows are skipped).
 * @param netAssets Class B net assets on each NAV date, same height as dates.
 * @param fees Fees of the period: one amount (e.g. a FEES formula) or a column, which is summed (blanks skipped).
 * @param [from] First day of the period (default: the first NAV date).
 * @param [to] Last day of the period (default: the last NAV date).
 * @param [navTiming] "Same day" (default: the close of each day, the cap's measure) or "Prior day" (the NAVs the fee accrued on).
 * @returns The effective annual rate as a fraction, e.g. 0.0025 for 0.25%.
 */
export function effectiverate(
  dates: any[][],
  netAssets: any[][],
  fees: any[][],
  from?: any,
  to?: any,
  navTiming?: any
): number {
  return runFunction(
    FUNCTIONS.EFFECTIVERATE,
    [dates, netAssets, fees, from, to, navTiming],
    (a) => {
      const rows = navRows(a.dates, a.netAssets);
      if (rows instanceof CellError) return rows;
      const period = navPeriod(rows, a.from, a.to);
      if (period instanceof CellError) return period;
      const charged = sum(a.fees.filter((fee): fee is Decimal => fee !== null));
      const rate = effectiveAnnualRate(rows, charged, period, a.navTiming);
      return rate instanceof CellError ? rate : numberResult(rate);
    }
  );
}

/**
 * The number of days from "from" to "to" (both included) on which the plan is in effect, by the rule of INEFFECT applied to each day (Plan §3, §4, §6): the "days in effect" of the quarterly report.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#daysineffect
 * @param from First day of the period.
 * @param to Last day of the period.
 * @param approvalDates Dates of the board's approval and of every annual continuance (votes that passed), in any order; blanks are skipped.
 * @param [terminationDate] Date a termination took effect, if any.
 * @param [planEffective] The portfolio's plan-effective date, if later than the approval.
 * @returns The number of days in effect.
 */
export function daysineffect(
  from: any,
  to: any,
  approvalDates: any[][],
  terminationDate?: any,
  planEffective?: any
): number {
  return runFunction(
    FUNCTIONS.DAYSINEFFECT,
    [from, to, approvalDates, terminationDate, planEffective],
    (a) => {
      if (a.from > a.to)
        return new CellError("#VALUE!", MESSAGES.fromAfterTo(isoDate(a.from), isoDate(a.to)));
      const approvals = a.approvalDates.filter((approval): approval is number => approval !== null);
      return daysInEffectBetween(a.from, a.to, approvals, a.terminationDate, a.planEffective);
    }
  );
}

/**
 * The fee on one amount of net assets for one day, or for several consecutive days, rounded half-up to the cent once on the total (net assets × rate × days ÷ days in the year, not days × a rounded daily fee).
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#dailyfee
 * @param netAssets Class B net assets, in dollars.
 * @param annualRate Annual fee rate as a fraction or percentage, e.g. 0.50%.
 * @param [date] The (first) day. Needed for "Actual/Actual", which divides by 365 or 366 by the day's year.
 * @param [days] Number of consecutive days (default 1).
 * @param [dayCount] "Actual/Actual" (default), "Actual/365" or "Actual/360".
 * @returns The fee in dollars and cents.
 */
export function dailyfee(
  netAssets: any,
  annualRate: any,
  date?: any,
  days?: any,
  dayCount?: any
): number {
  return runFunction(FUNCTIONS.DAILYFEE, [netAssets, annualRate, date, days, dayCount], (a) => {
    const fee = feeForDays(a.netAssets, a.annualRate, a.dayCount, a.date, a.days ?? 1);
    return fee === null
      ? new CellError("#VALUE!", MESSAGES.yearNeeded())
      : numberResult(roundCents(fee));
  });
}

/**
 * Average daily net assets over a period: the net assets used on each calendar day (weekends and holidays carry the last NAV) summed and divided by the number of days, rounded to the cent. Days before the first NAV are left out.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#adna
 * @param dates NAV dates, one column, oldest first (blank rows are skipped).
 * @param netAssets Class B net assets on each NAV date, same height as dates.
 * @param [from] First day of the period (default: the first NAV date).
 * @param [to] Last day of the period (default: the last NAV date).
 * @param [navTiming] "Prior day" (default: the NAV struck before each day, as the fee accrues) or "Same day".
 * @returns The average daily net assets, in dollars and cents.
 */
export function adna(
  dates: any[][],
  netAssets: any[][],
  from?: any,
  to?: any,
  navTiming?: any
): number {
  return runFunction(FUNCTIONS.ADNA, [dates, netAssets, from, to, navTiming], (a) => {
    const rows = navRows(a.dates, a.netAssets);
    if (rows instanceof CellError) return rows;
    const period = navPeriod(rows, a.from, a.to);
    if (period instanceof CellError) return period;
    const { average } = averageDailyNetAssets(
      seriesFromNavColumns(rows),
      period.start,
      period.end,
      a.navTiming
    );
    return average === null
      ? new CellError("#N/A", MESSAGES.noNetAssets(isoDate(period.start), isoDate(period.end)))
      : numberResult(roundCents(average));
  });
}

/**
 * The maximum fee the plan allows over a period (Plan §1: an annual rate of at most .50% of average daily net assets), as the plan's cap measures it: each calendar day's net assets × the maximum rate ÷ days in that year, each month's (or part month's) sum rounded to the cent as fees are booked, the months added. By default the net assets are those the fee accrued on (the NAV struck before each day); "Same day" takes each day's close, the stricter measure.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#maxfee
 * @param dates NAV dates, one column, oldest first (blank rows are skipped).
 * @param netAssets Class B net assets on each NAV date, same height as dates.
 * @param [maxRate] Maximum annual rate (default 0.50%).
 * @param [from] First day of the period (default: the first NAV date).
 * @param [to] Last day of the period (default: the last NAV date).
 * @param [navTiming] "Prior day" (default: the net assets the fee accrued on) or "Same day" (each day's close, stricter).
 * @returns The maximum allowable fee, in dollars and cents.
 */
export function maxfee(
  dates: any[][],
  netAssets: any[][],
  maxRate?: any,
  from?: any,
  to?: any,
  navTiming?: any
): number {
  return runFunction(FUNCTIONS.MAXFEE, [dates, netAssets, maxRate, from, to, navTiming], (a) => {
    const cap = maximumFor(a);
    return cap instanceof CellError ? cap : numberResult(cap.maximum);
  });
}

/**
 * What is left under the plan's cap for a period: the maximum allowable fee (as MAXFEE) minus the fees charged. Negative means the fees exceed the cap: a breach.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#headroom
 * @param dates NAV dates, one column, oldest first (blank rows are skipped).
 * @param netAssets Class B net assets on each NAV date, same height as dates.
 * @param fees Fees charged in the period, accrued plus any carryforward paid: one amount or a column, which is summed (blanks skipped).
 * @param [maxRate] Maximum annual rate (default 0.50%).
 * @param [from] First day of the period (default: the first NAV date).
 * @param [to] Last day of the period (default: the last NAV date).
 * @param [navTiming] "Prior day" (default: the net assets the fee accrued on) or "Same day" (each day's close, stricter).
 * @returns The headroom in dollars and cents; below zero is a breach.
 */
export function headroom(
  dates: any[][],
  netAssets: any[][],
  fees: any[][],
  maxRate?: any,
  from?: any,
  to?: any,
  navTiming?: any
): number {
  return runFunction(
    FUNCTIONS.HEADROOM,
    [dates, netAssets, fees, maxRate, from, to, navTiming],
    (a) => {
      const cap = maximumFor(a);
      if (cap instanceof CellError) return cap;
      const charged = sum(a.fees.filter((fee): fee is Decimal => fee !== null));
      return numberResult(capTest(customPeriod(cap.start, cap.end), cap.maximum, charged).headroom);
    }
  );
}

/**
 * MAXFEE's core, shared with HEADROOM: the sum of the period's months' maxima, each rounded as
 * booked (SPEC §2 "Cap"), on the net assets `navTiming` picks (Prior day: as accrued).
 */
function maximumFor(a: {
  dates: (number | null)[];
  netAssets: Float64Array;
  maxRate: Decimal | null;
  from: number | null;
  to: number | null;
  navTiming: NavTiming;
}): { maximum: Decimal; start: number; end: number } | CellError {
  const rows = navRows(a.dates, a.netAssets);
  if (rows instanceof CellError) return rows;
  const period = navPeriod(rows, a.from, a.to);
  if (period instanceof CellError) return period;
  const { maximum, days } = maximumByMonths({
    series: seriesFromNavColumns(rows),
    timing: a.navTiming,
    maxAnnualRate: a.maxRate ?? PLAN_MAX_ANNUAL_RATE,
    start: period.start,
    end: period.end,
  });
  if (days === 0)
    return new CellError("#N/A", MESSAGES.noNetAssets(isoDate(period.start), isoDate(period.end)));
  return { maximum, ...period };
}

/**
 * Unreimbursed distribution expenses carried forward (Plan §1): the running balance after each period, opening + expenses − what was paid, never below zero. A reimbursement plan pays min(fee, opening + expenses, maxFee) (SPEC §2 "Reimbursement plan"). One result per period row, spilled; rows with both expenses and feesPaid blank show nothing.
 * @customfunction
 * @param expenses Distribution expenses incurred in each period while the plan was in effect, categories (a)–(i).
 * @param feesPaid The Distribution Fee of each period, same height as expenses. Reimbursement plan: the fee accrued at the rate. Compensation plan: the fee paid.
 * @param [opening] Carryforward balance before the first period (default 0).
 * @param [planType] "Compensation" (default) or "Reimbursement".
 * @param [maxFee] Reimbursement plan: each period's maximum allowable fee (MAXFEE), same height as expenses; what is reimbursed never exceeds it (a blank row has no limit). Not used for a compensation plan, whose fee is what was paid.
 * @returns The closing carryforward balance of each period.
 * @helpurl https://localhost:3000/help/functions.html#carryforward
 */
export function carryforward(
  expenses: any[][],
  feesPaid: any[][],
  opening?: any,
  planType?: any,
  maxFee?: any[][]
): any[][] {
  return runFunction(
    FUNCTIONS.CARRYFORWARD,
    [expenses, feesPaid, opening, planType, maxFee],
    (a) => {
      const periods = a.expenses.map((incurred, index) => {
        const fee = a.feesPaid[index] ?? null;
        return incurred === null && fee === null
          ? null
          : { incurred: incurred ?? ZERO, fee: fee ?? ZERO, maxFee: a.maxFee?.[index] ?? null };
      });
      const balances = carryforwardBalances(a.planType, periods, a.opening ?? ZERO);
      return balances.map((balance) => [balance === null ? "" : numberResult(balance)]);
    }
  );
}

/**
 * Whether a shareholder vote is a "majority of the outstanding voting securities" under 1940 Act §2(a)(42): TRUE if (more than 50% of outstanding shares are present and at least 67% of the shares present voted for) or more than 50% of all outstanding shares voted for.
 * @customfunction
 * @param sharesFor Class B shares voted for the proposal.
 * @param sharesPresent Class B shares present at the meeting, in person or by proxy.
 * @param sharesOutstanding Class B shares outstanding on the record date.
 * @returns TRUE if the vote passes, FALSE if it does not.
 * @helpurl https://localhost:3000/help/functions.html#majority
 */
export function majority(
  sharesFor: number,
  sharesPresent: number,
  sharesOutstanding: number
): boolean {
  return runFunction(FUNCTIONS.MAJORITY, [sharesFor, sharesPresent, sharesOutstanding], (a) => {
    const vote = majorityVote(a.sharesFor, a.sharesPresent, a.sharesOutstanding);
    return vote.ok
      ? vote.passes
      : new CellError("#VALUE!", `Cannot count the vote: ${vote.error}.`);
  });
}

/**
 * The date the plan lapses unless continued: one year after it takes effect (the later of the approval and the plan-effective date) or after the last continuance (Excel EDATE(date, 12)). The plan is in effect through the day before; a continuance dated on the lapse date itself is timely. Format the cell as a date.
 * @customfunction
 * @param lastApprovalOrContinuance Date of the board's last approval or annual continuance of the plan.
 * @param [planEffective] The portfolio's plan-effective date: a first year runs from it when it is later than the approval.
 * @returns The lapse date, as an Excel date.
 * @helpurl https://localhost:3000/help/functions.html#lapsedate
 */
export function lapsedate(lastApprovalOrContinuance: number, planEffective?: number): number {
  return runFunction(
    FUNCTIONS.LAPSEDATE,
    [lastApprovalOrContinuance, planEffective],
    (a, { dateSystem }) =>
      serialResult(
        lapseDate(
          a.planEffective === null
            ? a.lastApprovalOrContinuance
            : Math.max(a.lastApprovalOrContinuance, a.planEffective)
        ),
        dateSystem
      )
  );
}

/**
 * Whether the plan is in effect on a date (Plan §3, §4, §6): from the later of the first approval and the plan-effective date, for a year, extended a year from each continuance dated on or before the lapse date (the lapse date itself included), until a termination.
 * @customfunction
 * @param date The day to check.
 * @param approvalDates Dates of the board's approval and of every annual continuance (votes that passed), in any order; blanks are skipped.
 * @param [terminationDate] Date a termination took effect, if any.
 * @param [planEffective] The portfolio's plan-effective date, if later than the approval.
 * @returns TRUE if the plan is in effect on the date, FALSE if not.
 * @helpurl https://localhost:3000/help/functions.html#ineffect
 */
export function ineffect(
  date: any,
  approvalDates: any[][],
  terminationDate?: any,
  planEffective?: any
): boolean {
  return runFunction(
    FUNCTIONS.INEFFECT,
    [date, approvalDates, terminationDate, planEffective],
    (a) =>
      inEffectOn(
        a.date,
        a.approvalDates.filter((approval): approval is number => approval !== null),
        a.terminationDate,
        a.planEffective
      )
  );
}

/**
 * Where a portfolio stands: in effect or not, the rate in force and its board vote, the ceiling, this month's fees and cap headroom so far, when the next continuance is due, and the open findings — read from the plan tables of this workbook, as Check compliance reads them. An entity card where Excel has them (=A1.[Month to date] picks a figure), one line of text elsewhere. Recalculates when its arguments change: give =TODAY() as asOf to follow the date, or press Ctrl+Alt+F9 after editing the plan tables.
 * @customfunction
 * @helpurl https://localhost:3000/help/functions.html#planstatus
 * @param portfolio The portfolio's name, as in the Portfolios table.
 * @param [asOf] The day to speak for (default: today).
 * @returns The portfolio's standing: an entity card, or a line of text.
 */
export function planstatus(portfolio: any, asOf?: any): Promise<any> {
  return runFunction(FUNCTIONS.PLANSTATUS, [portfolio, asOf], async (a, { dateSystem }) => {
    let standing: Awaited<ReturnType<typeof workbookStanding>>;
    try {
      standing = await workbookStanding(
        functionExcelRun(),
        a.portfolio,
        a.asOf ?? todayOnThisMachine()
      );
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      standing = new CellError("#VALUE!", MESSAGES.unexpected("PLANSTATUS", detail));
    }
    if (standing instanceof CellError) throw toCustomFunctionsError(standing);
    return hostHasEntityValues() ? standingEntity(standing, dateSystem) : standingLine(standing);
  });
}
