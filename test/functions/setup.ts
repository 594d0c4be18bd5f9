/**
 * A stand-in for the `CustomFunctions` global that Excel provides to the
 * functions runtime: just the `Error` class and the `ErrorCode` values the
 * wrappers use. Import it first in any node test that calls a function.
 */
class StandInError {
  constructor(
    readonly code: string,
    readonly message?: string
  ) {}
}

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

const globals = globalThis as unknown as { CustomFunctions?: unknown };
globals.CustomFunctions ??= { Error: StandInError, ErrorCode };

/** Runs `call` and returns what it threw, as the cell would show it. */
export function cellErrorOf(call: () => unknown): { code: string; message?: string } {
  try {
    const value = call();
    throw new Error(`expected an Excel error, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (error instanceof StandInError) return { code: error.code, message: error.message };
    throw error;
  }
}

/** An error cell as Excel passes it inside a range. */
export function errorCell(code: string): StandInError {
  return new StandInError(code);
}
