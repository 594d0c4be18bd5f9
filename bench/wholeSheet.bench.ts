/**
 * Not a target of issue 5, a limit issue 6 asks about: a NetAssets table that
 * fills a whole worksheet (1,048,575 NAV rows under its header) through the
 * runner's `check`, `accrue` and `report`, each in its own process, beside
 * the package floor of its input (issue 13: check ≤ 2×, accrue and report
 * ≤ 3×, each ≤ 1.5 GiB). `npm run bench -- --whole-sheet` adds it. The workbook is the small
 * two-portfolio trust of the tests with its NAV table grown by the runner's
 * own package editor — ExcelJS would need gigabytes just to write it.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { day, serialFromDay, weekday } from "../src/engine/calendar";
import { run } from "../src/cli/run";
import { cellXml, widenDimension, writeCells } from "../src/cli/xlsx/ooxml/sheetCells";
import { XlsxPackage } from "../src/cli/xlsx/ooxml/xlsxPackage";
import { writeTrust } from "../test/cli/support/trustFile";
import { packageFloor } from "./runner.bench";

const LAST_ROW = 1_048_576;
const AS_OF = "2026-11-28";

/** Grows the test trust's NetAssets table to the last row of the sheet: Growth, then Income, one weekday NAV a row. */
async function writeWholeSheetTrust(dir: string): Promise<string> {
  const pkg = await XlsxPackage.read(readFileSync(await writeTrust(dir, "small.xlsx")));
  const sheet = pkg.sheets().find((s) => s.name === "Net Assets")!;
  const table = pkg.relationships(sheet.part).find((r) => r.type.endsWith("/table"))!.target;
  const half = (LAST_ROW - 1) >> 1;
  const dates: number[] = [];
  for (let d = day("1901-01-01"); dates.length < LAST_ROW; d += 1)
    if (weekday(d) !== 0 && weekday(d) !== 6) dates.push(serialFromDay(d));
  const xml = writeCells(pkg.text(sheet.part)!, 2, LAST_ROW, (row) => {
    const growth = row - 2 < half;
    const date = dates[growth ? row - 2 : row - 2 - half]!;
    return [
      cellXml(row, 1, date, 0),
      cellXml(row, 2, growth ? "Growth" : "Income", 0),
      cellXml(row, 3, growth ? 73_000_000 : 36_500_000, 0),
    ].map((cell, i) => ({ column: i + 1, xml: cell }));
  });
  pkg.setText(sheet.part, widenDimension(xml, LAST_ROW, 3));
  pkg.setText(table, pkg.text(table)!.replace(/ref="A1:C\d+"/g, `ref="A1:C${LAST_ROW}"`));
  const file = path.join(dir, "whole-sheet.xlsx");
  writeFileSync(file, await pkg.toBytes(new Date()));
  return file;
}

/** The steps, each its own process; then the package floors of the trust and of the accrued workbook. */
const STEPS = ["check", "accrue", "report", "floor", "floor-accrued"] as const;

/** In a child process: one step on the whole-sheet trust; prints time, peak RSS and exit code as JSON. */
export async function wholeSheetChild(step: string, dir: string): Promise<void> {
  const file = path.join(dir, "whole-sheet.xlsx");
  const accrued = path.join(dir, "accrued.xlsx");
  const started = performance.now();
  let exitCode = 0;
  if (step.startsWith("floor")) await packageFloor(step === "floor" ? file : accrued);
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
    "| step | NAV rows | seconds | × package floor | peak RSS MiB | exit code |",
    "|---|---:|---:|---:|---:|---:|",
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
    const floor = measured.get(step === "report" ? "floor-accrued" : "floor")!.seconds;
    lines.push(
      `| ${step} | ${(LAST_ROW - 1).toLocaleString("en-US")} | ${seconds.toFixed(1)} | ${(seconds / floor).toFixed(1)}× | ${peakRssMiB.toFixed(0)} | ${exitCode} |`
    );
  }
  for (const [step, input] of [
    ["floor", "the trust"],
    ["floor-accrued", "the accrued workbook"],
  ] as const) {
    const { seconds, peakRssMiB } = measured.get(step)!;
    lines.push(
      `| package floor of ${input} (inflate + deflate at level 1) | | ${seconds.toFixed(1)} | 1.0× | ${peakRssMiB.toFixed(0)} | |`
    );
  }
  return lines.join("\n");
}
