/**
 * The bad-input corpus (issue 6), table-driven: every workbook of
 * scripts/makeFixtures.ts goes through
 *  - the engine (readPlan + evaluatePlan): a located finding naming sheet, table, row and column;
 *  - the functions: the same bad cells as 2-D arrays → the right Excel error and a message naming argument and row;
 *  - the runner: exit 2 naming the place, and nothing written (no output file, input byte-identical) —
 *    or, for input that is usable but wrong, exit 0 from accrue and a finding with exit 1 from check.
 */
import "../functions/setup";
import { errorCell } from "../functions/setup";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { day } from "../../src/engine/calendar";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { run } from "../../src/cli/run";
import { loadWorkbook } from "../../src/cli/xlsx/workbookFile";
import { readWorkbookTables } from "../../src/cli/xlsx/readTables";
import { readPlan } from "../../src/workbook/readPlan";
import { accrual, headroom } from "../../src/functions/functions";
import { CORPUS, makeFixtures } from "../../scripts/makeFixtures";
import { tempDir } from "../cli/support/trustFile";

const AS_OF = "2026-11-28";

// What a function receives for the first five NetAssets rows of the clean trust (30 Jun – 6 Jul 2026).
const DATES = [46203, 46204, 46205, 46206, 46209].map((v) => [v as unknown]);
const NAVS = DATES.map(() => [73_000_000 as unknown]);
const put = (column: unknown[][], row: number, value: unknown) =>
  column.map((cell, i) => (i === row - 1 ? [value] : cell));

/** The call's Excel error, or its value. */
function cell(call: () => unknown): { code: string; message?: string } | { value: unknown } {
  try {
    return { value: call() };
  } catch (error) {
    return {
      code: (error as { code: string }).code,
      message: (error as { message?: string }).message,
    };
  }
}

type Runner = { exit: 2; message: RegExp } | { exit: "usable"; check: 0 | 1; finding?: RegExp };
interface Expectation {
  /** A located engine finding (readPlan or evaluatePlan), or null for none. */
  engine: RegExp | null;
  /** The worksheet function on the same cells; `null` with the reason when no function takes this input. */
  functions:
    { call: () => unknown; code?: string; message?: RegExp; value?: unknown } | { none: string };
  runner: Runner;
}

const NAV_WHERE =
  /Sheet "Net Assets", table NetAssets row 3, column "Class B net assets" \(cell C4\)/;
const EXPECTED: Record<string, Expectation> = {
  clean: {
    engine: null,
    functions: {
      call: () => accrual(DATES, NAVS, [[0.0025]]),
      value: [[0], [500], [500], [1500], [500]],
    },
    runner: { exit: "usable", check: 0 },
  },
  "blank-nav": {
    engine: /Class B net assets is blank; it is required/,
    functions: {
      call: () => accrual(DATES, put(NAVS, 3, null), [[0.0025]]),
      code: "#VALUE!",
      message: /^netAssets, row 3 is blank but its date is filled in/,
    },
    runner: { exit: 2, message: new RegExp(`${NAV_WHERE.source}: Class B net assets is blank`) },
  },
  "text-in-number": {
    engine: /Class B net assets holds text "73,000,000.00", not an amount/,
    // One reading rule for a NAV cell everywhere (issue 23): the functions refuse text as the pane and the runner do.
    functions: {
      call: () => accrual(DATES, put(NAVS, 3, "73,000,000.00 USD"), [[0.0025]]),
      code: "#VALUE!",
      message: /^netAssets, row 3 holds text "73,000,000.00 USD", not an amount/,
    },
    runner: { exit: 2, message: new RegExp(`${NAV_WHERE.source}: Class B net assets holds text`) },
  },
  "error-value": {
    engine: /Class B net assets shows #N\/A instead of an amount/,
    functions: {
      call: () => accrual(DATES, put(NAVS, 3, errorCell("#N/A")), [[0.0025]]),
      code: "#N/A",
      message: /^netAssets, row 3 holds the error #N\/A/,
    },
    runner: { exit: 2, message: new RegExp(`${NAV_WHERE.source}: Class B net assets shows #N/A`) },
  },
  "negative-nav": {
    engine: /Growth: net assets on 2026-07-02 are negative/,
    functions: {
      call: () => accrual(DATES, put(NAVS, 3, -73_000_000), [[0.0025]]),
      code: "#VALUE!",
      message: /^netAssets, row 3 is negative \(-73000000\)/,
    },
    runner: {
      exit: 2,
      message:
        /Sheet "Net Assets", table NetAssets row 3, column "Class B net assets": Growth: net assets on 2026-07-02 are negative/,
    },
  },
  "zero-nav": {
    engine: null,
    // 2 Jul at zero: the 3 Jul row (prior-day NAV) books Fri only on 2 Jul's zero… the row after the zero books nothing for that day.
    // The runner reads a typed 0 as zero net assets; a function cannot tell it from a blank cell, which
    // desktop Excel passes as 0 — and a blank NAV is never zero net assets (SPEC §3, 2026-12-06).
    functions: {
      call: () => accrual(DATES, put(NAVS, 3, 0), [[0.0025]]),
      code: "#VALUE!",
      message: /^netAssets, row 3 is 0, which is how Excel passes a blank cell/,
    },
    runner: {
      exit: "usable",
      check: 1,
      finding: /July 2026 is overpaid by 500\.00: its fee is 15,000\.00 but 15,500\.00 was paid/,
    },
  },
  "duplicate-date": {
    engine: /Growth: 2026-07-02 has two NAV rows \(first at row 3\)/,
    functions: {
      call: () => accrual(put(DATES, 4, 46205), NAVS, [[0.0025]]),
      code: "#VALUE!",
      message: /^dates, row 4 repeats 2026-07-02 of row 3/,
    },
    runner: {
      exit: 2,
      message:
        /Sheet "Net Assets", table NetAssets row 4, column "Date": Growth: 2026-07-02 has two NAV rows/,
    },
  },
  "unsorted-dates": {
    engine: /NAV date 2026-07-02 comes after 2026-07-03/,
    functions: {
      call: () => accrual(put(put(DATES, 3, 46206), 4, 46205), NAVS, [[0.0025]]),
      code: "#VALUE!",
      message: /^dates, row 4 \(2026-07-02\) comes after 2026-07-03 in row 3/,
    },
    runner: {
      exit: 2,
      message:
        /Sheet "Net Assets", table NetAssets row 4, column "Date": Growth: NAV date 2026-07-02 comes after 2026-07-03/,
    },
  },
  "date-as-text": {
    engine: /Date holds text "07\/02\/2026", not a date/,
    functions: {
      call: () => accrual(put(DATES, 3, "07/02/2026"), NAVS, [[0.0025]]),
      code: "#VALUE!",
      message: /^dates, row 3 is the text "07\/02\/2026", not a date/,
    },
    runner: {
      exit: 2,
      message:
        /Sheet "Net Assets", table NetAssets row 3, column "Date" \(cell A4\): Date holds text "07\/02\/2026"/,
    },
  },
  "iso-date-text": {
    engine: null,
    functions: {
      call: () => accrual(put(DATES, 3, "2026-07-02"), NAVS, [[0.0025]]),
      value: [[0], [500], [500], [1500], [500]],
    },
    runner: { exit: "usable", check: 0 },
  },
  "serial-60": {
    engine: /serial 60 is 29 Feb 1900, a day that does not exist/,
    functions: {
      call: () => accrual(put(DATES, 1, 60), NAVS, [[0.0025]]),
      code: "#VALUE!",
      message: /^dates, row 1 is not a date: serial 60 is 29 Feb 1900/,
    },
    runner: {
      exit: 2,
      message:
        /Sheet "Net Assets", table NetAssets row 1, column "Date" \(cell A2\): Date is not a date: serial 60/,
    },
  },
  "date-1904": {
    engine: null,
    functions: {
      none: "Excel hands the functions serials of the workbook's system; the task pane detects 1904 (README, Task pane)",
    },
    runner: { exit: "usable", check: 0 },
  },
  "rate-as-50": {
    engine: /Annual rate holds 50, which would be 5000% a year/,
    functions: {
      call: () => accrual(DATES, NAVS, [[50]]),
      // Any annual rate above 1% is #NUM! (SPEC §3); Excel shows no message on #NUM!.
      code: "#NUM!",
    },
    runner: {
      exit: 2,
      message:
        /Sheet "Plan", table Rates row 1, column "Annual rate" \(cell \w+2\): Annual rate holds 50/,
    },
  },
  "rate-above-cap": {
    engine:
      /the rate effective 2025-08-15 is 0\.75%, above the ceiling of 0\.50% in force on 2025-08-15; it is not accrued/,
    // Fees at 0.75% on 73M: 1,500.00 a day, so 0 + 1,500 + 1,500 + 4,500 (Fri–Sun) + 1,500 = 9,000.00; the 0.50% cap on
    // the NAVs those fees accrued on (SPEC §2 "Cap", as accrued: 1–6 Jul, 30 Jun has no NAV before it) is 6 days ×
    // 1,000.00 = 6,000.00: headroom −3,000.00, a breach.
    functions: {
      call: () => headroom(DATES, NAVS, accrual(DATES, NAVS, [[0.0075]]) as unknown[][], 0.005),
      value: 6 * 1000 - 9000,
    },
    runner: {
      exit: "usable",
      check: 1,
      finding:
        /above the ceiling of 0\.50% in force on 2025-08-15; it is not accrued\. \[sheet "Plan", table Rates row 1, column "Annual rate"\]/,
    },
  },
  "unknown-portfolio": {
    engine: /NetAssets names portfolio "Gowth", which is not in the Portfolios table/,
    functions: { none: "the functions take no portfolio names" },
    runner: {
      exit: "usable",
      check: 1,
      finding:
        /"Gowth", which is not in the Portfolios table; its rows are ignored\. \[sheet "Net Assets", table NetAssets row 3\]/,
    },
  },
  "unknown-category": {
    engine: /category "z", which is neither one of Plan §2 \(a\)–\(i\) nor Other/,
    functions: { none: "the functions take no expense categories" },
    runner: {
      exit: "usable",
      check: 1,
      finding: /category "z".*\[sheet "Plan", table Expenditures row 1\]/,
    },
  },
  "merged-cells": {
    engine: null, // the adapter refuses the merge before the engine sees the table
    // A merge reaches a function as its value in the top cell and blanks below.
    functions: {
      call: () => accrual(DATES, put(NAVS, 4, null), [[0.0025]]),
      code: "#VALUE!",
      message: /^netAssets, row 4 is blank but its date is filled in/,
    },
    runner: { exit: 2, message: /Sheet "Net Assets", table NetAssets: cells A4:A5 are merged/ },
  },
  "hidden-rows": {
    engine: null,
    functions: { none: "Excel passes hidden rows to a function like any other" },
    runner: { exit: "usable", check: 0 },
  },
  "renamed-header": {
    engine:
      /Table NetAssets on sheet "Net Assets" has no column "Class B net assets" \(was it renamed\?\)\. Found: Date, Portfolio, Net assets/,
    functions: { none: "the functions take ranges, not table headers" },
    runner: {
      exit: 2,
      message: /Table NetAssets on sheet "Net Assets" has no column "Class B net assets"/,
    },
  },
  "formula-with-result": {
    engine: null,
    functions: { none: "Excel hands a function the formulas' values" },
    runner: { exit: "usable", check: 0 },
  },
  "formula-without-result": {
    engine: /Class B net assets shows a formula with no calculated value/,
    functions: { none: "Excel calculates a formula before a function sees its value" },
    runner: {
      exit: 2,
      message: new RegExp(
        `${NAV_WHERE.source}: Class B net assets shows a formula with no calculated value`
      ),
    },
  },
};

let files: Map<string, string>;
let cleanFigures: unknown;
beforeAll(async () => {
  files = await makeFixtures(tempDir());
  cleanFigures = (
    await run({
      command: "accrue",
      file: files.get("clean")!,
      out: path.join(tempDir(), "clean.xlsx"),
      asOf: AS_OF,
    })
  ).data.portfolios;
});
afterAll(() => undefined);

it("every corpus case has an expectation, and regenerating the corpus gives the same bytes", async () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(CORPUS.map((c) => c.name).sort());
  const again = await makeFixtures(tempDir());
  for (const [name, file] of files)
    expect(readFileSync(again.get(name)!).equals(readFileSync(file)), name).toBe(true);
});

describe.each(CORPUS.map((c) => [c.name, c.what] as const))("%s (%s)", (name) => {
  const expected = EXPECTED[name]!;

  it("the engine: a located finding, or none", async () => {
    const loaded = await loadWorkbook(files.get(name)!);
    if (!loaded.ok) throw new Error(loaded.problem);
    const tables = await readWorkbookTables(loaded.pkg);
    const read = readPlan({ tables: tables.tables, dateSystem: tables.dateSystem });
    // An unusable read (a required column missing) is never evaluated: its rows lack that column's values.
    const evaluation = read.unusable
      ? { exceptions: [] }
      : evaluatePlan(read.plan, {
          asOf: day(AS_OF),
          portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
        });
    const errors = [...read.exceptions, ...evaluation.exceptions].filter(
      (e) => e.severity === "error"
    );
    if (expected.engine === null) {
      if (name === "merged-cells") expect(tables.problems.join("\n")).toMatch(/A4:A5 are merged/);
      else
        expect(errors.map((e) => e.message)).toEqual(
          name === "zero-nav"
            ? [
                expect.stringMatching(
                  /July 2026 is overpaid by 500\.00: its fee is 15,000\.00 but 15,500\.00 was paid/
                ),
              ]
            : []
        );
      return;
    }
    const hit = errors.find((e) => expected.engine!.test(e.message));
    expect(hit, errors.map((e) => e.message).join("\n")).toBeDefined();
    // Located: sheet and table always; the row (and column) for cell-level problems.
    expect(hit!.source).toMatchObject({ sheet: expect.any(String), table: expect.any(String) });
    if (name !== "renamed-header") expect(hit!.source!.row).toEqual(expect.any(Number));
  });

  it("the functions: the right Excel error naming argument and row", () => {
    const f = expected.functions;
    if ("none" in f) return void expect(f.none).not.toBe("");
    const result = cell(f.call);
    if (f.code) {
      expect(result).toMatchObject({ code: f.code });
      if (f.message) expect((result as { message: string }).message).toMatch(f.message);
    } else expect(result).toEqual({ value: f.value });
  });

  it("the runner: exit 2 and nothing written, or usable with the findings check reports", async () => {
    const input = files.get(name)!;
    const before = readFileSync(input);
    const dir = tempDir();
    if (expected.runner.exit === 2) {
      const message = expected.runner.message;
      for (const command of ["accrue", "report", "check"] as const) {
        const out = path.join(dir, `${command}.xlsx`);
        const outcome = await run({ command, file: input, out, quarter: "2026Q3", asOf: AS_OF });
        expect(outcome.exitCode, command).toBe(2);
        expect(outcome.written).toEqual([]);
        expect(outcome.lines.join("\n")).toMatch(message);
        expect(existsSync(out), command).toBe(false);
      }
    } else {
      const checked = await run({ command: "check", file: input, asOf: AS_OF });
      expect(checked.exitCode).toBe(expected.runner.check);
      if (expected.runner.finding)
        expect(checked.lines.join("\n")).toMatch(expected.runner.finding);
      const accrued = await run({
        command: "accrue",
        file: input,
        out: path.join(dir, "accrued.xlsx"),
        asOf: AS_OF,
      });
      expect(accrued.exitCode).toBe(0);
      // Usable twins of the clean trust give its figures to the cent.
      if (["date-1904", "hidden-rows", "formula-with-result", "iso-date-text"].includes(name))
        expect(accrued.data.portfolios).toEqual(cleanFigures);
    }
    expect(readFileSync(input).equals(before)).toBe(true);
  });
});

it("a 1,048,576-row column (a whole Excel column) goes through ACCRUAL, and a bad last cell is named by row", () => {
  const rows = 1_048_576;
  const dates = Array.from({ length: rows }, (_, i) => [1 + 61 + i] as unknown[]); // from serial 62 (2 Mar 1900), one a day
  const navs = Array.from({ length: rows }, () => [36_500_000] as unknown[]);
  const started = Date.now();
  const result = accrual(dates, navs, [[0.0025]]) as unknown[][];
  expect(result).toHaveLength(rows);
  // Prior day: the first row books nothing; every later row one day at 36,500,000 × 0.25% ÷ 365 or 366.
  expect(result[0]).toEqual([0]);
  expect(Date.now() - started).toBeLessThan(20_000);
  navs[rows - 1] = ["x"];
  expect(cell(() => accrual(dates, navs, [[0.0025]]))).toMatchObject({
    code: "#VALUE!",
    message: `netAssets, row ${rows} holds text "x", not an amount; enter it as a number.`,
  });
}, 60_000);
