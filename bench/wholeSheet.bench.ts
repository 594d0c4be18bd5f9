/**
 * Not a target of issue 5, a limit issue 6 asks about: a NetAssets table that
 * fills a whole worksheet (1,048,575 NAV rows under its header) through the
 * runner's `check`, `accrue` and `report`, each in its own process, beside
 * the package floor of its input (issue 13: check ≤ 2×, accrue and report
 * ≤ 3×, each ≤ 1.5 GiB) and its parser floor (issue 24: each step ≤ 2×). `npm run bench -- --whole-sheet` adds it. The workbook is
 * test/cli/support/wholeSheetTrust.ts (test/cli/wholeSheet.test.ts runs the
 * same three steps and checks their figures).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { run } from "../src/cli/run";
import { writeWholeSheetTrust } from "../test/cli/support/wholeSheetTrust";
import { packageFloor, parserFloor } from "./runner.bench";

const LAST_ROW = 1_048_576;
const AS_OF = "2026-11-28";

/** The steps, each its own process; then the package and parser floors of the trust and of the accrued workbook. */
const STEPS = [
  "check",
  "accrue",
  "report",
  "floor",
  "floor-accrued",
  "parser-floor",
  "parser-floor-accrued",
] as const;

/** In a child process: one step on the whole-sheet trust; prints time, peak RSS and exit code as JSON. */
export async function wholeSheetChild(step: string, dir: string): Promise<void> {
  const file = path.join(dir, "whole-sheet.xlsx");
  const accrued = path.join(dir, "accrued.xlsx");
  const started = performance.now();
  let exitCode = 0;
  if (step.startsWith("floor")) await packageFloor(step === "floor" ? file : accrued);
  else if (step.startsWith("parser-floor"))
    await parserFloor(step === "parser-floor" ? file : accrued);
  else
    exitCode = (
      step === "accrue"
        ? await run({ command: "accrue", file, out: accrued, asOf: AS_OF })
        : step === "report"
          ? await run({
              command: "report",
              file: accrued,
              out: path.join(dir, "report.xlsx"),
              quarter: "2026Q3",
              asOf: AS_OF,
            })
          : await run({ command: "check", file, asOf: AS_OF })
    ).exitCode;
  console.log(
    JSON.stringify({
      seconds: (performance.now() - started) / 1000,
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      exitCode,
    })
  );
}

export async function wholeSheetBenchmarks(bundle: string): Promise<string> {
  const dir = path.resolve(".tmp/bench-whole-sheet");
  mkdirSync(dir, { recursive: true });
  await writeWholeSheetTrust(dir);
  const lines = [
    "## (6) A whole-sheet NetAssets table through the runner (1,048,575 NAV rows; each step its own process, one run)",
    "",
    "| step | NAV rows | seconds | × parser floor | × package floor | peak RSS MiB | exit code |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  const measured = new Map<string, { seconds: number; peakRssMiB: number; exitCode: number }>();
  for (const step of STEPS) {
    const child = spawnSync(process.execPath, [bundle, "--whole-sheet-child", step, dir], {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    const line = child.stdout.trim().split("\n").at(-1) ?? "";
    if (child.status !== 0 || !line.startsWith("{"))
      return `${lines.join("\n")}\n\n${step} failed: ${child.stderr || child.stdout}`;
    measured.set(
      step,
      JSON.parse(line) as { seconds: number; peakRssMiB: number; exitCode: number }
    );
  }
  for (const step of ["check", "accrue", "report"] as const) {
    const { seconds, peakRssMiB, exitCode } = measured.get(step)!;
    const ofAccrued = step === "report" ? "-accrued" : "";
    const floor = measured.get(`floor${ofAccrued}`)!.seconds;
    const parser = measured.get(`parser-floor${ofAccrued}`)!.seconds;
    lines.push(
      `| ${step} | ${(LAST_ROW - 1).toLocaleString("en-US")} | ${seconds.toFixed(1)} | ${(seconds / parser).toFixed(2)}× | ${(seconds / floor).toFixed(1)}× | ${peakRssMiB.toFixed(0)} | ${exitCode} |`
    );
  }
  for (const [step, input] of [
    ["parser-floor", "the trust"],
    ["parser-floor-accrued", "the accrued workbook"],
    ["floor", "the trust"],
    ["floor-accrued", "the accrued workbook"],
  ] as const) {
    const { seconds, peakRssMiB } = measured.get(step)!;
    const what = step.startsWith("parser")
      ? "parser floor of " + input + " (inflate + saxes + deflate at level 1)"
      : "package floor of " + input + " (inflate + deflate at level 1)";
    lines.push(`| ${what} | | ${seconds.toFixed(1)} | | | ${peakRssMiB.toFixed(0)} | |`);
  }
  return lines.join("\n");
}
