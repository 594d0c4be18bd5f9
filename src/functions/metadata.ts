/**
 * The metadata table of the RULE12B1 functions (STYLE §13): for each function
 * id in `functions.json`, its arguments in order with their kinds. The
 * function bodies in `functions.ts` coerce through these entries; a test
 * checks every entry against the generated `functions.json`, so an entry can
 * never point at another function's arguments.
 */
import { defineFunction } from "./arguments";

export const FUNCTIONS = {
  MAJORITY: defineFunction("MAJORITY", [
    { name: "sharesFor", kind: "decimal" },
    { name: "sharesPresent", kind: "decimal" },
    { name: "sharesOutstanding", kind: "decimal" },
  ]),
  LAPSEDATE: defineFunction("LAPSEDATE", [{ name: "lastApprovalOrContinuance", kind: "date" }]),
} as const;

export type FunctionId = keyof typeof FUNCTIONS;
