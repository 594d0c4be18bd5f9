/// <reference types="custom-functions-runtime" />
/**
 * Errors as values (STYLE §14, after HyperFormula's `CellError`): argument
 * coercion and the function cores return a `CellError` instead of throwing;
 * only `runFunction` turns one into the `CustomFunctions.Error` that Excel
 * shows in the cell.
 */
import { EXCEL_ERROR_LITERALS } from "../workbook/cells";

/**
 * The Excel error values a custom function may return. The strings equal the
 * values of `CustomFunctions.ErrorCode`. Excel shows a message only for
 * `#VALUE!` and `#N/A`, so every error that carries an explanation uses those.
 */
export type CellErrorCode = "#VALUE!" | "#N/A" | "#DIV/0!" | "#NUM!" | "#NULL!";

/** An error destined for a cell: its Excel code and, for `#VALUE!`/`#N/A`, a message. */
export class CellError {
  constructor(
    readonly code: CellErrorCode,
    readonly message: string
  ) {}
}

/** Error codes that show their message in Excel's error tooltip. */
export function showsMessage(code: CellErrorCode): boolean {
  return code === "#VALUE!" || code === "#N/A";
}

/** Input errors that a formula passes on unchanged, as Excel's own functions do. */
const PROPAGATED: ReadonlySet<string> = new Set<CellErrorCode>([
  "#N/A",
  "#DIV/0!",
  "#NUM!",
  "#NULL!",
]);

/**
 * The Excel error literal an argument value stands for, or null when it is
 * not an error. Error cells reach a function as `CustomFunctions.Error`
 * objects (`{ code: "#N/A" }`); some hosts pass the literal text instead.
 * `excelErrorOf({ code: "#N/A" })` → "#N/A"; `excelErrorOf("#REF!")` → "#REF!"; `excelErrorOf(5)` → null.
 */
export function excelErrorOf(value: unknown): string | null {
  if (typeof value === "string")
    return EXCEL_ERROR_LITERALS.has(value.trim().toUpperCase()) ? value.trim().toUpperCase() : null;
  if (typeof value === "object" && value !== null && "code" in value) {
    const code = (value as { code: unknown }).code;
    if (typeof code === "string" && EXCEL_ERROR_LITERALS.has(code)) return code;
  }
  return null;
}

/**
 * The error a function returns for an error found in its input: `#N/A`,
 * `#DIV/0!`, `#NUM!` and `#NULL!` pass through as Excel's own functions pass
 * them; anything else (`#REF!`, `#SPILL!`, …, which a custom function may not
 * return) becomes `#VALUE!`. The message says where the error was.
 */
export function propagatedError(literal: string, message: string): CellError {
  return new CellError(PROPAGATED.has(literal) ? (literal as CellErrorCode) : "#VALUE!", message);
}

/**
 * The `CustomFunctions.Error` for a `CellError` (the global exists inside
 * Excel; tests install a stand-in). The message is attached only where Excel
 * shows it.
 */
export function toCustomFunctionsError(error: CellError): CustomFunctions.Error {
  const code = error.code as CustomFunctions.ErrorCode;
  return showsMessage(error.code)
    ? new CustomFunctions.Error(code, error.message)
    : new CustomFunctions.Error(code);
}
