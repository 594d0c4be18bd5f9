/**
 * The ceiling on a portfolio's annual rate (Plan §1 ".50%", §8 material
 * increase; SPEC §2 "Material increase"). The plan's own ceiling is .50%; a
 * `Max annual rate` above it is an amendment that materially increases the fee
 * §1 permits, so it holds only from the later of its §3 board vote and the
 * §2(a)(42) vote of that portfolio's Class B shares, on one row or two.
 */
import { maximumAllowableFee, type MaximumFeeInput } from "./cap";
import { type Day, isoDate } from "./calendar";
import { type Decimal, roundCents } from "./decimal";
import { exception, type PlanException } from "./exceptions";
import {
  ALL_PORTFOLIOS,
  type GovernanceAction,
  PLAN_MAX_ANNUAL_RATE,
  type PortfolioSettings,
} from "./plan";
import { checkBoardVote, checkShareVote, isShareholderVote, pairedBoardVote } from "./votes";

export interface Ceiling {
  /** The ceiling that holds from `from` (or always, when `from` is null). */
  maxAnnualRate: Decimal;
  /** When a raised ceiling holds only from its §8 vote: before this day the ceiling is .50%. */
  from: Day | null;
  exceptions: PlanException[];
}

/** 0.005 → "0.50%", 0.00125 → "0.125%": at least two decimals, as rates are written. */
export function percent(rate: Decimal): string {
  const value = rate.times(100).toDecimalPlaces(4);
  return `${value.decimalPlaces() < 2 ? value.toFixed(2) : value.toString()}%`;
}

/**
 * The ceiling of one portfolio. A `Max annual rate` at or below .50% holds as
 * typed. Above .50% it holds from the later of two passing votes on the
 * amendment (SPEC §2 "Material increase"), which may be one `Amendment` row or
 * two, since the board and the shareholders never meet together:
 * - the §3 board vote: an Amendment for the portfolio or `All` carried by the
 *   trustees and the independent trustees in person (Plan §8 "in the manner
 *   provided for approval of this Plan in Section 3");
 * - the Class B vote: an Amendment naming the portfolio whose share counts pass
 *   §2(a)(42) (Plan §8 "the Class B shares of that Portfolio").
 * The two must be on the same amendment: the latest Class B vote naming the
 * portfolio decides, paired with the board's vote nearest it within a year
 * (`pairedBoardVote`). A latest Class B vote that fails, or one with no board
 * vote that near, leaves no raised ceiling: a 'ceiling-not-approved' error
 * naming what is missing, and the ceiling stays .50%.
 *
 * @example
 * // Max annual rate 0.75%; board Amendment for All 2025-05-20 (7 of 10, 5 of 7, in person);
 * // Growth's Class B holders 5,200,000 for of 10,000,000 outstanding on 2025-06-20 (shares only)
 * ceilingFor(settings, governance) // → { maxAnnualRate: 0.0075, from: 2025-06-20, exceptions: [] }
 */
export function ceilingFor(
  settings: PortfolioSettings,
  governance: readonly GovernanceAction[]
): Ceiling {
  const typed = settings.maxAnnualRate;
  if (!typed.greaterThan(PLAN_MAX_ANNUAL_RATE))
    return { maxAnnualRate: typed, from: null, exceptions: [] };
  const name = settings.portfolio.trim().toLowerCase();
  const all = ALL_PORTFOLIOS.toLowerCase();
  const amendments = governance
    .filter((action) => action.action === "Amendment")
    .sort((a, b) => a.date - b.date);
  const named = (action: GovernanceAction) => action.portfolio.trim().toLowerCase();
  const boardVotes = amendments.filter(
    (action) =>
      (named(action) === name || named(action) === all) &&
      !isShareholderVote(action) &&
      checkBoardVote(action).passes
  );
  // The latest Class B vote on an amendment for the portfolio decides: the one typed rate is
  // read as the last amendment its holders voted on, passing or not (docs/rules.md "The ceiling").
  const classBVotes = amendments.filter(
    (action) => named(action) === name && checkShareVote(action) !== null
  );
  const decisive = classBVotes[classBVotes.length - 1];
  const shareCheck = decisive === undefined ? null : checkShareVote(decisive);
  const board =
    decisive !== undefined && shareCheck?.passes === true
      ? pairedBoardVote(decisive, boardVotes)
      : undefined;
  if (decisive !== undefined && board !== undefined)
    return {
      maxAnnualRate: typed,
      // Plan §8: "may not be amended … until it has been approved" by both: the later vote.
      from: Math.max(board.date, decisive.date),
      exceptions: [],
    };
  const allWithShares = amendments.some(
    (action) => named(action) === all && checkShareVote(action) !== null
  );
  const lastBoard = boardVotes[boardVotes.length - 1];
  const missing =
    decisive === undefined
      ? lastBoard === undefined
        ? `no Amendment for ${settings.portfolio} is recorded with a majority of its outstanding Class B shares (§2(a)(42)) and a §3 board vote in person`
        : `the board approved an Amendment on ${isoDate(lastBoard.date)}, but no Amendment for ${settings.portfolio} records a majority of its outstanding Class B shares (§2(a)(42))`
      : shareCheck?.passes !== true
        ? `the latest Class B vote on an Amendment for ${settings.portfolio}, on ${isoDate(decisive.date)}, does not pass §2(a)(42) (${shareCheck?.reason ?? "no share counts"}), so no raised ceiling is approved from then or before`
        : `its Class B shareholders approved it on ${isoDate(decisive.date)}, but no Amendment for ${settings.portfolio} or All records a §3 board vote in person within a year of that vote`;
  return {
    maxAnnualRate: PLAN_MAX_ANNUAL_RATE,
    from: null,
    exceptions: [
      exception(
        "error",
        "ceiling-not-approved",
        `${settings.portfolio}: Max annual rate ${percent(typed)} is above the plan's .50%, which is an amendment materially increasing the fee permitted by Plan §1; ${missing}${allWithShares ? " (a Class B vote naming All counts for no portfolio)" : ""} (Plan §8). The ceiling stays .50%.`,
        {
          portfolio: settings.portfolio,
          ...(settings.source ? { source: { ...settings.source, column: "Max annual rate" } } : {}),
        }
      ),
    ],
  };
}

/**
 * The ceiling in force on `d`.
 *
 * @example ceilingOn({ maxAnnualRate: d("0.0075"), from: day("2026-03-02"), exceptions: [] }, day("2026-03-01")) // → 0.005
 */
export function ceilingOn(ceiling: Ceiling, d: Day): Decimal {
  return ceiling.from !== null && d < ceiling.from ? PLAN_MAX_ANNUAL_RATE : ceiling.maxAnnualRate;
}

/**
 * The maximum allowable fee over [start, end] under a ceiling that may change
 * on its §8 vote date: the days before it at .50%, the days from it at the
 * raised ceiling, rounded to cents once (see `maximumAllowableFee`).
 *
 * @example
 * // ceiling 0.75% from 2026-03-02; 1–31 March 2026 on 36,500,000 a day:
 * // 1 day × 36,500,000 × .005 / 365 + 30 days × 36,500,000 × .0075 / 365 = 500.00 + 22,500.00
 * maximumUnderCeiling({ series, timing: "Same day", start: day("2026-03-01"), end: day("2026-03-31") }, ceiling).maximum // → 23000.00
 */
export function maximumUnderCeiling(
  input: Omit<MaximumFeeInput, "maxAnnualRate">,
  ceiling: Ceiling
): { maximum: Decimal; exact: Decimal; days: number } {
  const from = ceiling.from;
  if (from === null || from <= input.start || from > input.end)
    return maximumAllowableFee({ ...input, maxAnnualRate: ceilingOn(ceiling, input.start) });
  const before = maximumAllowableFee({
    ...input,
    end: from - 1,
    maxAnnualRate: PLAN_MAX_ANNUAL_RATE,
  });
  const after = maximumAllowableFee({
    ...input,
    start: from,
    maxAnnualRate: ceiling.maxAnnualRate,
  });
  const exact = before.exact.plus(after.exact);
  return { maximum: roundCents(exact), exact, days: before.days + after.days };
}
