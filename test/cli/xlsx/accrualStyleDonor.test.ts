import { describe, expect, it } from "vitest";
import {
  ACCRUAL_STYLE_DONOR,
  renderAccrualStyleDonor,
} from "../../../src/cli/xlsx/accrualStyleDonor";

describe("the accrual columns' styles", () => {
  it("kept as text are what ExcelJS renders for bold headers and the columns' formats today", async () => {
    expect(await renderAccrualStyleDonor()).toEqual({
      styles: ACCRUAL_STYLE_DONOR.styles,
      header: [...ACCRUAL_STYLE_DONOR.header],
      data: [...ACCRUAL_STYLE_DONOR.data],
    });
  });

  it("name a bold font for the headers and each column's number format for the data", () => {
    const { styles, header, data } = ACCRUAL_STYLE_DONOR;
    const xfs = [...styles.matchAll(/<cellXfs\b[\s\S]*?<\/cellXfs>/g)][0]![0].match(
      /<xf\b[^>]*>/g
    )!;
    const fonts = styles.match(/<font>[\s\S]*?<\/font>/g)!;
    for (const index of header)
      expect(fonts[Number(/fontId="(\d+)"/.exec(xfs[index]!)![1])]).toContain("<b/>");
    // Days: built-in 1 ("0"); Rate: 0.000%; money: #,##0.00;[Red]-#,##0.00; note: built-in 49 ("@").
    const formatOf = (index: number) => {
      const id = /numFmtId="(\d+)"/.exec(xfs[index]!)![1]!;
      return (
        new RegExp(`<numFmt numFmtId="${id}" formatCode="([^"]*)"`).exec(styles)?.[1] ??
        `builtin ${id}`
      );
    };
    expect(data.map(formatOf)).toEqual([
      "builtin 1",
      "0.000%",
      "#,##0.00;[Red]-#,##0.00",
      "#,##0.00;[Red]-#,##0.00",
      "#,##0.00;[Red]-#,##0.00",
      "builtin 49",
    ]);
  });
});
