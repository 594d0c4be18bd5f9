/**
 * The runner's options as one typed record (what commander hands `run`, or a
 * test or script calls `run` with), and the small shared checks on them.
 */
import os from "node:os";
import path from "node:path";
import { type Day, parseIsoDay } from "../engine/calendar";
import type { Progress } from "./progress";

export type CommandName = "init" | "demo" | "accrue" | "check" | "report" | "journal";

export interface RunOptions {
  command: CommandName;
  /** The workbook (init, accrue, check, report). */
  file?: string;
  /** Output directory (demo; default "out"). */
  dir?: string;
  /** Output workbook (accrue, report). */
  out?: string;
  /** Write over FILE itself (accrue, report). */
  inPlace?: boolean;
  /** Write a macro workbook as .xlsx without its VBA project (accrue, report; issue 22). */
  dropMacros?: boolean;
  /** Quarter to report, e.g. "2026Q3" (default: the last complete quarter as of `asOf`). */
  quarter?: string;
  /** Report every quarter that has figures, through the last complete one. */
  allQuarters?: boolean;
  /** Report a quarter that has not ended yet, marked PRELIMINARY, through `asOf`. */
  preliminary?: boolean;
  /** The annual Item 19(g) table of this fiscal year, e.g. "2026" (sheet "12b-1 SAI FY2026"). */
  year?: string;
  /** The day the figures speak for, YYYY-MM-DD (default: today in UTC; demo: 2026-11-28). */
  asOf?: string;
  /** The prepared-at stamp (default: now, UTC). */
  preparedAt?: string;
  /** Who prepared the output, for the audit trail (default: the OS user). */
  preparedBy?: string;
  /** Seconds to wait for another run on the same workbook (`--wait`; default 60, 0: stop at once). */
  wait?: string | number;
  /** Let `demo` replace files already in DIR, or `journal` a CSV already there (`--force`). */
  force?: boolean;
  /** The month to journal, e.g. "2026-11" (default: the last finished month as of `asOf`). */
  month?: string;
  /** Also write the journal as a flat CSV for a GL import (`journal --csv F`). */
  csv?: string;
  /** Record the journal in the PostedJournals table (`journal --post`). */
  post?: boolean;
  /** `journal --by day`: one accrual entry per day. */
  byDay?: string;
  progress?: Progress;
  /** One-off lines for the person running the command (e.g. waiting for another run), on stderr. */
  notice?: (line: string) => void;
}

/** Today in UTC as a Day: the default `--as-of`. */
export function todayUtc(now = new Date()): Day {
  return Math.floor(now.getTime() / 86_400_000);
}

/** "2026-11-28 14:05 UTC": the default prepared-at stamp. */
export function preparedAtNow(now = new Date()): string {
  return `${now.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The operator for the audit trail: `--prepared-by`, else the OS user (`os.userInfo()`, then $USER/$USERNAME). */
export function preparedByDefault(options: RunOptions): string {
  if (options.preparedBy !== undefined && options.preparedBy.trim() !== "")
    return options.preparedBy.trim();
  try {
    return os.userInfo().username;
  } catch {
    // No passwd entry (some containers): fall back to the environment.
    return process.env.USER ?? process.env.USERNAME ?? "unknown user";
  }
}

/** `--as-of` as a Day, or a problem. */
export function asOfDay(
  options: RunOptions,
  fallback: Day
): { ok: true; day: Day } | { ok: false; problem: string } {
  if (options.asOf === undefined) return { ok: true, day: fallback };
  const parsed = parseIsoDay(options.asOf);
  return parsed === null
    ? { ok: false, problem: `--as-of ${options.asOf}: give a date as YYYY-MM-DD.` }
    : { ok: true, day: parsed };
}

/** Where a command that changes the workbook writes: `--out`, or FILE with `--in-place`; never FILE otherwise. */
export function outputFile(
  options: RunOptions,
  file: string
): { ok: true; file: string } | { ok: false; problem: string } {
  if (options.inPlace && options.out)
    return { ok: false, problem: "Give either -o OUT or --in-place, not both." };
  if (options.inPlace) return { ok: true, file };
  if (!options.out)
    return {
      ok: false,
      problem: `Say where to write: -o OUT.xlsx (or --in-place to change ${file} itself).`,
    };
  if (path.resolve(options.out) === path.resolve(file))
    return {
      ok: false,
      problem: `-o ${options.out} is the input itself; use --in-place to change it.`,
    };
  return { ok: true, file: options.out };
}

/** `--wait` as seconds, or a problem: `waitSeconds({ …, wait: "5" })` → `{ ok: true, seconds: 5 }`. */
export function waitSeconds(
  options: RunOptions
): { ok: true; seconds: number | undefined } | { ok: false; problem: string } {
  if (options.wait === undefined) return { ok: true, seconds: undefined };
  const seconds = Number(options.wait);
  return typeof options.wait === "string" && !/^\d+(\.\d+)?$/.test(options.wait.trim())
    ? { ok: false, problem: `--wait ${options.wait}: give a number of seconds, e.g. --wait 30.` }
    : Number.isFinite(seconds) && seconds >= 0
      ? { ok: true, seconds }
      : { ok: false, problem: `--wait ${options.wait}: give a number of seconds, e.g. --wait 30.` };
}
