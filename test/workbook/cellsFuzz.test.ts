import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decimalFromDouble, moneyFromDouble } from "../../src/engine/decimal";
import {
  type CellValue,
  parseChoice,
  parseCount,
  parseDate,
  parseMoney,
  parseMonth,
  parseRate,
  parseShares,
  parseText,
  parseYesNo,
} from "../../src/workbook/cells";
import { readPlan } from "../../src/workbook/readPlan";
import { TABLES } from "../../src/workbook/schema";
import { evaluatePlan } from "../../src/engine/evaluatePlan";
import { day } from "../../src/engine/calendar";

/** Anything a cell can hand over: numbers of every kind, text, booleans, blanks and error values. */
const anyCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.double(),
  fc.integer({ min: -1e6, max: 3e6 }),
  fc.string(),
  fc.constantFrom(
    "",
    " ",
    "#N/A",
    "#VALUE!",
    "#REF!",
    "=SUM(A1)",
    "+1",
    "-1",
    "@x",
    "1,234.56",
    "0.50%",
    "2025-02-29",
    "2025-01-03",
    "Yes",
    "no",
    "TRUE"
  ),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.record({ error: fc.constantFrom("#N/A", "#DIV/0!", "#NAME?") })
);

const parsers: [string, (value: CellValue) => { ok: boolean }][] = [
  ["date (1900)", (v) => parseDate(v, "1900")],
  ["date (1904)", (v) => parseDate(v, "1904")],
  ["money", parseMoney],
  ["rate", parseRate],
  ["count", parseCount],
  ["shares", parseShares],
  ["yes/no", parseYesNo],
  ["choice", (v) => parseChoice(v, ["Forward", "Catch-up"])],
  ["text", parseText],
  ["month", parseMonth],
];

describe("every cell parser returns a value or a located problem, never throws", () => {
  it.each(parsers)("%s", (_name, parse) => {
    fc.assert(
      fc.property(anyCell, (value) => {
        const result = parse(value) as { ok: boolean; problem?: string };
        if (!result.ok) expect(result.problem).toMatch(/\S/);
      }),
      { numRuns: 2000 }
    );
  });

  it("money is exactly the edge rule: shortest round-trip decimal, rounded half-up to cents", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), (value) => {
        const result = parseMoney(value);
        expect(result.ok && result.value?.equals(moneyFromDouble(value))).toBe(true);
      })
    );
  });

  it("a rate is accepted only between 0 and 1, and exactly as typed", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (value) => {
        const result = parseRate(value);
        expect(result.ok).toBe(Number.isFinite(value) && value >= 0 && value <= 1);
        if (result.ok && result.value)
          expect(result.value.equals(decimalFromDouble(value))).toBe(true);
      })
    );
  });
});

describe("the reader and the engine never throw on arbitrary workbooks", () => {
  it("random cells in every plan table give findings, not exceptions", () => {
    const tableArbitrary = fc.constantFrom(...TABLES).chain((spec) =>
      fc.record({
        sheet: fc.constant(spec.sheet),
        name: fc.constant(spec.name),
        headers: fc.constant(spec.columns.map((c) => c.header)),
        rows: fc.array(
          fc.array(anyCell, { minLength: spec.columns.length, maxLength: spec.columns.length }),
          { maxLength: 8 }
        ),
      })
    );
    fc.assert(
      fc.property(fc.array(tableArbitrary, { maxLength: 8 }), (tables) => {
        const read = readPlan({ tables, dateSystem: "1900" });
        for (const finding of read.exceptions) expect(finding.message).toMatch(/\S/);
        const evaluation = evaluatePlan(read.plan, {
          asOf: day("2026-11-28"),
          portfoliosWithBadNetAssets: read.portfoliosWithBadNetAssets,
        });
        for (const finding of evaluation.exceptions) expect(finding.message).toMatch(/\S/);
      }),
      { numRuns: 300 }
    );
  });
});
