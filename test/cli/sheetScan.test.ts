/**
 * The sheet scan (src/cli/xlsx/ooxml/sheetScan.ts) against a plain reading of the same
 * cells: every value by the edge rule of `src/workbook/cells.ts`, every damaged cell
 * reported in sheet order — also in the columns a table's reader does not read, whose
 * cells the scan checks without converting them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanSheet, sharedStringItems } from "../../src/cli/xlsx/ooxml/sheetScan";
import { isBlank, type CellValue } from "../../src/workbook/cells";
import { address } from "../../src/workbook/sheetLayout";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const STRINGS = ["Date", "Growth fund, class B shares", "  "];
const READ = new Set(["Date", "Portfolio", "Class B net assets"]);
const keepHeaders = (header: CellValue) => typeof header === "string" && READ.has(header.trim());

/** A cell as written: its type attribute, and a <v>, a formula, or inline text. */
interface Cell {
  type: string | null;
  value?: string;
  formula?: boolean;
  inline?: string;
}

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const cellArbitrary: fc.Arbitrary<Cell> = fc.oneof(
  fc
    .constantFrom(
      "1",
      "320043697.16",
      "0.0025",
      "1e3",
      " 12 ",
      "0x1F",
      "",
      "1.",
      ".5",
      "1e999",
      "9".repeat(299),
      "9".repeat(400),
      "1".repeat(320) + ".5",
      "abc",
      "-3"
    )
    .chain((value) => fc.constantFrom<Cell>({ type: null, value }, { type: "n", value })),
  fc
    .constantFrom("0", "1", "2", " 1 ", "007", "5", "x", "", "99999999999", "1.0", "-1")
    .map((value): Cell => ({ type: "s", value })),
  fc
    .constantFrom(
      "Date",
      "Portfolio",
      "Class B net assets",
      "Daily fee",
      " ",
      "",
      "x_x000D_y",
      "a note longer than thirteen characters"
    )
    .map((inline): Cell => ({ type: "inlineStr", inline })),
  fc.constantFrom("1", "0", "true", "maybe").map((value): Cell => ({ type: "b", value })),
  fc.constant<Cell>({ type: "e", value: "#N/A" }),
  fc.constant<Cell>({ type: null, formula: true }),
  fc.constant<Cell>({ type: "str", formula: true, value: "Growth _x0009_ fund" }),
  fc.constantFrom("2025-01-02", "not a date").map((value): Cell => ({ type: "d", value })),
  fc.constant<Cell>({ type: "q", value: "1" }),
  fc.constant<Cell>({ type: null })
);

const sheetArbitrary = fc.array(
  fc.array(fc.option(cellArbitrary, { nil: undefined }), { maxLength: 6 }),
  {
    maxLength: 8,
  }
);

function sheetXml(rows: (Cell | undefined)[][]): string {
  const body = rows
    .map((cells, r) => {
      const written = cells
        .map((cell, c) => {
          if (cell === undefined) return "";
          const ref = address(r + 1, c + 1);
          const type = cell.type === null ? "" : ` t="${cell.type}"`;
          const inner =
            (cell.formula ? "<f>A1</f>" : "") +
            (cell.value === undefined ? "" : `<v>${escape(cell.value)}</v>`) +
            (cell.inline === undefined ? "" : `<is><t>${escape(cell.inline)}</t></is>`);
          return inner === ""
            ? `<c r="${ref}" s="3"${type}/>`
            : `<c r="${ref}"${type}>${inner}</c>`;
        })
        .join("");
      return `<row r="${r + 1}">${written}</row>`;
    })
    .join("");
  return `<worksheet xmlns="${MAIN}"><sheetData>${body}</sheetData></worksheet>`;
}

/** What a cell holds, read plainly (numbers by xsd:double's grammar), or "damaged". */
function plainValue(cell: Cell): CellValue | "damaged" {
  if (cell.type === "inlineStr") return (cell.inline ?? "").replace(/_x000D_/g, "\r");
  // An empty <v></v> hands the parser no text: the cell holds no value, as if it had no <v>.
  if (cell.value === undefined || cell.value === "")
    return cell.formula
      ? { error: "a formula with no calculated value (open and save the file in Excel first)" }
      : null;
  const raw = cell.value;
  switch (cell.type) {
    case "s": {
      const digits = /^\s*(\d+)\s*$/.exec(raw)?.[1];
      return (digits === undefined ? undefined : STRINGS[Number(digits)]) ?? "damaged";
    }
    case "str":
      return raw.replace(/_x0009_/g, "\t");
    case "d":
      return raw === "2025-01-02" ? 45659 : "damaged";
    case "b":
      return raw === "1" || raw === "true" ? true : raw === "0" ? false : "damaged";
    case "e":
      return { error: raw };
    case "n":
    case null: {
      if (raw === "") return null;
      const trimmed = raw.trim();
      const number = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)
        ? Number(trimmed)
        : NaN;
      return Number.isFinite(number) ? number : "damaged";
    }
    default:
      return "damaged";
  }
}

describe("the sheet scan reads a table's cells as a plain reading of them does", () => {
  it("keeps the read columns' values, a row's first other cell with content when none before it has any, and reports every damaged cell in the box (property)", () => {
    fc.assert(
      fc.property(
        sheetArbitrary,
        fc.record({
          top: fc.integer({ min: 1, max: 3 }),
          left: fc.integer({ min: 1, max: 2 }),
          height: fc.nat(6),
          width: fc.nat(5),
        }),
        fc.boolean(),
        (rows, { top, left, height, width }, twice) => {
          const box = { top, left, bottom: top + height, right: left + width };
          const boxes = twice ? [{ ...box, keepHeaders }, box] : [{ ...box, keepHeaders }];
          const scan = scanSheet(sheetXml(rows), "sheet.xml", "Net Assets", boxes, STRINGS);

          const kept: string[] = [];
          const damaged: string[] = [];
          const read = new Set<number>();
          rows.forEach((cells, r) => {
            const row = r + 1;
            if (row < box.top || row > box.bottom) return;
            let marked = false;
            cells.forEach((cell, c) => {
              const column = c + 1;
              if (cell === undefined || column < box.left || column > box.right) return;
              const value = plainValue(cell);
              if (value === "damaged") damaged.push(address(row, column));
              const shown = value === "damaged" ? null : value;
              if (row === box.top) {
                if (keepHeaders(shown)) read.add(column);
              } else if (!read.has(column)) {
                // Another column's cell is kept only to show the row is not blank: when no cell
                // before it in the row has shown that.
                if (marked || isBlank(shown)) return;
                marked = true;
              } else if (!isBlank(shown)) marked = true;
              kept.push(`${address(row, column)}=${JSON.stringify(shown)}`);
            });
          });
          const cells = scan.cells[0]!;
          expect(
            Array.from(
              cells.rows,
              (row, i) => `${address(row, cells.columns[i]!)}=${JSON.stringify(cells.values[i])}`
            )
          ).toEqual(kept);
          // Each box that holds a damaged cell reports it, in sheet order.
          const where = scan.problems.map((p) => /cell ([A-Z]+\d+):/.exec(p)?.[1]);
          expect(where).toEqual(twice ? damaged.flatMap((a) => [a, a]) : damaged);
        }
      ),
      { numRuns: 1500 }
    );
  });

  it("a shared string is read as the table holds it, and the table's strings are copies of their own", async () => {
    async function* chunks() {
      yield `<sst xmlns="${MAIN}"><si><t>Growth fund, class B shares</t></si><si/><si><r><t>Net </t></r><r><t>assets</t></r></si></sst>`;
    }
    const items = await sharedStringItems(chunks, "xl/sharedStrings.xml");
    expect(items).toEqual(["Growth fund, class B shares", "", "Net assets"]);
    const xml = sheetXml([
      [
        { type: "s", value: "0" },
        { type: "s", value: " 2 " },
      ],
    ]);
    const scan = scanSheet(
      xml,
      "sheet.xml",
      "Net Assets",
      [{ top: 1, left: 1, bottom: 1, right: 2 }],
      items
    );
    expect(scan.cells[0]!.values).toEqual(["Growth fund, class B shares", "Net assets"]);
    expect(scan.problems).toEqual([]);
  });
});
