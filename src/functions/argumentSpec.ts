/**
 * The vocabulary of the metadata table (STYLE §13, after HyperFormula's
 * `FunctionPlugin` metadata): each RULE12B1 function declares its arguments
 * once — name, kind, optional — with `defineFunction`, and `Arguments<A>`
 * is the typed record its body receives after coercion (`coerceArguments`).
 *
 * What each kind accepts from the cells is described in `coerceArguments.ts`.
 */
import type { Day } from "../engine/calendar";
import type { Decimal } from "../engine/decimal";
import type { ScheduledRate } from "./scheduledRate";

interface ArgumentBase {
  /** The parameter's name as in the function's signature and in `functions.json`. */
  readonly name: string;
  /** Optional parameters arrive as `null` when left out. */
  readonly optional?: boolean;
}

/** A plain quantity, e.g. a number of shares: a `Decimal`. */
export interface DecimalArgument extends ArgumentBase {
  readonly kind: "decimal";
  readonly nonNegative?: boolean;
}
/** An amount of money: a `Decimal` rounded to cents. */
export interface MoneyArgument extends ArgumentBase {
  readonly kind: "money";
  readonly nonNegative?: boolean;
  /**
   * Net assets: a 0 is refused as a blank (desktop Excel passes a blank cell
   * as 0, and a blank NAV is never zero net assets, SPEC §3).
   */
  readonly zeroIsBlank?: boolean;
}
/** An annual rate as a fraction, 0 to 1: a `Decimal`. */
export interface RateArgument extends ArgumentBase {
  readonly kind: "rate";
}
/**
 * One annual rate, or a rate schedule: a two-column range of effective dates
 * and rates. A `ScheduledRate[]` sorted by date (rateScheduleArgument.ts).
 */
export interface RateScheduleArgument extends ArgumentBase {
  readonly kind: "rateSchedule";
}
/** A name, such as a portfolio's: trimmed text, never blank. */
export interface TextArgument extends ArgumentBase {
  readonly kind: "text";
}
/** A date: a `Day`. */
export interface DateArgument extends ArgumentBase {
  readonly kind: "date";
}
/** A count of days or periods: a whole `number`. */
export interface WholeNumberArgument extends ArgumentBase {
  readonly kind: "wholeNumber";
  readonly minimum?: number;
}
/** One of a list of words (a setting such as "Actual/365"), matched ignoring case and spaces. */
export interface ChoiceArgument<T extends string = string> extends ArgumentBase {
  readonly kind: "choice";
  readonly choices: readonly T[];
  /** Used when the argument is left out or blank. */
  readonly default?: T;
}
/**
 * A column of dates: `(Day | null)[]`, one entry per cell, null for a blank
 * or 0 cell (not a NAV row).
 */
export interface DateColumnArgument extends ArgumentBase {
  readonly kind: "dateColumn";
}
/**
 * A column of money: `(Decimal | null)[]`, one entry per cell. With
 * `alignedWith: "dates"` it must be as tall as that date column; rows whose
 * date is blank are null (skipped, whatever the cell holds) and a blank cell
 * beside a date is an error. Without it, blank cells are null.
 */
export interface MoneyColumnArgument extends ArgumentBase {
  readonly kind: "moneyColumn";
  readonly alignedWith?: string;
  /** Another (unaligned) column argument this one must be as tall as, row for row. */
  readonly sameHeightAs?: string;
  readonly nonNegative?: boolean;
}
/**
 * A column of money as whole cents: a `Float64Array`, NaN for a skipped row
 * (blank date beside it) or, without `alignedWith`, a blank cell. The same
 * values as `moneyColumn` × 100, by the same edge rule (`centsFromDouble`),
 * but with no decimal per cell: for long NAV columns (a whole sheet column is
 * 1,048,576 rows).
 */
export interface CentsColumnArgument extends ArgumentBase {
  readonly kind: "centsColumn";
  readonly alignedWith?: string;
  readonly nonNegative?: boolean;
  /**
   * Net assets: a 0 is refused as a blank (desktop Excel passes a blank cell
   * as 0, and a blank NAV is never zero net assets, SPEC §3).
   */
  readonly zeroIsBlank?: boolean;
}

export type ArgumentSpec =
  | DecimalArgument
  | MoneyArgument
  | RateArgument
  | RateScheduleArgument
  | DateArgument
  | TextArgument
  | WholeNumberArgument
  | ChoiceArgument
  | DateColumnArgument
  | MoneyColumnArgument
  | CentsColumnArgument;

/** One row of the metadata table: a function's id (as in `functions.json`) and its arguments in order. */
export interface FunctionSpec<A extends readonly ArgumentSpec[] = readonly ArgumentSpec[]> {
  readonly id: string;
  readonly args: A;
}

/**
 * Declares a table entry, keeping argument names and kinds as literal types.
 *
 * @example
 * defineFunction("LAPSEDATE", [{ name: "lastApprovalOrContinuance", kind: "date" }])
 * // → { id: "LAPSEDATE", args: [...] }, whose body receives { lastApprovalOrContinuance: Day }
 */
export function defineFunction<const A extends readonly ArgumentSpec[]>(
  id: string,
  args: A
): FunctionSpec<A> {
  return { id, args };
}

type KindValue<A> = A extends { kind: "decimal" | "money" | "rate" }
  ? Decimal
  : A extends { kind: "rateSchedule" }
    ? ScheduledRate[]
    : A extends { kind: "date" }
      ? Day
      : A extends { kind: "text" }
        ? string
        : A extends { kind: "wholeNumber" }
          ? number
          : A extends { kind: "choice"; choices: readonly (infer T)[] }
            ? T
            : A extends { kind: "dateColumn" }
              ? (Day | null)[]
              : A extends { kind: "moneyColumn" }
                ? (Decimal | null)[]
                : A extends { kind: "centsColumn" }
                  ? Float64Array
                  : never;

type ArgumentValue<A> = A extends { optional: true }
  ? A extends { default: string }
    ? KindValue<A>
    : KindValue<A> | null
  : KindValue<A>;

/** The coerced arguments of a function, by name: `{ sharesFor: Decimal, … }`. */
export type Arguments<A extends readonly ArgumentSpec[]> = {
  [S in A[number] as S["name"]]: ArgumentValue<S>;
};
