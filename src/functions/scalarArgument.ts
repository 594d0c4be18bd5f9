/**
 * A single-value argument (a number, amount, rate, date, count or choice)
 * as an engine value. A scalar parameter given a one-cell range (`[[5]]`)
 * gets its one value. Rates are fractions: 0.005 is 0.50%; text may be a
 * percentage ("0.50%"), and a rate above 1 (100%) is refused with a
 * suggestion ("did you mean 0.50%?").
 */
import type { DateSystem } from "../engine/calendar";
import { type Decimal, roundCents } from "../engine/decimal";
import type {
  ChoiceArgument,
  DateArgument,
  DecimalArgument,
  MoneyArgument,
  RateArgument,
  WholeNumberArgument,
} from "./argumentSpec";
import { dateCell, decimalCell, decimalFromText, isBlank } from "./cellValues";
import { CellError, excelErrorOf, propagatedError } from "./cellError";
import { MESSAGES } from "./messages";

export type ScalarArgument =
  | DecimalArgument
  | MoneyArgument
  | RateArgument
  | DateArgument
  | WholeNumberArgument
  | ChoiceArgument;

/**
 * The value of a single-value argument: a `Decimal`, a `Day`, a whole number
 * or one of the choices; null for a left-out optional argument (or its
 * default); a located `CellError` otherwise.
 *
 * @example
 * scalarArgument({ name: "annualRate", kind: "rate" }, "0.25%", "1900") // → Decimal 0.0025
 * scalarArgument({ name: "annualRate", kind: "rate" }, 50, "1900")
 * // → CellError "annualRate is 50, more than 100%. Rates are fractions: did you mean 0.50%?"
 */
export function scalarArgument(arg: ScalarArgument, raw: unknown, dateSystem: DateSystem): unknown {
  const where = arg.name;
  const single = singleValue(raw);
  // A left-out optional argument is null; desktop Excel passes a blank cell as 0, which is a value.
  if (isBlank(single) || (arg.kind === "date" && single === 0)) {
    if (arg.kind === "choice" && arg.default !== undefined) return arg.default;
    return arg.optional ? null : new CellError("#VALUE!", MESSAGES.blank(where));
  }
  return coerceScalar(arg, single, where, dateSystem);
}

function coerceScalar(
  arg: ScalarArgument,
  value: unknown,
  where: string,
  dateSystem: DateSystem
): unknown {
  switch (arg.kind) {
    case "date":
      return dateCell(value, where, dateSystem) ?? new CellError("#VALUE!", MESSAGES.blank(where));
    case "choice":
      return choiceValue(arg, value, where);
    case "rate":
      return rateValue(value, where);
    case "decimal":
    case "money":
    case "wholeNumber": {
      const amount = decimalCell(value, where);
      if (amount === null) return new CellError("#VALUE!", MESSAGES.blank(where));
      if (amount instanceof CellError) return amount;
      if (arg.kind === "wholeNumber") {
        if (!amount.isInteger())
          return new CellError("#VALUE!", MESSAGES.notWhole(where, amount.toFixed()));
        const minimum = arg.minimum ?? 0;
        if (amount.lessThan(minimum))
          return new CellError("#VALUE!", MESSAGES.belowMinimum(where, amount.toFixed(), minimum));
        return amount.toNumber();
      }
      if (arg.nonNegative && amount.isNegative() && !amount.isZero()) {
        return new CellError("#VALUE!", MESSAGES.negative(where, amount.toFixed()));
      }
      return arg.kind === "money" ? roundCents(amount) : amount;
    }
  }
}

/** A scalar parameter given a one-cell range (`[[5]]`) gets its one value. */
function singleValue(raw: unknown): unknown {
  let value = raw;
  while (Array.isArray(value) && value.length === 1) value = value[0];
  return value;
}

/**
 * A rate as a fraction between 0 and 1; text may be a percentage ("0.50%").
 *
 * @example
 * rateValue("0.50%", "maxRate") // → Decimal 0.005
 */
export function rateValue(value: unknown, where: string): Decimal | CellError {
  let rate: Decimal | null | CellError;
  const percent = typeof value === "string" ? /^(.*)%\s*$/.exec(value.trim()) : null;
  if (percent) {
    const number = decimalFromText(percent[1] ?? "");
    rate =
      number === null
        ? new CellError("#VALUE!", MESSAGES.notANumber(where, String(value)))
        : number.dividedBy(100);
  } else rate = decimalCell(value, where);
  if (rate === null) return new CellError("#VALUE!", MESSAGES.blank(where));
  if (rate instanceof CellError) return rate;
  if (rate.isNegative() && !rate.isZero())
    return new CellError("#VALUE!", MESSAGES.negative(where, rate.toFixed()));
  if (rate.greaterThan(1))
    return new CellError(
      "#VALUE!",
      MESSAGES.rateAbove100(where, rate.toFixed(), rateSuggestion(rate))
    );
  return rate;
}

/**
 * What a rate above 100% was probably meant to be: basis points typed as a
 * number of hundredths of a percent (50 → "0.50%"), or a percentage typed
 * without its % sign (1.5 → "1.5%").
 */
function rateSuggestion(rate: Decimal): string {
  if (rate.greaterThanOrEqualTo(10)) return `${rate.dividedBy(100).toFixed(2)}%`;
  return `${rate.toFixed()}%`;
}

function choiceValue<T extends string>(
  arg: ChoiceArgument<T>,
  value: unknown,
  where: string
): T | CellError {
  const literal = excelErrorOf(value);
  if (literal !== null) return propagatedError(literal, MESSAGES.holdsError(where, literal));
  const text = String(value);
  const wanted = normalizeChoice(text);
  const match = arg.choices.find((choice) => normalizeChoice(choice) === wanted);
  return match ?? new CellError("#VALUE!", MESSAGES.notAChoice(where, text, arg.choices));
}

function normalizeChoice(text: string): string {
  return text.replace(/\s+/g, "").toLowerCase();
}
