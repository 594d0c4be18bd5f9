/// <reference types="custom-functions-runtime" />
/**
 * The one shape of every RULE12B1 function body (STYLE §6, §13):
 * coerce the arguments by the metadata table → call the engine → map the
 * result. A `CellError` from either step becomes the `CustomFunctions.Error`
 * Excel shows; an unexpected exception becomes `#VALUE!` with its text, so the
 * accountant always sees why a cell failed.
 */
import type { Arguments, ArgumentSpec, FunctionSpec } from "./argumentSpec";
import { type CoercionOptions, coerceArguments } from "./coerceArguments";
import { CellError, toCustomFunctionsError } from "./cellError";
import { MESSAGES } from "./messages";

/**
 * Runs `core` on the coerced arguments of one call.
 *
 * @example
 * runFunction(FUNCTIONS.LAPSEDATE, [45884], (a) => serialResult(lapseDate(a.lastApprovalOrContinuance)))
 * // → 46249 (2026-08-15)
 */
export function runFunction<A extends readonly ArgumentSpec[], R>(
  spec: FunctionSpec<A>,
  raw: readonly unknown[],
  core: (args: Arguments<A>) => R | CellError,
  options: CoercionOptions = {}
): R {
  let result: R | CellError;
  try {
    if (raw.length > spec.args.length) {
      throw new TypeError(`expected ${spec.args.length} arguments, got ${raw.length}`);
    }
    const args = coerceArguments(spec, raw, options);
    result = args instanceof CellError ? args : core(args);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    result = new CellError("#VALUE!", MESSAGES.unexpected(spec.id, detail));
  }
  if (result instanceof CellError) throw toCustomFunctionsError(result);
  return result;
}
