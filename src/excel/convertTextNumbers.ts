/// <reference types="office-js" />
/**
 * "Convert to numbers" (SPEC §4: where the fix of a repeated mistake is mechanical, a button
 * that fixes it): the text cells of an area that plainly spell a number ("100,000,000.00")
 * become that number with the amount format; anything else — a formula, a real number, text
 * that is not plainly a number — is left as it was. Read and written a slice at a time, one
 * sync per slice, under Excel's payload limits.
 */
import { numberFromText } from "../workbook/textNumbers";
import type { ExcelRun } from "./excelRun";
import { READ_BUDGET_CELLS } from "./payload";

/** The amount format the plan tables use. */
const AMOUNT_FORMAT = "#,##0.00";

export interface ConvertResult {
  converted: number;
  /** Text cells left as they were because they are not plainly numbers. */
  leftAsText: number;
  message: string;
}

/** Converts the number-like text cells of `sheet!area`. `convertTextNumbers(Excel.run, "Net Assets", "C4:C985")`. */
export async function convertTextNumbers(
  run: ExcelRun,
  sheetName: string,
  area: string
): Promise<ConvertResult> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const whole = sheet.getRange(area).load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
    await context.sync();
    const rowsPerSlice = Math.max(1, Math.floor(READ_BUDGET_CELLS / whole.columnCount));
    let converted = 0;
    let leftAsText = 0;
    for (let start = 0; start < whole.rowCount; start += rowsPerSlice) {
      const count = Math.min(rowsPerSlice, whole.rowCount - start);
      const slice = sheet
        .getRangeByIndexes(whole.rowIndex + start, whole.columnIndex, count, whole.columnCount)
        .load(["formulas", "numberFormat"]);
      // One read and one write per slice: a column of 100,000 NAVs stays under the 5 MB limit.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
      let changed = false;
      const formulas = slice.formulas.map((row) =>
        row.map((cell) => {
          if (typeof cell !== "string" || cell === "" || cell.startsWith("=")) return cell;
          const value = numberFromText(cell);
          if (value === null) {
            leftAsText += 1;
            return cell;
          }
          converted += 1;
          changed = true;
          return value;
        })
      );
      if (!changed) continue;
      // A cell formatted as Text would keep a written number as text: the amount format goes first.
      slice.numberFormat = formulas.map((row, r) =>
        row.map((cell, c) =>
          typeof cell === "number" && typeof slice.formulas[r]![c] === "string"
            ? AMOUNT_FORMAT
            : String(slice.numberFormat[r]![c] ?? "General")
        )
      );
      slice.formulas = formulas as string[][];
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
    const left = leftAsText
      ? ` ${leftAsText.toLocaleString("en-US")} text ${leftAsText === 1 ? "cell is" : "cells are"} not plainly a number and ${leftAsText === 1 ? "was" : "were"} left as ${leftAsText === 1 ? "it was" : "they were"}.`
      : "";
    return {
      converted,
      leftAsText,
      message: `${converted.toLocaleString("en-US")} ${converted === 1 ? "cell" : "cells"} of sheet "${sheetName}", ${area}, now hold numbers.${left} Excel cannot undo this; press the button you pressed before again.`,
    };
  });
}
