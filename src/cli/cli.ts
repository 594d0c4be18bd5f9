/**
 * Commander wiring only: the options are declared once in `OPTIONS`, each
 * command lists the ones it takes, and every action hands a `RunOptions` to
 * `run` and prints its `Outcome`. The exit code is set here, at the
 * boundary (`process.exitCode`), never with `process.exit`.
 */
import { Command, CommanderError, Option } from "commander";
import type { Outcome } from "./outcome";
import { terminalProgress } from "./progress";
import { run } from "./run";
import type { CommandName, RunOptions } from "./runOptions";
import { RULE12B1_VERSION } from "../workbook/version";

type OptionKey =
  | "out"
  | "inPlace"
  | "dropMacros"
  | "wait"
  | "force"
  | "quarter"
  | "allQuarters"
  | "preliminary"
  | "year"
  | "asOf"
  | "preparedAt"
  | "preparedBy"
  | "month"
  | "csv"
  | "post"
  | "byDay"
  | "json";

const OPTIONS: Record<OptionKey, { flags: string; description: string }> = {
  out: {
    flags: "-o, --out <file>",
    description:
      "workbook to write: a new or ordinary file, never a folder or device (the input is never changed without --in-place)",
  },
  inPlace: {
    flags: "--in-place",
    description:
      "write into the input workbook itself, keeping its mode and owner (through a link: the file it points to)",
  },
  dropMacros: {
    flags: "--drop-macros",
    description:
      "write a macro workbook (.xlsm) as .xlsx without its VBA project (without it, that is refused: an .xlsx cannot hold macros)",
  },
  wait: {
    flags: "--wait <seconds>",
    description:
      "how long to wait for another rule12b1 run on the same workbook before exit 2 (default: 60; 0: do not wait)",
  },
  force: {
    flags: "--force",
    description: "replace the demo's files if DIR already has them (journal: the --csv file)",
  },
  quarter: {
    flags: "-q, --quarter <quarter>",
    description: "quarter to report, e.g. 2026Q3 (default: the last complete quarter)",
  },
  allQuarters: {
    flags: "--all-quarters",
    description:
      "one report sheet per quarter with NAV history, through the last complete one (with --preliminary, the running one too)",
  },
  preliminary: {
    flags: "--preliminary",
    description:
      "allow a quarter (or fiscal year) that has not ended by --as-of: figures through that day, PRELIMINARY on every page",
  },
  year: {
    flags: "--year <year>",
    description:
      'the annual Form N-1A Item 19(g) table: sheet "12b-1 SAI FYyyyy", each portfolio\'s fiscal year ending in that year',
  },
  asOf: {
    flags: "--as-of <date>",
    description: "day the figures speak for, YYYY-MM-DD (default: today, UTC; demo: 2026-11-28)",
  },
  preparedAt: {
    flags: "--prepared-at <text>",
    description: "prepared-at stamp on the report (default: now, UTC)",
  },
  preparedBy: {
    flags: "--prepared-by <name>",
    description: "who prepared the output, for its audit trail (default: the OS user)",
  },
  json: { flags: "--json", description: "print the result as JSON on stdout" },
  month: {
    flags: "-m, --month <month>",
    description: "month to journal, e.g. 2026-11 (default: the last finished month)",
  },
  csv: {
    flags: "--csv <file>",
    description:
      "also write the entries as a flat CSV for a GL import (UTF-8, ISO dates; refused if the file is there, unless --force)",
  },
  post: {
    flags: "--post",
    description:
      "record the entries in the PostedJournals table; later changes to a posted month become adjusting entries",
  },
  byDay: { flags: "--by <split>", description: "--by day: one accrual entry per day" },
};

const COMMANDS: {
  name: CommandName;
  argument: string;
  description: string;
  options: OptionKey[];
}[] = [
  {
    name: "init",
    argument: "<file>",
    description: "create a new workbook with the plan tables",
    options: ["preparedBy", "json"],
  },
  {
    name: "demo",
    argument: "[dir]",
    description: "write the sample trust and run accrue, check and report on it (default dir: out)",
    options: ["force", "asOf", "preparedAt", "preparedBy", "json"],
  },
  {
    name: "accrue",
    argument: "<file>",
    description: "write the daily accrual columns beside the NetAssets table",
    options: ["out", "inPlace", "dropMacros", "wait", "asOf", "preparedAt", "preparedBy", "json"],
  },
  {
    name: "check",
    argument: "<file>",
    description: "check every rule of the plan; exit 1 when errors are found",
    options: ["asOf", "json"],
  },
  {
    name: "report",
    argument: "<file>",
    description: "write the quarterly report sheet (Plan §5)",
    options: [
      "quarter",
      "allQuarters",
      "year",
      "preliminary",
      "out",
      "inPlace",
      "dropMacros",
      "wait",
      "asOf",
      "preparedAt",
      "preparedBy",
      "json",
    ],
  },
  {
    name: "journal",
    argument: "<file>",
    description:
      "write the month's journal entries sheet (SPEC §7), optionally a CSV, and post them",
    options: [
      "month",
      "byDay",
      "preliminary",
      "csv",
      "force",
      "post",
      "out",
      "inPlace",
      "wait",
      "asOf",
      "preparedAt",
      "preparedBy",
      "json",
    ],
  },
];

function print(outcome: Outcome, json: boolean): void {
  if (json)
    process.stdout.write(
      `${JSON.stringify({ command: outcome.command, exitCode: outcome.exitCode, written: outcome.written, ...outcome.data })}\n`
    );
  else
    (outcome.exitCode === 2 ? process.stderr : process.stdout).write(
      `${outcome.lines.join("\n")}\n`
    );
}

/** Builds the program; `await main(process.argv)` runs it. */
export function program(): Command {
  const root = new Command("rule12b1")
    .description(
      "Rule 12b-1 Class B Distribution Plan: accruals, compliance checks and the quarterly report, on .xlsx workbooks"
    )
    .version(
      RULE12B1_VERSION,
      "-V, --version",
      "print rule12b1's version (the one its outputs' audit trail shows)"
    )
    .exitOverride()
    .showHelpAfterError()
    .addHelpText(
      "after",
      "\nExit codes: 0 done; 1 check found errors; 2 unusable input or a file-system condition (with a sentence; the file being written is left as it was); 3 a bug.\nHow files are written (links, mode and owner, the lock, signals): docs/runner.md."
    );
  for (const spec of COMMANDS) {
    const command = root
      .command(spec.name)
      .argument(spec.argument)
      .description(spec.description)
      .exitOverride();
    for (const key of spec.options)
      command.addOption(new Option(OPTIONS[key].flags, OPTIONS[key].description));
    command.action(
      async (target: string | undefined, flags: Partial<Record<OptionKey, string | boolean>>) => {
        const options: RunOptions = {
          command: spec.name,
          ...(spec.name === "demo" ? { dir: target ?? "out" } : { file: target! }),
          ...(flags as Partial<RunOptions>),
          progress: flags.json ? undefined : terminalProgress(process.stderr),
          notice: (line) => process.stderr.write(`${line}\n`),
        };
        const outcome = await run(options);
        print(outcome, Boolean(flags.json));
        process.exitCode = outcome.exitCode;
      }
    );
  }
  return root;
}

/** Runs the CLI: exit 0 ok, 1 check found errors, 2 unusable input, a file-system condition or bad usage, 3 a bug. */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await program().parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures; usage mistakes are unusable input.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(
      `rule12b1 failed unexpectedly: ${(error as Error).stack ?? String(error)}\n`
    );
    process.exitCode = 3;
  }
}
