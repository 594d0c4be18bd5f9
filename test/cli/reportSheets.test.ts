/**
 * The runner's real layouts — the sample trust's quarterly reports with their
 * charts, the audit trail, the annual Item 19(g) table, the journal — saved
 * the same, part for part and byte for byte, whether the report sheets'
 * cells are written straight from the layout (`writeReportSheets`) or every
 * cell through ExcelJS as before (`writeReportSheetsReference`).
 */
import path from "node:path";
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import type { RunOptions as Options } from "../../src/cli/run";
import { XlsxPackage } from "../../src/cli/xlsx/ooxml/xlsxPackage";
import { tempDir } from "./support/trustFile";

const route = vi.hoisted(() => ({ reference: false, referenceCalls: 0 }));

vi.mock("../../src/cli/commands/reportSheets", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/cli/commands/reportSheets")>();
  const { writeReportSheetsReference } = await import("./xlsx/writeLayoutReference");
  return {
    ...actual,
    writeReportSheets: async (...args: Parameters<typeof actual.writeReportSheets>) =>
      route.reference
        ? (route.referenceCalls++,
          writeReportSheetsReference(...args, await actual.namesToWrite(args[0], args[1])))
        : actual.writeReportSheets(...args),
  };
});

const { run } = await import("../../src/cli/run");

const SAMPLE = path.resolve("samples/sample-trust.xlsx");

/** Every part of the workbook `options` writes, by route. */
async function written(options: Options, reference: boolean): Promise<Map<string, Buffer>> {
  route.reference = reference;
  const calls = route.referenceCalls;
  const out = path.join(tempDir(), "out.xlsx");
  const outcome = await run({ ...options, out } as Options);
  expect(outcome.exitCode, outcome.lines.join("\n")).toBe(0);
  // Not vacuous: the reference route was taken when asked for, and only then.
  expect(route.referenceCalls > calls).toBe(reference);
  const pkg = await XlsxPackage.read(readFileSync(out));
  return new Map(pkg.parts().map((part) => [part, pkg.bytes(part)!]));
}

const COMMON = { file: SAMPLE, asOf: "2026-11-28", preparedAt: "2026-11-28 09:00 UTC" };

describe("the sample trust's report sheets by both routes", () => {
  it.each([
    ["every quarter with figures, their charts and the audit trail", { allQuarters: true }],
    ["a preliminary quarter", { quarter: "2026Q4", preliminary: true }],
    ["the quarter of the as-of date", {}],
    ["the annual Item 19(g) table", { year: "2025" }],
  ])("%s: every part byte-identical", async (_, extra) => {
    const options = { command: "report", ...COMMON, ...extra } as Options;
    const direct = await written(options, false);
    const reference = await written(options, true);
    expect([...direct.keys()]).toEqual([...reference.keys()]);
    for (const [part, bytes] of reference)
      expect(direct.get(part)!.toString("utf8"), part).toBe(bytes.toString("utf8"));
  });

  it("the journal: every part byte-identical", async () => {
    const options = { command: "journal", ...COMMON, month: "2026-07" } as Options;
    const direct = await written(options, false);
    const reference = await written(options, true);
    expect([...direct.keys()]).toEqual([...reference.keys()]);
    for (const [part, bytes] of reference)
      expect(direct.get(part)!.toString("utf8"), part).toBe(bytes.toString("utf8"));
  });
});
