import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LayoutBuilder, type Put } from "../../src/workbook/layoutBuilder";
import type { CellContent, CellStyle, LayoutCell } from "../../src/workbook/sheetLayout";

/** The cell as `set` first made it: the content spread, then row, column and a style that sets anything. */
function spreadCell(row: number, column: number, value: Put, style: CellStyle): LayoutCell {
  const content: CellContent =
    value === null || value === undefined
      ? { blank: true }
      : typeof value === "string"
        ? { text: value }
        : typeof value === "number"
          ? { number: value }
          : value;
  return { ...content, row, column, ...(Object.keys(style).length ? { style } : {}) };
}

describe("the layout builder's cells", () => {
  it("are the content, row, column and style (when it sets anything), keys in that order", () => {
    const value: fc.Arbitrary<Put> = fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.string(),
      fc.double(),
      fc.record({ date: fc.integer() }),
      fc.record({ formula: fc.string(), result: fc.double() }),
      fc.constant({ blank: true as const }),
      fc.record({ text: fc.string() }),
      fc.record({ number: fc.double() })
    );
    const style: fc.Arbitrary<CellStyle> = fc.oneof(
      fc.constant({}),
      fc.record(
        {
          bold: fc.boolean(),
          align: fc.constantFrom("left" as const, "center" as const, "right" as const),
          numberFormat: fc.constantFrom("#,##0.00", "0.000%"),
          size: fc.constantFrom(9, 10),
        },
        { requiredKeys: [] }
      )
    );
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(30), value, style, (row, column, put, cellStyle) => {
        const b = new LayoutBuilder();
        b.set(row, column, put, cellStyle);
        const made = b.cells[0]!;
        const expected = spreadCell(row, column, put, cellStyle);
        expect(made).toStrictEqual(expected);
        expect(Object.keys(made)).toEqual(Object.keys(expected));
        if ("style" in made) expect(made.style).toBe(cellStyle);
      }),
      { numRuns: 2000 }
    );
  });
});
