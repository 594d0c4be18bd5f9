/**
 * Many refusals of one column are one sentence (issue 22): src/workbook/groupedRefusals.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupRefusals } from "../../src/workbook/groupedRefusals";
import type { Refusal } from "../../src/workbook/usablePlan";

const dateRefusal = (row: number): Refusal => ({
  text: `Sheet "Net Assets", table NetAssets row ${row}, column "Date" (cell A${row + 1}): Date holds text "x", not a date.`,
  message: 'Date holds text "x", not a date.',
  source: { sheet: "Net Assets", table: "NetAssets", row, column: "Date", address: `A${row + 1}` },
});

describe("grouping refusals", () => {
  it("three refusals of one column stay three lines; four become one sentence with the count, the span and the first three", () => {
    expect(groupRefusals([1, 2, 3].map(dateRefusal))).toEqual([1, 2, 3].map(dateRefusal));
    // 4,910 bad dates in rows 1–4,910, sheet rows 2–4,911.
    const many = Array.from({ length: 4_910 }, (_, i) => dateRefusal(i + 1));
    expect(groupRefusals(many)).toEqual([
      {
        text: 'Sheet "Net Assets", table NetAssets, column "Date": 4,910 cells cannot be used, in rows 1–4,910 (cells A2 to A4911). The first 3: cell A2: Date holds text "x", not a date; cell A3: Date holds text "x", not a date; cell A4: Date holds text "x", not a date.',
        source: { sheet: "Net Assets", table: "NetAssets", column: "Date" },
      },
    ]);
  });

  it("refusals without a cell, and other columns' few, keep their place and words", () => {
    const missing: Refusal = { text: 'The workbook has no table "Rates"; run Set up plan.' };
    const nav: Refusal = {
      text: "Class B net assets is blank.",
      message: "Class B net assets is blank.",
      source: { sheet: "Net Assets", table: "NetAssets", row: 9, column: "Class B net assets" },
    };
    const grouped = groupRefusals([missing, ...[1, 2, 3, 4].map(dateRefusal), nav]);
    expect(grouped).toHaveLength(3);
    expect(grouped[0]).toBe(missing);
    expect(grouped[1]!.text).toMatch(
      /^Sheet "Net Assets", table NetAssets, column "Date": 4 cells/
    );
    expect(grouped[2]).toBe(nav);
  });

  it("every refusal is told or counted exactly once (property)", () => {
    const columns = ["Date", "Portfolio", "Class B net assets"];
    fc.assert(
      fc.property(
        fc.array(fc.record({ column: fc.constantFrom(...columns), row: fc.nat(1000) })),
        (cells) => {
          const refusals = cells.map(({ column, row }) => ({
            text: `${column} ${row}`,
            message: "bad",
            source: { sheet: "S", table: "NetAssets", row, column },
          }));
          const told = groupRefusals(refusals).reduce((n, r) => {
            const count = /: ([\d,]+) cells cannot be used/.exec(r.text);
            return n + (count ? Number(count[1]!.replaceAll(",", "")) : 1);
          }, 0);
          return told === refusals.length;
        }
      )
    );
  });
});
