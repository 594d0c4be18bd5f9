/**
 * Benchmark (7), issue 13's "time and memory linear in input size on hostile
 * input too (no quadratic scan)": the clean trust of scripts/makeFixtures.ts
 * with one part grown by a shape other writers or an attacker can produce —
 * thousands of merged cells, defined names, column settings, unused shared
 * strings, empty rows, one huge cell text — at n and 4n, through the step
 * that reads or edits that part. Each size runs in its own process (peak RSS
 * is the process's). The measure is the marginal ratio
 * (t(4n) − t(clean)) ÷ (t(n) − t(clean)): about 4 when the work grows
 * linearly, about 16 when it grows with the square.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "../src/cli/run";
import { CORPUS, makeFixtures } from "../scripts/makeFixtures";
import { editParts } from "../scripts/packageFixtures";

const AS_OF = "2026-11-28";
const NAV_SHEET = "xl/worksheets/sheet2.xml";
const RUNS = 3;

interface HostileShape {
  name: string;
  command: "check" | "accrue";
  /** The units of the shape at size 1 (the benchmark writes n and 4n of them). */
  n: number;
  part: string;
  /** The part's stored text with `count` units of the shape added. */
  grow: (xml: string, count: number) => string;
}

const times = <T>(count: number, make: (i: number) => T) =>
  Array.from({ length: count }, (_, i) => make(i));

const SHAPES: HostileShape[] = [
  {
    name: "merged cells right of the accrual band",
    command: "accrue",
    n: 20_000,
    part: NAV_SHEET,
    grow: (xml, count) =>
      xml.replace(
        "</sheetData>",
        `</sheetData><mergeCells count="${count}">${times(count, (i) => `<mergeCell ref="BA${i + 1}:BB${i + 1}"/>`).join("")}</mergeCells>`
      ),
  },
  {
    name: "defined names in the workbook",
    command: "accrue",
    n: 20_000,
    part: "xl/workbook.xml",
    grow: (xml, count) => {
      const names = times(count, (i) => `<definedName name="n${i}">'NAV'!$A$1</definedName>`);
      return xml.includes("<definedNames>")
        ? xml.replace("<definedNames>", `<definedNames>${names.join("")}`)
        : xml.replace("</sheets>", `</sheets><definedNames>${names.join("")}</definedNames>`);
    },
  },
  {
    name: "column settings on the NAV sheet",
    command: "accrue",
    n: 4_000,
    part: NAV_SHEET,
    grow: (xml, count) => {
      const cols = times(
        count,
        (i) => `<col min="${i + 20}" max="${i + 20}" width="9" customWidth="1"/>`
      ).join("");
      return xml.includes("<cols>")
        ? xml.replace("<cols>", `<cols>${cols}`)
        : xml.replace("<sheetData", `<cols>${cols}</cols><sheetData`);
    },
  },
  {
    name: "unused shared strings with entities",
    command: "check",
    n: 50_000,
    part: "xl/sharedStrings.xml",
    grow: (xml, count) =>
      xml.replace(
        "</sst>",
        `${times(count, (i) => `<si><t>s${i} &amp; &#233;</t></si>`).join("")}</sst>`
      ),
  },
  {
    name: "empty rows below the NAV table",
    command: "accrue",
    n: 50_000,
    part: NAV_SHEET,
    grow: (xml, count) =>
      xml.replace(
        "</sheetData>",
        `${times(count, (i) => `<row r="${100_000 + i}" ht="15" customHeight="1"/>`).join("")}</sheetData>`
      ),
  },
  {
    name: "one cell holding a long text (n characters)",
    command: "check",
    n: 10_000_000,
    part: NAV_SHEET,
    grow: (xml, count) =>
      xml.replace(
        "</sheetData>",
        `<row r="200000"><c r="A200000" t="inlineStr"><is><t>${"x".repeat(count)}</t></is></c></row></sheetData>`
      ),
  },
];

/** In a child process: one step on `file`, three times; prints the median seconds, peak RSS and exit code. */
export async function hostileChild(command: string, file: string, dir: string): Promise<void> {
  const seconds: number[] = [];
  let exitCode = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    exitCode = (
      await run(
        command === "accrue"
          ? { command: "accrue", file, out: path.join(dir, `out-${i}.xlsx`), asOf: AS_OF }
          : { command: "check", file, asOf: AS_OF }
      )
    ).exitCode;
    seconds.push((performance.now() - started) / 1000);
  }
  console.log(
    JSON.stringify({
      seconds: seconds.sort((a, b) => a - b)[Math.floor(RUNS / 2)],
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      exitCode,
    })
  );
}

interface Measured {
  seconds: number;
  peakRssMiB: number;
  exitCode: number;
}

function measure(bundle: string, command: string, file: string, dir: string): Measured {
  const child = spawnSync(process.execPath, [bundle, "--hostile-child", command, file, dir], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !line.startsWith("{"))
    throw new Error(`${command} ${file} failed: ${child.stderr || child.stdout}`);
  return JSON.parse(line) as Measured;
}

export async function hostileBenchmarks(bundle: string): Promise<string> {
  const dir = path.resolve(".tmp/bench-hostile");
  mkdirSync(dir, { recursive: true });
  const clean = readFileSync((await makeFixtures(dir, [CORPUS[0]!])).get("clean")!);
  const cleanFile = path.join(dir, "clean.xlsx");
  const base = {
    check: measure(bundle, "check", cleanFile, dir),
    accrue: measure(bundle, "accrue", cleanFile, dir),
  };
  const lines = [
    "## (7) Hostile shapes at n and 4n (issue 13: linear, no quadratic scan; each size its own process, median of 3 runs)",
    "",
    "| shape | step | n | t(clean) s | t(n) s | t(4n) s | marginal ratio (≈ 4 linear, ≈ 16 quadratic) | peak RSS MiB at 4n | exit code |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const shape of SHAPES) {
    const sized = [shape.n, 4 * shape.n].map((count) => {
      const file = path.join(dir, `${shape.name.replace(/\W+/g, "-")}-${count}.xlsx`);
      return { count, file };
    });
    for (const { count, file } of sized)
      writeFileSync(
        file,
        await editParts(
          clean,
          (xml) => shape.grow(xml, count),
          (part) => part === shape.part
        )
      );
    const [one, four] = sized.map(({ file }) => measure(bundle, shape.command, file, dir));
    const t0 = base[shape.command].seconds;
    const ratio = (four!.seconds - t0) / (one!.seconds - t0);
    const exitCodes = [base[shape.command].exitCode, one!.exitCode, four!.exitCode];
    lines.push(
      `| ${shape.name} | ${shape.command} | ${shape.n.toLocaleString("en-US")} | ${t0.toFixed(3)} | ${one!.seconds.toFixed(3)} | ${four!.seconds.toFixed(3)} | ${ratio.toFixed(1)} | ${four!.peakRssMiB.toFixed(0)} | ${[...new Set(exitCodes)].join(" / ")} |`
    );
  }
  return lines.join("\n");
}
