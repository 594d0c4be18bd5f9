/**
 * `rule12b1 demo [DIR]`: writes the seeded sample trust to
 * DIR/sample-trust.xlsx, then runs accrue, check and report on it — as of
 * 2026-11-28 unless `--as-of` says otherwise, so the figures are the same on
 * every run — into DIR/sample-trust-accrued.xlsx and
 * DIR/sample-trust-report.xlsx. The demo exits 0: check's findings are the
 * point of the sample.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { sampleTrust, SAMPLE_AS_OF } from "../demo/sampleTrust";
import { type Outcome, unusable } from "../outcome";
import type { RunOptions } from "../runOptions";
import { writePlanTables } from "../xlsx/writeTables";
import { saveWorkbook } from "../xlsx/workbookFile";
import { accrue } from "./accrue";
import { check } from "./check";
import { report } from "./report";

/** A fixed timestamp keeps the sample workbook byte-for-byte the same on every run. */
const SAMPLE_CREATED = new Date(Date.UTC(2026, 10, 28, 12, 0, 0));

/** Writes the sample workbook only: `await writeSampleTrust("samples/sample-trust.xlsx")`. */
export async function writeSampleTrust(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "rule12b1 demo";
  workbook.created = SAMPLE_CREATED;
  workbook.modified = SAMPLE_CREATED;
  writePlanTables(workbook, sampleTrust());
  await saveWorkbook(workbook, file, [], { entryDate: SAMPLE_CREATED });
}

/** `await demo({ command: "demo", dir: "out" })`. */
export async function demo(options: RunOptions): Promise<Outcome> {
  const dir = options.dir ?? "out";
  const asOf = options.asOf ?? SAMPLE_AS_OF;
  const sample = path.join(dir, "sample-trust.xlsx");
  const accrued = path.join(dir, "sample-trust-accrued.xlsx");
  const reported = path.join(dir, "sample-trust-report.xlsx");
  const started = Date.now();
  options.progress?.("Writing the sample trust", 0, 4);
  await writeSampleTrust(sample);
  const steps = [
    await accrue({
      ...options,
      command: "accrue",
      file: sample,
      out: accrued,
      asOf,
      inPlace: false,
      progress: undefined,
    }),
    await check({ ...options, command: "check", file: sample, asOf, progress: undefined }),
    await report({
      ...options,
      command: "report",
      file: accrued,
      out: reported,
      asOf,
      inPlace: false,
      progress: undefined,
    }),
  ];
  options.progress?.("Done", 4, 4);
  const failed = steps.find((step) => step.exitCode === 2);
  if (failed) return unusable("demo", failed.lines);
  const [accrueStep, checkStep, reportStep] = steps as [Outcome, Outcome, Outcome];
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
      `(${(checkStep.data.exceptions as unknown[]).length} findings in all; run: rule12b1 check ${sample} --as-of ${asOf})`,
      "",
      "== report ==",
      ...reportStep.lines,
      "",
      `Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Open ${reported}.`,
    ],
    written: [sample, ...accrueStep.written, ...reportStep.written],
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
    },
  };
}
