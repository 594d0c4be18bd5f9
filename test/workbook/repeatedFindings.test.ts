import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { areaOf, groupRepeated, messageShape } from "../../src/workbook/repeatedFindings";
import { isNumberTypedAsText, numberFromText } from "../../src/workbook/textNumbers";

const textNav = (row: number, text: string) => ({
  severity: "error",
  rule: "input",
  message: `Class B net assets holds text "${text}", not an amount; enter it as a number.`,
  source: {
    sheet: "Net Assets",
    table: "NetAssets",
    row,
    column: "Class B net assets",
    // The header is on sheet row 1, so table row r is sheet row r + 1.
    address: `C${row + 1}`,
  },
});

describe("a mistake repeated over many rows is one finding (SPEC §4)", () => {
  it("1,000 text NAVs in C2:C1001 are one group with the range and a count of 1,000", () => {
    const findings = Array.from({ length: 1000 }, (_, i) =>
      textNav(i + 1, (100_000_000 + i).toLocaleString("en-US"))
    );
    const groups = groupRepeated(findings);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.members).toHaveLength(1000);
    expect(groups[0]!.area).toBe("C2:C1001");
    expect(groups[0]!.first).toBe(findings[0]);
  });

  it("two repeats stay two lines; a different column or message is another group; order is kept", () => {
    const other = { ...textNav(5, "x"), message: "Date holds text, not a date." };
    const groups = groupRepeated([textNav(1, "1"), other, textNav(2, "2")]);
    expect(groups.map((g) => g.members.length)).toEqual([1, 1, 1]);
    expect(groups[1]!.first).toBe(other);
    const three = groupRepeated([textNav(1, "1"), other, textNav(2, "2"), textNav(9, "3")]);
    expect(three.map((g) => [g.members.length, g.area])).toEqual([
      [3, "C2:C10"],
      [1, "C6"],
    ]);
  });

  it("what differs row to row is taken out of the message: quoted text and numbers", () => {
    expect(messageShape('Growth: 2025-01-03 holds "1,000.00" in row 12')).toBe(
      'Growth: # holds "…" in row #'
    );
  });

  it("the area spans every cell given: columns by width then letter", () => {
    expect(areaOf(["B4", "AA2", "C9"])).toBe("B2:AA9");
    expect(areaOf(["C4"])).toBe("C4");
    expect(areaOf(["C4", undefined])).toBeNull();
  });

  it("property: the groups hold every finding exactly once", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.boolean()), { maxLength: 60 }),
        (rows) => {
          const findings = rows.map(([row, isText]) =>
            isText ? textNav(row, String(row)) : { ...textNav(row, "x"), message: "other" }
          );
          const groups = groupRepeated(findings);
          const members = groups.flatMap((g) => g.members);
          expect(members).toHaveLength(findings.length);
          expect(new Set(members).size).toBe(findings.length);
        }
      )
    );
  });
});

describe("numbers typed as text", () => {
  it("reads what is plainly a number, and nothing else", () => {
    expect(numberFromText("100,000,000.00")).toBe(100_000_000);
    expect(numberFromText(" 73,000,000.05 ")).toBe(73_000_000.05);
    expect(numberFromText("$1,250.50")).toBe(1250.5);
    expect(numberFromText("(1,250.50)")).toBe(-1250.5);
    expect(numberFromText("-12.5")).toBe(-12.5);
    expect(numberFromText("1,00")).toBeNull();
    expect(numberFromText("12,3456")).toBeNull();
    expect(numberFromText("n/a")).toBeNull();
    expect(numberFromText("")).toBeNull();
    expect(numberFromText("-(5)")).toBeNull();
  });

  it("property: a number written with thousands separators reads back as itself", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (cents) => {
        const text = (cents / 100).toLocaleString("en-US", {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        });
        expect(numberFromText(text)).toBe(cents / 100);
      })
    );
  });

  it("knows the reader's refusal of a number typed as text", () => {
    expect(isNumberTypedAsText(textNav(1, "100,000,000.00").message)).toBe(true);
    expect(isNumberTypedAsText(textNav(1, "ask custodian").message)).toBe(false);
    expect(isNumberTypedAsText("Date holds a number, not a date.")).toBe(false);
  });
});
