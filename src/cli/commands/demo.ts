/**
 * `rule12b1 demo [DIR]`: writes the seeded sample trust to
 * DIR/sample-trust.xlsx, then runs accrue, check and report on it — as of
 * 2026-11-28 unless `--as-of` says otherwise, so the figures are the same on
 * every run — into DIR/sample-trust-accrued.xlsx and
 * DIR/sample-trust-report.xlsx, and November 2026's journal entries (SPEC §7;
 * preliminary through the as-of date, which falls in November) into
 * DIR/sample-trust-journal.xlsx and DIR/sample-trust-journal-2026-11.csv. The demo exits 0: check's findings are the
 * point of the sample. It replaces none of those files if they are already
 * there, unless told to with `--force`.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { newExcelJsWorkbook } from "../xlsx/excelJs";
import { sampleTrust, SAMPLE_AS_OF } from "../demo/sampleTrust";
import { FileProblem } from "../files/fileProblem";
import { lockedCommand } from "../files/lockedCommand";
import { withWorkbookLock } from "../files/withWorkbookLock";
import { type Outcome, stoppedByFileSystem, unusable } from "../outcome";
import type { RunOptions } from "../runOptions";
import { writePlanTables } from "../xlsx/writeTables";
import { saveWorkbook } from "../xlsx/workbookFile";
import { accrue } from "./accrue";
import { check } from "./check";
import { journal } from "./journal";
import { report } from "./report";

/** A fixed timestamp keeps the sample workbook byte-for-byte the same on every run. */
const SAMPLE_CREATED = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));

/** Writes the sample workbook only: `await writeSampleTrust("samples/sample-trust.xlsx")`. */
export async function writeSampleTrust(file: string): Promise<void> {
  const workbook = await newExcelJsWorkbook();
  workbook.creator = "rule12b1 demo";
  workbook.created = SAMPLE_CREATED;
  workbook.modified = SAMPLE_CREATED;
  writePlanTables(workbook, sampleTrust());
  await saveWorkbook(workbook, file, [], { entryDate: SAMPLE_CREATED });
}

/** The files a demo writes into DIR, in the order it writes them. */
function demoFiles(dir: string): {
  sample: string;
  accrued: string;
  reported: string;
  journaled: string;
  csv: string;
} {
  return {
    sample: path.join(dir, "sample-trust.xlsx"),
    accrued: path.join(dir, "sample-trust-accrued.xlsx"),
    reported: path.join(dir, "sample-trust-report.xlsx"),
    journaled: path.join(dir, "sample-trust-journal.xlsx"),
    csv: path.join(dir, `sample-trust-journal-${DEMO_JOURNAL_MONTH}.csv`),
  };
}

/** The month the demo journals (SPEC §7): the month of its as-of date, so preliminary. */
const DEMO_JOURNAL_MONTH = "2026-11";

/** Those of `files` already there (a link counts, even a broken one). */
async function alreadyThere(files: readonly string[]): Promise<string[]> {
  const found = await Promise.all(
    files.map((file) =>
      fs.lstat(file).then(
        () => true,
        () => false
      )
    )
  );
  return files.filter((_, i) => found[i]);
}

/**
 * `await demo({ command: "demo", dir: "out" })`. Files already in DIR are
 * replaced only with `force: true` (`--force`); otherwise exit 2 naming them.
 */
export async function demo(options: RunOptions): Promise<Outcome> {
  const dir = options.dir ?? "out";
  const asOf = options.asOf ?? SAMPLE_AS_OF;
  const { sample, accrued, reported, journaled, csv } = demoFiles(dir);
  if (!options.force) {
    const existing = await alreadyThere([sample, accrued, reported, journaled, csv]);
    if (existing.length > 0) {
      const sentence = `${existing.join(", ")} ${existing.length === 1 ? "is" : "are"} already there; demo replaces nothing without --force. Run npx rule12b1 demo ${dir} --force to replace ${existing.length === 1 ? "it" : "them"}, or choose another folder.`;
      return {
        command: "demo",
        exitCode: 2,
        lines: [sentence, "Nothing was written."],
        written: [],
        data: { problems: [sentence] },
      };
    }
  }
  const started = Date.now();
  const written: string[] = [];
  let steps: Outcome[];
  try {
    options.progress?.("Writing the sample trust", 0, 4);
    await withWorkbookLock(sample, { command: "demo", notice: options.notice }, () =>
      writeSampleTrust(sample)
    );
    written.push(sample);
    const accrueStep = await lockedCommand(accrue)({
      ...options,
      command: "accrue",
      file: sample,
      out: accrued,
      asOf,
      inPlace: false,
      progress: undefined,
    });
    written.push(...accrueStep.written);
    steps = [
      accrueStep,
      await check({ ...options, command: "check", file: sample, asOf, progress: undefined }),
      await lockedCommand(report)({
        ...options,
        command: "report",
        file: accrued,
        out: reported,
        asOf,
        inPlace: false,
        progress: undefined,
      }),
      await lockedCommand(journal)({
        ...options,
        command: "journal",
        file: accrued,
        out: journaled,
        csv,
        force: true,
        month: DEMO_JOURNAL_MONTH,
        preliminary: true,
        asOf,
        inPlace: false,
        progress: undefined,
      }),
    ];
  } catch (error) {
    if (error instanceof FileProblem) return stoppedByFileSystem("demo", error.sentence, written);
    throw error;
  }
  options.progress?.("Done", 4, 4);
  const failed = steps.find((step) => step.exitCode === 2);
  if (failed) return unusable("demo", failed.lines);
  const [accrueStep, checkStep, reportStep, journalStep] = steps as [
    Outcome,
    Outcome,
    Outcome,
    Outcome,
  ];
  return {
    command: "demo",
    exitCode: 0,
    lines: [
      `Sample trust: ${sample} (as of ${asOf}).`,
      "",
      "== accrue ==",
      ...accrueStep.lines,
      "",
      "== check ==",
      ...checkStep.lines.slice(0, checkStep.lines.indexOf("", 2) + 1),
      `(${(checkStep.data.exceptions as unknown[]).length} findings in all; run: npx rule12b1 check ${sample} --as-of ${asOf})`,
      "",
      "== report ==",
      ...reportStep.lines,
      "",
      "== journal ==",
      ...journalStep.lines,
      "",
      `Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Open ${reported} and ${journaled}.`,
    ],
    written: [sample, ...accrueStep.written, ...reportStep.written, ...journalStep.written],
    data: {
      asOf,
      sample,
      accrue: accrueStep.data,
      check: {
        errors: checkStep.data.errors,
        warnings: checkStep.data.warnings,
        infos: checkStep.data.infos,
      },
      report: reportStep.data,
      journal: journalStep.data,
    },
  };
}
