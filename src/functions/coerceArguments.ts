/**
 * Argument coercion for the RULE12B1 custom functions, driven by the
 * metadata table (STYLE §13, after HyperFormula's `runFunction(args,
 * metadata, core)`): each function declares its arguments once
 * (`defineFunction`, argumentSpec.ts) and this module turns what Excel passes
 * into engine values or a located `CellError`.
 *
 * What Excel passes, and where it is read:
 * - Ranges arrive as 2-D arrays (columnCells.ts); blank cells arrive as `0`
 *   (Excel desktop) or `null`/`""` (Excel on the web).
 * - Single values — numbers, amounts, rates, dates, counts, choices —
 *   (scalarArgument.ts); cells as decimals and days (cellValues.ts).
 * - Columns of dates, money and cents (columnArguments.ts).
 * - Optional arguments that are left out arrive as `null`.
 * - A date column and its NAV column given the other way round are named as
 *   swapped before either is read (swappedColumns.ts).
 */
import type { DateSystem } from "../engine/calendar";
import type { Arguments, ArgumentSpec, FunctionSpec } from "./argumentSpec";
import { CellError } from "./cellError";
import { centsColumn, dateColumn, moneyColumn } from "./columnArguments";
import { rateScheduleArgument } from "./rateScheduleArgument";
import { scalarArgument } from "./scalarArgument";
import { swappedColumns } from "./swappedColumns";

export interface CoercionOptions {
  /** The workbook's date system; custom functions assume 1900 (Excel's default). */
  dateSystem?: DateSystem;
}

/**
 * Converts the raw arguments of one call, in the order of `spec.args`, into
 * engine values, or returns the first problem as a `CellError` that names
 * the argument (and row).
 *
 * @example
 * coerceArguments(defineFunction("LAPSEDATE", [{ name: "lastApprovalOrContinuance", kind: "date" }]), [45884])
 * // → { lastApprovalOrContinuance: 20315 }  (2025-08-15 as a Day)
 */
export function coerceArguments<A extends readonly ArgumentSpec[]>(
  spec: FunctionSpec<A>,
  raw: readonly unknown[],
  options: CoercionOptions = {}
): Arguments<A> | CellError {
  const dateSystem = options.dateSystem ?? "1900";
  const swapped = swappedColumns(spec, raw, dateSystem);
  if (swapped) return swapped;
  const values: Record<string, unknown> = {};
  // Date (key) columns first, so the columns aligned with them know which rows to skip.
  const ordered = spec.args.map((arg, index) => ({ arg, index }));
  ordered.sort((a, b) => Number(isAligned(a.arg)) - Number(isAligned(b.arg)));
  for (const { arg, index } of ordered) {
    const value = coerceArgument(arg, raw[index], values, spec, dateSystem);
    if (value instanceof CellError) return value;
    values[arg.name] = value;
  }
  return values as Arguments<A>;
}

function isAligned(arg: ArgumentSpec): boolean {
  if (arg.kind === "moneyColumn")
    return arg.alignedWith !== undefined || arg.sameHeightAs !== undefined;
  return arg.kind === "centsColumn" && arg.alignedWith !== undefined;
}

function coerceArgument(
  arg: ArgumentSpec,
  raw: unknown,
  done: Record<string, unknown>,
  spec: FunctionSpec,
  dateSystem: DateSystem
): unknown {
  switch (arg.kind) {
    case "dateColumn":
      return dateColumn(arg, raw, dateSystem);
    case "moneyColumn":
      return moneyColumn(arg, raw, done, spec);
    case "centsColumn":
      return centsColumn(arg, raw, done, spec);
    case "rateSchedule":
      return rateScheduleArgument(arg, raw, dateSystem);
    default:
      return scalarArgument(arg, raw, dateSystem);
  }
}
