/**
 * A single-value argument (a number, amount, rate, date, count or choice)
 * as an engine value. A scalar parameter given a one-cell range (`[[5]]`)
 * gets its one value. Rates are fractions: 0.005 is 0.50%; text may be a
 * percentage ("0.50%"), and a rate above 1% is refused as #NUM! with a
 * suggestion ("did you mean 0.50%?"): no 12b-1 fee is that high, so 0.5 or 50
 * is a percentage typed as a number (SPEC §3 "no believable wrong number").
 */
import type { DateSystem } from "../engine/calendar";
import { Decimal, roundCents } from "../engine/decimal";
import type {
  ChoiceArgument,
  DateArgument,
  DecimalArgument,
  MoneyArgument,
  RateArgument,
  TextArgument,
  WholeNumberArgument,
} from "./argumentSpec";
import { dateCell, decimalCell, decimalFromText, isBlank, moneyCell } from "./cellValues";
import { CellError, excelErrorOf, propagatedError } from "./cellError";
import { MESSAGES } from "./messages";

export type ScalarArgument =
  | DecimalArgument
  | MoneyArgument
  | RateArgument
  | DateArgument
  | TextArgument
  | WholeNumberArgument
  | ChoiceArgument;

/**
 * The value of a single-value argument: a `Decimal`, a `Day`, a whole number
 * or one of the choices; null for a left-out optional argument (or its
 * default); a located `CellError` otherwise.
 *
 * @example
 * scalarArgument({ name: "annualRate", kind: "rate" }, "0.25%", "1900") // → Decimal 0.0025
 * scalarArgument({ name: "annualRate", kind: "rate" }, 0.5, "1900")
 * // → CellError #NUM! "annualRate is 0.5 (50% a year), above 1%: no 12b-1 fee is that high. Rates are fractions: did you mean 0.50%?"
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
    case "text": {
      const literal = excelErrorOf(value);
      if (literal !== null) return propagatedError(literal, MESSAGES.holdsError(where, literal));
      return String(value).trim();
    }
    case "rate":
      return rateValue(value, where);
    case "decimal":
    case "money":
    case "wholeNumber": {
      const amount = arg.kind === "money" ? moneyCell(value, where) : decimalCell(value, where);
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
      if (arg.kind === "money" && arg.zeroIsBlank && amount.isZero())
        return new CellError("#VALUE!", MESSAGES.zeroNetAssets(where, false));
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
  if (rate.greaterThan(MOST_PLAUSIBLE_ANNUAL_RATE))
    return new CellError(
      "#NUM!",
      MESSAGES.rateAboveOnePercent(
        where,
        rate.toFixed(),
        rate.times(100).toFixed(),
        rateSuggestion(rate)
      )
    );
  return rate;
}

/**
 * The highest annual rate a function accepts: 1%. The plan's ceiling is
 * .50% (Plan §1) and FINRA caps an asset-based sales charge plus service fee
 * at 1%, so anything above is a percentage typed as a number (0.5 for 0.5%),
 * not a fee rate: refusing it is how a function avoids a believable wrong
 * number (SPEC §3, added 2026-12-06).
 */
export const MOST_PLAUSIBLE_ANNUAL_RATE = new Decimal("0.01");

/**
 * What a rate above 1% was probably meant to be: a percentage typed without
 * its % sign (0.5 → "0.50%", 1.5 → "1.50%"), or hundredths of a percent typed
 * as a whole number (50 → "0.50%").
 *
 * @example
 * rateSuggestion(new Decimal(0.5)) // → "0.50%"
 */
function rateSuggestion(rate: Decimal): string {
  const percent = rate.greaterThanOrEqualTo(10) ? rate.dividedBy(100) : rate;
  return `${percent.toFixed(Math.max(2, percent.decimalPlaces()))}%`;
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
