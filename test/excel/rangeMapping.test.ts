/** The pure mapping step of Compute accruals on a selected range (src/excel/rangeMapping.ts). */
import { describe, expect, it } from "vitest";
import {
  mappedHeaders,
  mappingProblem,
  parseRangeAddress,
  rangeTableData,
  suggestMapping,
} from "../../src/excel/rangeMapping";

describe("range mapping", () => {
  it("parses office-js addresses", () => {
    expect(parseRangeAddress("'Net Assets'!B2:D10")).toEqual({
      sheet: "Net Assets",
      row: 1,
      column: 1,
      rows: 9,
      columns: 3,
    });
    expect(parseRangeAddress("NAV!$AA$3")).toEqual({
      sheet: "NAV",
      row: 2,
      column: 26,
      rows: 1,
      columns: 1,
    });
    expect(parseRangeAddress("'It''s'!A1:B2")?.sheet).toBe("It's");
    expect(parseRangeAddress("NAV!A:C")).toBeNull();
    expect(parseRangeAddress("NAV!A1:B2,NAV!D1")).toBeNull();
  });

  it("pre-fills the mapping from header names, ignoring case and spaces", () => {
    // "Fund" is now recognised as the portfolio column (issue 23), so it is pre-filled too.
    expect(suggestMapping(["  date", "Fund", "CLASS B  NET ASSETS"])).toEqual({
      Date: 0,
      Portfolio: 1,
      "Class B net assets": 2,
    });
  });

  it("recognises an accountant's own headers: NAV Date, Portfolio name, Net Assets Class B; each column once", () => {
    expect(suggestMapping(["NAV Date", "Portfolio name", "Net Assets Class B"])).toEqual({
      Date: 0,
      Portfolio: 1,
      "Class B net assets": 2,
    });
    expect(suggestMapping(["Class B NAV", "Valuation date", "Series"])).toEqual({
      Date: 1,
      Portfolio: 2,
      "Class B net assets": 0,
    });
    // Nothing that reads like a role: nothing chosen (and the pane will not Compute).
    expect(suggestMapping(["A", "B", "C"])).toEqual({
      Date: null,
      Portfolio: null,
      "Class B net assets": null,
    });
  });

  it("explains a bad mapping", () => {
    const headers = ["Day", "Fund", "NAV"];
    expect(
      mappingProblem(headers, { Date: null, Portfolio: 1, "Class B net assets": 2 }, 3)
    ).toMatch(/"Date"/);
    expect(
      mappingProblem(headers, { Date: 0, Portfolio: null, "Class B net assets": 2 }, 3)
    ).toMatch(/wide/);
    expect(mappingProblem(headers, { Date: 0, Portfolio: 2, "Class B net assets": 2 }, 3)).toMatch(
      /"NAV" is chosen for both "Portfolio" and "Class B net assets"/
    );
    expect(mappingProblem(headers, { Date: 0, Portfolio: 1, "Class B net assets": 5 }, 3)).toMatch(
      /not one of/
    );
    expect(mappingProblem(headers, { Date: 0, Portfolio: 1, "Class B net assets": 2 }, 0)).toMatch(
      /no data rows/
    );
    expect(
      mappingProblem(headers, { Date: 0, Portfolio: 1, "Class B net assets": 2 }, 3)
    ).toBeNull();
  });

  it("turns the mapped selection into the NetAssets TableData, keeping real cell positions", () => {
    const mapping = { Date: 1, Portfolio: 0, "Class B net assets": 3 };
    // An unmapped column named like a schema column cannot be taken for it.
    expect(mappedHeaders(["Fund", "As of", "Date", "NAV"], mapping)).toEqual([
      "Portfolio",
      "Date",
      "Date (not used)",
      "Class B net assets",
    ]);
    const data = rangeTableData(
      { sheet: "NAV", row: 2, column: 1, rows: 2, columns: 10 },
      [
        "Fund",
        "As of",
        "x",
        "NAV",
        "Days",
        "Rate",
        "Daily fee",
        "Month to date",
        "Cap headroom",
        "Accrual note",
      ],
      [["Growth", 45659, "", 1, 0, 0, 0, 0, 0, ""]],
      mapping
    );
    expect(data).toEqual({
      sheet: "NAV",
      name: "NetAssets",
      headers: ["Portfolio", "Date", "x", "Class B net assets"],
      rows: [["Growth", 45659, "", 1]],
      firstRow: 4,
      firstColumn: 2,
    });
  });
});
