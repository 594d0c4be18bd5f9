/// <reference types="custom-functions-runtime" />
/**
 * The one shape of every RULE12B1 function body (STYLE §6, §13):
 * coerce the arguments by the metadata table → call the engine → map the
 * result. A `CellError` from either step becomes the `CustomFunctions.Error`
 * Excel shows; an unexpected exception becomes `#VALUE!` with its text, so the
 * accountant always sees why a cell failed.
 *
 * Dates are read and returned in the workbook's date system
 * (`workbookDateSystem`). While Excel is still being asked for it — the first
 * calls after the workbook opens — the function returns a promise of its
 * result; Excel's functions runtime accepts a promise from any function (it
 * checks every result for `then`), so the declared result type still holds.
 */
import type { DateSystem } from "../engine/calendar";
import type { Arguments, ArgumentSpec, FunctionSpec } from "./argumentSpec";
import { CellError, toCustomFunctionsError } from "./cellError";
import { type CoercionOptions, coerceArguments } from "./coerceArguments";
import { MESSAGES } from "./messages";
import { workbookDateSystem } from "./workbookDateSystem";

/** What a function core knows besides its arguments. */
export interface CallContext {
  /** The workbook's date system: return dates with `serialResult(day, dateSystem)`. */
  readonly dateSystem: DateSystem;
}

/**
 * Runs `core` on the coerced arguments of one call. `options.dateSystem`
 * overrides the workbook's (tests).
 *
 * @example
 * runFunction(FUNCTIONS.LAPSEDATE, [45884], (a, { dateSystem }) => serialResult(lapseDate(a.lastApprovalOrContinuance), dateSystem))
 * // → 46249 (2026-08-15) in a 1900-system workbook
 */
export function runFunction<A extends readonly ArgumentSpec[], R>(
  spec: FunctionSpec<A>,
  raw: readonly unknown[],
  core: (args: Arguments<A>, context: CallContext) => R | CellError,
  options: CoercionOptions = {}
): R {
  const dateSystem = options.dateSystem ?? workbookDateSystem();
  if (typeof dateSystem !== "string") {
    // See the module comment: Excel awaits a returned promise.
    return dateSystem.then((system) => settle(run(spec, raw, core, system))) as unknown as R;
  }
  return settle(run(spec, raw, core, dateSystem));
}

function run<A extends readonly ArgumentSpec[], R>(
  spec: FunctionSpec<A>,
  raw: readonly unknown[],
  core: (args: Arguments<A>, context: CallContext) => R | CellError,
  dateSystem: DateSystem
): R | CellError {
  try {
    if (raw.length > spec.args.length) {
      throw new TypeError(`expected ${spec.args.length} arguments, got ${raw.length}`);
    }
    const args = coerceArguments(spec, raw, { dateSystem });
    return args instanceof CellError ? args : core(args, { dateSystem });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return new CellError("#VALUE!", MESSAGES.unexpected(spec.id, detail));
  }
}

function settle<R>(result: R | CellError): R {
  if (result instanceof CellError) throw toCustomFunctionsError(result);
  return result;
}
