/**
 * The metadata table of the RULE12B1 functions (STYLE §13): for each function
 * id in `functions.json`, its arguments in order with their kinds. The
 * function bodies in `functions.ts` coerce through these entries; a test
 * checks every entry against the generated `functions.json`, so an entry can
 * never point at another function's arguments.
 */
import { DAY_COUNTS, NAV_TIMINGS, PLAN_TYPES, ROUNDINGS, WEEKEND_BOOKINGS } from "../engine/plan";
import { defineFunction } from "./argumentSpec";

const DATES = { name: "dates", kind: "dateColumn" } as const;
const NET_ASSETS = {
  name: "netAssets",
  kind: "centsColumn",
  alignedWith: "dates",
  nonNegative: true,
  zeroIsBlank: true,
} as const;
const FROM = { name: "from", kind: "date", optional: true } as const;
const TO = { name: "to", kind: "date", optional: true } as const;
const MAX_RATE = { name: "maxRate", kind: "rate", optional: true } as const;
const DAY_COUNT = {
  name: "dayCount",
  kind: "choice",
  choices: DAY_COUNTS,
  optional: true,
  default: "Actual/Actual",
} as const;
const NAV_TIMING = {
  name: "navTiming",
  kind: "choice",
  choices: NAV_TIMINGS,
  optional: true,
  default: "Prior day",
} as const;

const WEEKEND_BOOKING = {
  name: "weekendBooking",
  kind: "choice",
  choices: WEEKEND_BOOKINGS,
  optional: true,
  default: "Forward",
} as const;
const ROUNDING = {
  name: "rounding",
  kind: "choice",
  choices: ROUNDINGS,
  optional: true,
  default: "Penny-true",
} as const;
const CAP_TIMING = { ...NAV_TIMING, default: "Same day" } as const;

export const FUNCTIONS = {
  ACCRUAL: defineFunction("ACCRUAL", [
    DATES,
    NET_ASSETS,
    { name: "annualRate", kind: "rateSchedule" },
    DAY_COUNT,
    NAV_TIMING,
    { name: "periodEnd", kind: "date", optional: true },
    WEEKEND_BOOKING,
    ROUNDING,
  ]),
  FEES: defineFunction("FEES", [
    DATES,
    NET_ASSETS,
    { name: "rates", kind: "rateSchedule" },
    FROM,
    TO,
    DAY_COUNT,
    NAV_TIMING,
  ]),
  EFFECTIVERATE: defineFunction("EFFECTIVERATE", [
    DATES,
    NET_ASSETS,
    { name: "fees", kind: "moneyColumn" },
    FROM,
    TO,
    CAP_TIMING,
  ]),
  DAYSINEFFECT: defineFunction("DAYSINEFFECT", [
    { name: "from", kind: "date" },
    { name: "to", kind: "date" },
    { name: "approvalDates", kind: "dateColumn" },
    { name: "terminationDate", kind: "date", optional: true },
    { name: "planEffective", kind: "date", optional: true },
  ]),
  DAILYFEE: defineFunction("DAILYFEE", [
    { name: "netAssets", kind: "money", nonNegative: true, zeroIsBlank: true },
    { name: "annualRate", kind: "rate" },
    { name: "date", kind: "date", optional: true },
    { name: "days", kind: "wholeNumber", optional: true, minimum: 1 },
    DAY_COUNT,
  ]),
  ADNA: defineFunction("ADNA", [DATES, NET_ASSETS, FROM, TO, NAV_TIMING]),
  // SPEC §2 "Cap": measured by default on the net assets the fee accrued on (Prior day), or "Same day".
  MAXFEE: defineFunction("MAXFEE", [DATES, NET_ASSETS, MAX_RATE, FROM, TO, NAV_TIMING]),
  HEADROOM: defineFunction("HEADROOM", [
    DATES,
    NET_ASSETS,
    { name: "fees", kind: "moneyColumn" },
    MAX_RATE,
    FROM,
    TO,
    NAV_TIMING,
  ]),
  CARRYFORWARD: defineFunction("CARRYFORWARD", [
    { name: "expenses", kind: "moneyColumn" },
    { name: "feesPaid", kind: "moneyColumn", sameHeightAs: "expenses", nonNegative: true },
    { name: "opening", kind: "money", optional: true, nonNegative: true },
    {
      name: "planType",
      kind: "choice",
      choices: PLAN_TYPES,
      optional: true,
      default: "Compensation",
    },
    {
      name: "maxFee",
      kind: "moneyColumn",
      sameHeightAs: "expenses",
      nonNegative: true,
      optional: true,
    },
  ]),
  MAJORITY: defineFunction("MAJORITY", [
    { name: "sharesFor", kind: "decimal" },
    { name: "sharesPresent", kind: "decimal" },
    { name: "sharesOutstanding", kind: "decimal" },
  ]),
  LAPSEDATE: defineFunction("LAPSEDATE", [
    { name: "lastApprovalOrContinuance", kind: "date" },
    { name: "planEffective", kind: "date", optional: true },
  ]),
  INEFFECT: defineFunction("INEFFECT", [
    { name: "date", kind: "date" },
    { name: "approvalDates", kind: "dateColumn" },
    { name: "terminationDate", kind: "date", optional: true },
    { name: "planEffective", kind: "date", optional: true },
  ]),
  PLANSTATUS: defineFunction("PLANSTATUS", [
    { name: "portfolio", kind: "text" },
    { name: "asOf", kind: "date", optional: true },
  ]),
} as const;

export type FunctionId = keyof typeof FUNCTIONS;
